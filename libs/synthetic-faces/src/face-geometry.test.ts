import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACTION_UNITS, EXPRESSION_ACTION_UNITS, type ActionUnit } from './action-units';
import { faceGeometry, type FaceGeometry } from './face-geometry';
import { symmetricIdentity } from './test-scene.fixture';

const identity = symmetricIdentity();
const rest = faceGeometry(identity, {});
const moved = (unit: ActionUnit) => faceGeometry(identity, { [unit]: 1 });

/** What each action unit must change, as FACS describes it (person's left side; the face is symmetric). */
const EFFECTS: Record<ActionUnit, (face: FaceGeometry) => boolean> = {
  1: (f) => f.brows[1].innerY > rest.brows[1].innerY + 0.05 && f.brows[1].innerY - rest.brows[1].innerY > f.brows[1].outerY - rest.brows[1].outerY,
  2: (f) => f.brows[1].outerY > rest.brows[1].outerY + 0.05 && f.brows[1].outerY - rest.brows[1].outerY > f.brows[1].innerY - rest.brows[1].innerY,
  4: (f) => f.brows[1].innerY < rest.brows[1].innerY - 0.05 && f.brows[1].innerX < rest.brows[1].innerX && f.lines.glabella > rest.lines.glabella,
  5: (f) => f.eyes[1].upper > rest.eyes[1].upper + 0.02,
  6: (f) => f.cheekRaise > rest.cheekRaise && f.eyes[1].lower < rest.eyes[1].lower && f.lines.crowsFeet > rest.lines.crowsFeet,
  7: (f) => f.eyes[1].upper < rest.eyes[1].upper && f.eyes[1].lower < rest.eyes[1].lower && f.eyes[1].lowerLidTension > 0.5,
  9: (f) => f.noseWingRaise > 0.01 && f.lines.nose > rest.lines.nose,
  10: (f) => f.mouth.openUpper > rest.mouth.openUpper + 0.01 && f.noseWingRaise > 0,
  12: (f) => f.mouth.cornerLift[1] > rest.mouth.cornerLift[1] + 0.05 && f.mouth.halfWidth > rest.mouth.halfWidth && f.lines.nasolabial > rest.lines.nasolabial,
  15: (f) => f.mouth.cornerLift[1] < rest.mouth.cornerLift[1] - 0.05,
  16: (f) => f.mouth.openLower > rest.mouth.openLower + 0.01,
  20: (f) => f.mouth.halfWidth > rest.mouth.halfWidth + 0.05,
  23: (f) => f.mouth.upperLip < rest.mouth.upperLip * 0.6 && f.mouth.halfWidth < rest.mouth.halfWidth,
  25: (f) => f.mouth.openLower + f.mouth.openUpper > rest.mouth.openLower + rest.mouth.openUpper,
  26: (f) => f.mouth.openLower > rest.mouth.openLower + 0.06 && f.jawDrop > 0.04,
  27: (f) => f.mouth.openLower > moved(26).mouth.openLower && f.jawDrop > moved(26).jawDrop,
};

test('each action unit moves the features it names, and only with its amplitude', () => {
  for (const unit of ACTION_UNITS) {
    assert.ok(EFFECTS[unit](moved(unit)), `AU${unit} does not move its features`);
    assert.equal(faceGeometry(identity, { [unit]: 0 }), rest, `AU${unit} at 0 changes the face`);
  }
});

test('AU12 raises the mouth corners more the stronger it is; AU15 lowers them', () => {
  const lift = (units: Record<number, number>) => faceGeometry(identity, units).mouth.cornerLift[0];
  assert.ok(lift({ 12: 0.4 }) > lift({}) && lift({ 12: 1 }) > lift({ 12: 0.4 }));
  assert.ok(lift({ 15: 1 }) < lift({}));
});

test('a face at rest is symmetric unless the identity is asymmetric', () => {
  assert.is(rest.eyes[0].x, -rest.eyes[1].x);
  assert.equal(rest.brows[0], rest.brows[1]);
  const lopsided = faceGeometry({ ...identity, asymmetry: { brow: 0.01, eye: 0, mouthCorner: 0.01 } }, {});
  assert.ok(lopsided.brows[1].innerY > lopsided.brows[0].innerY);
  assert.ok(lopsided.mouth.cornerLift[1] > lopsided.mouth.cornerLift[0]);
});

test('every expression prototype uses known action units', () => {
  for (const [expression, units] of Object.entries(EXPRESSION_ACTION_UNITS)) {
    for (const unit of Object.keys(units)) assert.ok(ACTION_UNITS.includes(Number(unit) as ActionUnit), `${expression}: AU${unit}`);
  }
  assert.equal(Object.keys(EXPRESSION_ACTION_UNITS.HA), ['6', '12', '25']);
  assert.equal(Object.keys(EXPRESSION_ACTION_UNITS.SA), ['1', '4', '15']);
  assert.equal(Object.keys(EXPRESSION_ACTION_UNITS.SU), ['1', '2', '5', '26']);
  assert.equal(Object.keys(EXPRESSION_ACTION_UNITS.FE), ['1', '2', '4', '5', '20', '26']);
  assert.equal(Object.keys(EXPRESSION_ACTION_UNITS.AN), ['4', '5', '7', '23']);
  assert.equal(EXPRESSION_ACTION_UNITS.NE, {});
});

test.run();

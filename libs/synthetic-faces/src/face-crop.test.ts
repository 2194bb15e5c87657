import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { faceCropFraming } from './face-crop';
import { personIdentity, planImage } from './plan';
import { SYNTHETIC_PRESETS } from './presets';
import { REGION, type Region } from './region';
import { renderFace } from './render-face';
import { symmetricIdentity, testScene } from './test-scene.fixture';

const NO_JITTER = { scale: 1, offsetX: 0, offsetY: 0 };
const SIZE = 48;
const FEATURES: readonly Region[] = [REGION.eyeRight, REGION.eyeLeft, REGION.brow, REGION.nose, REGION.lips, REGION.mouthOpening];

test('the crop of a symmetric face is centred when frontal, mirrored at -yaw, and shifted toward the turned face', () => {
  const identity = symmetricIdentity();
  const frontal = faceCropFraming(identity, { yaw: 0, pitch: 0, roll: 0 }, NO_JITTER);
  assert.ok(Math.abs(frontal.offsetX) < 1e-12, `frontal offsetX ${frontal.offsetX}`);
  for (const yaw of [30, 45, 90]) {
    const plus = faceCropFraming(identity, { yaw, pitch: 0, roll: 0 }, NO_JITTER);
    const minus = faceCropFraming(identity, { yaw: -yaw, pitch: 0, roll: 0 }, NO_JITTER);
    assert.ok(plus.offsetX > 0.2 && Math.abs(plus.offsetX + minus.offsetX) < 1e-12, `yaw ${yaw}: ${plus.offsetX} vs ${minus.offsetX}`);
    assert.ok(Math.abs(plus.offsetY - minus.offsetY) < 1e-12 && Math.abs(plus.scale - minus.scale) < 1e-12);
  }
  const jittered = faceCropFraming(identity, { yaw: 0, pitch: 0, roll: 0 }, { scale: 1.1, offsetX: 0.02, offsetY: -0.03 });
  assert.ok(Math.abs(jittered.scale - frontal.scale * 1.1) < 1e-12 && Math.abs(jittered.offsetX - 0.02) < 1e-12 && Math.abs(jittered.offsetY - frontal.offsetY + 0.03) < 1e-12);
});

test('framed by the crop, the face fills the frame at every yaw: the features between the edges, eyes in the top third, mouth in the bottom', () => {
  const identity = symmetricIdentity();
  for (const yaw of [-90, -45, 0, 45, 90]) {
    const pose = { yaw, pitch: 0, roll: 0 };
    const image = renderFace({ ...testScene(yaw), framing: faceCropFraming(identity, pose, NO_JITTER) }, SIZE);
    const rows: number[] = [];
    const columns: number[] = [];
    const upper: number[] = [];
    const lower: number[] = [];
    image.region.forEach((region, pixel) => {
      if (!FEATURES.includes(region as Region)) return;
      rows.push(Math.floor(pixel / SIZE));
      columns.push(pixel % SIZE);
      if (region === REGION.eyeLeft || region === REGION.eyeRight || region === REGION.brow) upper.push(Math.floor(pixel / SIZE));
      if (region === REGION.lips || region === REGION.mouthOpening) lower.push(Math.floor(pixel / SIZE));
    });
    // MFE's crops (sec. 3.2.2): the eye region is about the top third of the face, the mouth region the bottom third.
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    assert.ok(mean(upper) < SIZE / 3 && mean(lower) >= (2 * SIZE) / 3, `yaw ${yaw}: eyes and brows at row ${mean(upper)}, lips at ${mean(lower)}`);
    const [top, bottom, left, right] = [Math.min(...rows), Math.max(...rows), Math.min(...columns), Math.max(...columns)];
    assert.ok(top >= 2 && bottom <= SIZE - 3 && left >= 2 && right <= SIZE - 3, `yaw ${yaw}: features at rows ${top}-${bottom}, columns ${left}-${right}`);
    // From the brows to the mouth is most of the frame's height, whatever the yaw: the crop is not a head-and-shoulders view.
    assert.ok(bottom - top > 0.55 * SIZE, `yaw ${yaw}: features span rows ${top}-${bottom}`);
  }
});

test('at +-90 degrees the generated kdef faces show the eye, brow, nose and lips, hair hides little, the face in the frame (first 12 people)', () => {
  const preset = SYNTHETIC_PRESETS['synthetic-kdef'];
  for (let subject = 0; subject < 12; subject++) {
    const identity = personIdentity(preset, '0', subject);
    for (const yaw of [-90, 90]) {
      const image = planImage(preset, '0', preset.subjects, identity, { subject, expression: 'HA', intensity: 4, yaw, session: 'A' }, 'train');
      const count = new Map<number, number>();
      let column = 0;
      let features = 0;
      renderFace(image.scene, SIZE).region.forEach((region, pixel) => {
        count.set(region, (count.get(region) ?? 0) + 1);
        if (FEATURES.includes(region as Region)) {
          column += pixel % SIZE;
          features++;
        }
      });
      const at = (...regions: Region[]) => regions.reduce((sum: number, region) => sum + (count.get(region) ?? 0), 0);
      const where = `person ${subject} (${identity.hair.style} hair), yaw ${yaw}`;
      // Long hair hung from the temples over the cheek covered 32-44% of these frames; the lips 6-16 pixels.
      assert.ok(at(REGION.hair) < 0.2 * SIZE * SIZE, `${where}: hair ${at(REGION.hair)} pixels`);
      assert.ok(at(REGION.lips, REGION.mouthOpening) >= 12, `${where}: lips ${at(REGION.lips, REGION.mouthOpening)} pixels`);
      assert.ok(at(REGION.eyeLeft, REGION.eyeRight) >= 2 && at(REGION.brow) >= 4 && at(REGION.nose) >= 30, `${where}: eye ${at(REGION.eyeLeft, REGION.eyeRight)}, brow ${at(REGION.brow)}, nose ${at(REGION.nose)}`);
      const centre = column / features / SIZE;
      assert.ok(yaw > 0 ? centre > 0.5 && centre < 0.8 : centre > 0.2 && centre < 0.5, `${where}: features centred at ${centre.toFixed(2)} of the width`);
    }
  }
});

test.run();

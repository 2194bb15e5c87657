import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ellipsoid } from './ellipsoid';
import { faceGeometry } from './face-geometry';
import { headModel } from './head-model';
import { personIdentity } from './plan';
import { SYNTHETIC_PRESETS } from './presets';

test('Ellipsoid.support: the surface point furthest along a direction, where the normal is that direction (pitched too)', () => {
  const shape = new Ellipsoid(0.1, 0.2, 0.3, 0.5, 1, 0.3, 0.4);
  const normal = new Float64Array(3);
  for (const direction of [
    [0, 0, 1],
    [0.3, -0.5, 0.8],
    [-1, 0.2, 0],
  ]) {
    const [x, y, z] = shape.support(direction[0], direction[1], direction[2]);
    shape.normal(x, y, z, normal);
    const length = Math.hypot(...direction);
    direction.forEach((value, k) => assert.ok(Math.abs(normal[k] - value / length) < 1e-9, `direction ${direction}: normal ${[...normal]}`));
    // On the surface: a ray from far along the direction enters the ellipsoid there.
    const t = new Float64Array(2);
    shape.aim(-direction[0], -direction[1], -direction[2]);
    assert.ok(shape.intersect(x + direction[0] * 5, y + direction[1] * 5, z + direction[2] * 5, t) && Math.abs(t[0] - 5) < 1e-6, `direction ${direction}: enters at ${t[0]}`);
  }
});

test('the mouth curves back to its corners: each corner at least 0.09 head units behind the lips\' middle (first 20 kdef people)', () => {
  for (let subject = 0; subject < 20; subject++) {
    const identity = personIdentity(SYNTHETIC_PRESETS['synthetic-kdef'], '0', subject);
    const face = faceGeometry(identity, {});
    const head = headModel(identity, face);
    const front = (x: number) => Math.max(head.lowerFace.frontZ(x, face.mouth.y), head.muzzle.frontZ(x, face.mouth.y));
    // On the lower face alone the corner was 0.036-0.065 behind: one or two pixels at 48x48 in profile.
    const depth = front(0) - front(face.mouth.halfWidth);
    assert.ok(depth >= 0.09, `person ${subject}: the corner ${depth.toFixed(3)} behind the middle`);
  }
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { drawFlip, mirroredPoseClasses, mirroredYaw } from './flip';

test('a mirrored face turns the other way: the yaw negated, 0 stays +0, unknown stays unknown', () => {
  assert.equal([45, -90, 30].map(mirroredYaw), [-45, 90, -30]);
  assert.ok(Object.is(mirroredYaw(0), 0));
  assert.is(mirroredYaw(null), null);
});

test("each pose class's mirror class in a yaw vocabulary; -1 where the vocabulary lacks the mirrored yaw", () => {
  assert.equal([...mirroredPoseClasses([-90, -45, 0, 45, 90])], [4, 3, 2, 1, 0]);
  assert.equal([...mirroredPoseClasses([-30, -15, 0, 15, 30])], [4, 3, 2, 1, 0]);
  assert.equal([...mirroredPoseClasses([0, 45, 90, -45])], [0, 3, -1, 1]);
});

test('a flip is a function of (seed, sample): about half by default, none at 0, all at 1, another seed others', () => {
  const flips = (seed: string, p?: number) => Array.from({ length: 400 }, (_, i) => drawFlip(seed, i, p));
  const half = flips('epoch 1');
  const count = half.filter(Boolean).length;
  assert.ok(count > 160 && count < 240, `${count} of 400`);
  assert.equal(flips('epoch 1'), half);
  assert.not.equal(flips('epoch 2'), half);
  assert.ok(flips('epoch 1', 0).every((f) => !f));
  assert.ok(flips('epoch 1', 1).every(Boolean));
  assert.throws(() => drawFlip('epoch 1', 0, 2), /augmentation flipProbability must be in \[0, 1\], got 2/);
});

test.run();

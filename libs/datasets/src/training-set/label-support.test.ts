import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labelSupport } from './label-support';

/** `size` images whose pose and identity labels are known on the first `posed` and `identified` of them. */
const labels = (size: number, posed: number, identified: number) => ({
  size,
  pose: Int32Array.from({ length: size }, (_, i) => (i < posed ? i % 3 : -1)),
  identity: Int32Array.from({ length: size }, (_, i) => (i < identified ? i % 4 : -1)),
});

test('every label on every image: HPE and JEFL allowed', () => {
  assert.equal(labelSupport(labels(12, 12, 12)), { hpe: { allowed: true }, jefl: { allowed: true } });
});

test('no pose and no identity (SFEW without its CSV): both off, the reasons naming the counts', () => {
  assert.equal(labelSupport(labels(958, 0, 0)), {
    hpe: { allowed: false, reason: '0 of 958 training images have a yaw label' },
    jefl: { allowed: false, reason: '0 of 958 training images have a yaw label and 0 of 958 training images have an identity label' },
  });
});

test('poses without identities: HPE on, JEFL off; identities without poses: both off', () => {
  assert.equal(labelSupport(labels(30, 30, 0)), { hpe: { allowed: true }, jefl: { allowed: false, reason: '0 of 30 training images have an identity label' } });
  assert.equal(labelSupport(labels(30, 0, 30)), {
    hpe: { allowed: false, reason: '0 of 30 training images have a yaw label' },
    jefl: { allowed: false, reason: '0 of 30 training images have a yaw label' },
  });
});

test('labels on some images but not all are an error naming the counts and what to complete', () => {
  assert.throws(
    () => labelSupport(labels(958, 500, 958)),
    /^training labels: 500 of 958 training images have a yaw label and 458 do not, but HPE, JEFL and Algorithm 1's five-tuples need one on every image: label the other 458, or remove the yaw labels to train without those parts$/,
  );
  assert.throws(() => labelSupport(labels(10, 0, 9)), /9 of 10 training images have an identity label and 1 do not, but JEFL and Algorithm 1's five-tuples need one/);
  assert.throws(() => labelSupport(labels(10, 3, 9)), /3 of 10 training images have a yaw label .*; 9 of 10 training images have an identity label/);
});

test.run();

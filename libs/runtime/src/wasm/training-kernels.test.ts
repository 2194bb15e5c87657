import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initBackend } from '../backend';
import { setConvStrategy, type ConvStrategy } from './conv-as-matmul';
import { liveMemory, maxRelativeError, valuesOn } from '../testing';

const TOLERANCE = 1e-4;

test.before(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

interface ConvCase {
  x: [number, number, number, number];
  filter: number;
  outChannels: number;
  stride: number;
  pad: 'same' | 'valid';
}

// Every kernel size and stride the ResNets use, both paddings, odd and even sizes, batch and channel 1.
const CASES: ConvCase[] = [];
for (const filter of [1, 3, 7]) {
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      CASES.push({ x: [2, 9, 8, 3], filter, outChannels: 4, stride, pad });
      CASES.push({ x: [1, 11, 13, 1], filter, outChannels: 2, stride, pad });
    }
  }
}
CASES.push({ x: [3, 4, 4, 5], filter: 3, outChannels: 6, stride: 3, pad: 'same' });
CASES.push({ x: [2, 2, 2, 16], filter: 3, outChannels: 8, stride: 1, pad: 'same' });

/** conv2d(x, W), and d/dx and d/dW of sum(conv2d(x, W) * R) for a fixed random R (every output its own weight). */
function convGrads(c: ConvCase): tf.Tensor[] {
  const x = tf.randomNormal(c.x, 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal([c.filter, c.filter, c.x[3], c.outChannels], 0, 1, 'float32', 2) as tf.Tensor4D;
  const f = (a: tf.Tensor, b: tf.Tensor) => {
    const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad);
    return tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 3)));
  };
  return [tf.conv2d(x, w, c.stride, c.pad), ...tf.grads(f)([x, w])];
}

// Both ways the wasm kernels compute a convolution (XNNPACK convolutions, im2col matrix products) on every case.
for (const strategy of ['xnnpack', 'matmul'] as ConvStrategy[]) {
  for (const c of CASES) {
    test(`${strategy}: conv2d and its gradients match the cpu backend: x ${c.x} ${c.filter}x${c.filter} stride ${c.stride} ${c.pad}`, async () => {
      const expected = await valuesOn('cpu', () => convGrads(c));
      const previous = setConvStrategy(strategy);
      const actual = await valuesOn('wasm', () => convGrads(c));
      setConvStrategy(previous);
      ['output', 'input gradient', 'filter gradient'].forEach((what, i) => {
        const error = maxRelativeError(expected[i], actual[i]);
        assert.ok(error < TOLERANCE, `${what}: relative error ${error}`);
      });
    });
  }
}

for (const strategy of ['xnnpack', 'matmul'] as ConvStrategy[]) {
  test(`${strategy}: a conv layer with bias and relu (the fused op) gets the cpu backend's gradients`, async () => {
    const grads = () => {
      const layer = tf.layers.conv2d({
        filters: 3,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.randomNormal({ seed: 4 }),
        biasInitializer: tf.initializers.randomNormal({ seed: 5 }),
      });
      const x = tf.randomNormal([2, 7, 7, 2], 0, 1, 'float32', 6);
      const weights = () => layer.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val);
      layer.apply(x);
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar, weights());
      const out = [layer.apply(x) as tf.Tensor, ...weights().map((w) => grads[w.name])];
      layer.dispose();
      return out;
    };
    const expected = await valuesOn('cpu', grads);
    const previous = setConvStrategy(strategy);
    const actual = await valuesOn('wasm', grads);
    setConvStrategy(previous);
    ['output', 'kernel gradient', 'bias gradient'].forEach((what, i) => {
      assert.ok(maxRelativeError(expected[i], actual[i]) < TOLERANCE, what);
    });
  });
}

test('the gather gradient (UnsortedSegmentSum) matches the cpu backend, repeated and unused rows included', async () => {
  const grads = () => {
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 7);
    const indices = tf.tensor1d([4, 0, 4, 2, 4, 0], 'int32');
    return tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.gather(a, indices), tf.randomNormal([6, 3], 0, 1, 'float32', 8))))(x);
  };
  const [expected] = await valuesOn('cpu', grads);
  const [actual] = await valuesOn('wasm', grads);
  assert.ok(maxRelativeError(expected, actual) < TOLERANCE);
  assert.is(actual[3], 0, 'row 1 is never gathered: zero gradient');
});

// Max pooling as ResNet's stem has it (3x3, stride 2, 'same'), and the other windows, strides and paddings.
const POOLS: { x: [number, number, number, number]; size: number; stride: number; pad: 'same' | 'valid' }[] = [
  { x: [2, 9, 8, 3], size: 3, stride: 2, pad: 'same' },
  { x: [2, 9, 8, 3], size: 3, stride: 2, pad: 'valid' },
  { x: [1, 11, 13, 2], size: 3, stride: 1, pad: 'same' },
  { x: [3, 8, 8, 5], size: 2, stride: 2, pad: 'valid' },
  { x: [1, 7, 5, 4], size: 2, stride: 3, pad: 'same' },
  { x: [2, 4, 4, 1], size: 1, stride: 1, pad: 'valid' },
];

for (const p of POOLS) {
  test(`the max-pool gradient matches the cpu backend: x ${p.x} ${p.size}x${p.size} stride ${p.stride} ${p.pad}`, async () => {
    const grads = () => {
      const x = tf.randomNormal(p.x, 0, 1, 'float32', 9);
      const f = (a: tf.Tensor) => {
        const y = tf.maxPool(a as tf.Tensor4D, p.size, p.stride, p.pad);
        return tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 10)));
      };
      return [tf.grad(f)(x)];
    };
    const [expected] = await valuesOn('cpu', grads);
    const [actual] = await valuesOn('wasm', grads);
    assert.ok(maxRelativeError(expected, actual) < TOLERANCE);
  });
}

test('max-pool ties (zeros after ReLU) send the gradient where the cpu backend does: the first maximum of the window', async () => {
  const grads = () => {
    const x = tf.relu(tf.randomNormal([2, 6, 6, 3], -0.5, 1, 'float32', 11));
    return [tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 3, 2, 'same')))(x)];
  };
  const [expected] = await valuesOn('cpu', grads);
  const [actual] = await valuesOn('wasm', grads);
  assert.equal(Array.from(actual), Array.from(expected));
  // Hand-made: one window of four equal values; the whole gradient goes to the first.
  const [one] = await valuesOn('wasm', () => [tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid')))(tf.zeros([1, 2, 2, 1]))]);
  assert.equal(Array.from(one), [1, 0, 0, 0]);
});

// Batch norm as the model runs it (per-channel parameters, with and without offset and scale) and the shapes
// the replacement leaves to the stock kernel (parameters that vary along other axes).
const NORMS: { x: number[]; params: number[]; offset: boolean; scale: boolean }[] = [
  { x: [2, 5, 4, 3], params: [3], offset: true, scale: true },
  { x: [2, 5, 4, 3], params: [3], offset: false, scale: false },
  { x: [7, 6], params: [6], offset: true, scale: false },
  { x: [2, 3, 3, 4], params: [1], offset: false, scale: true },
  { x: [2, 3, 3, 4], params: [3, 1, 4], offset: true, scale: true },
];

for (const n of NORMS) {
  test(`batch norm matches the cpu backend: x ${n.x}, parameters ${n.params}${n.offset ? ', offset' : ''}${n.scale ? ', scale' : ''}`, async () => {
    const run = () => {
      const p = (seed: number) => tf.randomNormal(n.params, 0, 1, 'float32', seed);
      const x = tf.randomNormal(n.x, 2, 3, 'float32', 12);
      const y = tf.batchNorm(x, p(13), tf.abs(p(14)), n.offset ? p(15) : undefined, n.scale ? p(16) : undefined, 1e-3);
      return [y];
    };
    const [expected] = await valuesOn('cpu', run);
    const [actual] = await valuesOn('wasm', run);
    assert.ok(maxRelativeError(expected, actual) < TOLERANCE);
  });
}

test('UnsortedSegmentSum drops ids outside [0, numSegments), as the cpu backend does', async () => {
  const run = () => tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]), tf.tensor1d([1, -1, 1, 3], 'int32'), 3);
  const [expected] = await valuesOn('cpu', run);
  const [actual] = await valuesOn('wasm', run);
  assert.equal(Array.from(actual), Array.from(expected));
  assert.equal(Array.from(actual), [0, 0, 6, 8, 0, 0], "rows 0 and 2 sum into segment 1; ids -1 and 3 are dropped");
});

for (const strategy of ['xnnpack', 'matmul'] as ConvStrategy[]) {
  test(`${strategy}: the training kernels leak no tensors and no wasm buffers`, async () => {
    await tf.setBackend('wasm');
    const previous = setConvStrategy(strategy);
    const poolGrad = (x: tf.Tensor) => tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 3, 2, 'same')))(x);
    const norm = (x: tf.Tensor) => tf.batchNorm(x, tf.ones([3]), tf.ones([3]), tf.zeros([3]), tf.ones([3]));
    const step = () => tf.tidy(() => [...CASES.slice(0, 8).flatMap(convGrads), poolGrad(tf.randomNormal([2, 9, 8, 3])), norm(tf.randomNormal([2, 4, 4, 3]))].map((t) => t.sum()));
    tf.dispose(step());
    const before = liveMemory();
    for (let i = 0; i < 3; i++) tf.dispose(step());
    setConvStrategy(previous);
    assert.equal(liveMemory(), before);
  });
}

test.run();

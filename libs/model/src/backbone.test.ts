import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initBackend } from '@dmlnet/runtime';
import { applyBackbone, backboneOutputWidth, backboneSpec } from './backbone';

test.before(async () => {
  await initBackend({ backend: 'cpu', log: null, environment: false });
});

function trainableParams(name: string, size: number): { params: number; features: number[] } {
  const image = tf.input({ shape: [size, size, 3] });
  const model = tf.model({ inputs: image, outputs: applyBackbone(image, backboneSpec(name), 'face') });
  const params = model.trainableWeights.reduce((sum, w) => sum + tf.util.sizeFromShape(w.shape as number[]), 0);
  const features = model.outputs[0].shape.slice(1) as number[];
  model.dispose();
  return { params, features };
}

// The oracle: torchvision's published totals (11,689,512 and 25,557,032) minus their 1000-way fc layer.
test('ResNet-18 has exactly the trainable parameters of torchvision resnet18 without its classifier', () => {
  const { params, features } = trainableParams('resnet18', 64);
  assert.is(params, 11_689_512 - (512 * 1000 + 1000));
  assert.equal(features, [512]);
});

test('ResNet-50 has exactly the trainable parameters of torchvision resnet50 without its classifier', () => {
  const { params, features } = trainableParams('resnet50', 64);
  assert.is(params, 25_557_032 - (2048 * 1000 + 1000));
  assert.equal(features, [2048]);
});

test('the narrow CPU variant is ResNet-18 at a quarter of the width', () => {
  assert.is(backboneOutputWidth(backboneSpec('resnet18-narrow')), 128);
  assert.equal(trainableParams('resnet18-narrow', 32).features, [128]);
});

test('an unknown backbone is a clear error listing the choices', () => {
  assert.throws(() => backboneSpec('vgg16'), /unknown backbone 'vgg16': expected one of resnet50, resnet18, resnet18-narrow/);
});

test.run();

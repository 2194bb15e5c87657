import * as tf from '@tensorflow/tfjs';
import { BatchNorm } from './layers/batch-norm';

/** Residual backbones of He et al. (2016): the paper uses ResNet-50; smaller ones fit a CPU. */
export type BackboneName = 'resnet50' | 'resnet18' | 'resnet18-narrow';

export interface BackboneSpec {
  block: 'basic' | 'bottleneck';
  /** Residual blocks per stage. */
  blocks: readonly number[];
  /** Inner width of each stage (a bottleneck block outputs 4x this). */
  widths: readonly number[];
  /** Output channels of the 7x7, stride-2 stem convolution. */
  stemWidth: number;
}

export const BACKBONES: Readonly<Record<BackboneName, BackboneSpec>> = {
  resnet50: { block: 'bottleneck', blocks: [3, 4, 6, 3], widths: [64, 128, 256, 512], stemWidth: 64 },
  resnet18: { block: 'basic', blocks: [2, 2, 2, 2], widths: [64, 128, 256, 512], stemWidth: 64 },
  // ResNet-18's layout at a quarter of its width, for training on a CPU.
  'resnet18-narrow': { block: 'basic', blocks: [2, 2, 2, 2], widths: [16, 32, 64, 128], stemWidth: 16 },
};

export function backboneSpec(name: string): BackboneSpec {
  const spec = (BACKBONES as Record<string, BackboneSpec | undefined>)[name];
  if (spec === undefined) {
    throw new Error(`unknown backbone '${name}': expected one of ${Object.keys(BACKBONES).join(', ')}`);
  }
  return spec;
}

/** Feature width of a backbone after global average pooling. */
export function backboneOutputWidth(spec: BackboneSpec): number {
  const last = spec.widths[spec.widths.length - 1];
  return spec.block === 'bottleneck' ? last * 4 : last;
}

type Layerish = tf.SymbolicTensor;

/** A seed per layer from the model's seed and the layer's name: one seed gives one model, in any build order. */
export function layerSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5 ^ seed; // FNV-1a
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function conv(x: Layerish, filters: number, kernelSize: number, strides: number, name: string, seed: number): Layerish {
  const kernelInitializer = tf.initializers.heNormal({ seed: layerSeed(seed, name) });
  return tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer, name }).apply(x) as Layerish;
}

function bn(x: Layerish, name: string): Layerish {
  return new BatchNorm({ momentum: 0.9, epsilon: 1e-5, name }).apply(x) as Layerish;
}

function relu(x: Layerish, name: string): Layerish {
  return tf.layers.activation({ activation: 'relu', name }).apply(x) as Layerish;
}

function residualBlock(x: Layerish, spec: BackboneSpec, width: number, strides: number, name: string, seed: number): Layerish {
  const inChannels = x.shape[x.shape.length - 1] as number;
  const outChannels = spec.block === 'bottleneck' ? width * 4 : width;
  let y: Layerish;
  if (spec.block === 'basic') {
    y = relu(bn(conv(x, width, 3, strides, `${name}_conv1`, seed), `${name}_bn1`), `${name}_relu1`);
    y = bn(conv(y, width, 3, 1, `${name}_conv2`, seed), `${name}_bn2`);
  } else {
    y = relu(bn(conv(x, width, 1, 1, `${name}_conv1`, seed), `${name}_bn1`), `${name}_relu1`);
    y = relu(bn(conv(y, width, 3, strides, `${name}_conv2`, seed), `${name}_bn2`), `${name}_relu2`);
    y = bn(conv(y, outChannels, 1, 1, `${name}_conv3`, seed), `${name}_bn3`);
  }
  const shortcut =
    strides === 1 && inChannels === outChannels
      ? x
      : bn(conv(x, outChannels, 1, strides, `${name}_proj`, seed), `${name}_proj_bn`);
  const sum = tf.layers.add({ name: `${name}_add` }).apply([y, shortcut]) as Layerish;
  return relu(sum, `${name}_out`);
}

/**
 * Applies a backbone to an image tensor [N, H, W, 3] and returns its globally pooled features.
 * Every layer name starts with `prefix`, so several backbones (MFE's three channels) can share a model;
 * the initial weights follow from `seed` and the layer names.
 */
export function applyBackbone(input: Layerish, spec: BackboneSpec, prefix: string, seed = 0): Layerish {
  let x = conv(input, spec.stemWidth, 7, 2, `${prefix}_stem_conv`, seed);
  x = relu(bn(x, `${prefix}_stem_bn`), `${prefix}_stem_relu`);
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: `${prefix}_stem_pool` }).apply(x) as Layerish;
  spec.blocks.forEach((count, stage) => {
    for (let b = 0; b < count; b++) {
      const strides = b === 0 && stage > 0 ? 2 : 1;
      x = residualBlock(x, spec, spec.widths[stage], strides, `${prefix}_s${stage + 1}b${b + 1}`, seed);
    }
  });
  return tf.layers.globalAveragePooling2d({ name: `${prefix}_pool` }).apply(x) as Layerish;
}

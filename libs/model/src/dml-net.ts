import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { booleanField, closedObject, expected, parseConfig, wholeField } from '@dmlnet/options';
import { BACKBONES, applyBackbone, backboneOutputWidth, backboneSpec, layerSeed, type BackboneName } from './backbone';

export const DENSE_INITIALIZATIONS = ['table1', 'glorot-uniform'] as const;
export type DenseInitialization = (typeof DENSE_INITIALIZATIONS)[number];

const BACKBONE_NAMES = Object.keys(BACKBONES) as [BackboneName, ...BackboneName[]];

/** Everything createDmlNet needs; the switches are the ablation's steps (paper Table 8). */
export const dmlNetConfigSchema = closedObject({
  /** The paper uses ResNet-50; 'resnet18-narrow' trains on a CPU. */
  backbone: z.enum(BACKBONE_NAMES, expected(`one of ${BACKBONE_NAMES.join(', ')}`)),
  /**
   * Height and width of the (standardised) face image. The paper resizes to 224. At least 32: the backbone downsamples
   * 32 times, so smaller faces (and MFE's thirds of them) end as a single pixel anyway.
   */
  inputSize: wholeField(32),
  expressions: wholeField(2),
  poses: wholeField(2),
  /** MFE (sec. 3.2.2): three backbones on face, eyes and mouth fused by Algorithm 2; off = one backbone. */
  mfe: booleanField(),
  /** JEFL (sec. 3.2.3): an embedding of the fused features that the triplet losses shape. */
  jefl: booleanField(),
  /** HPE: the head-pose classification branch beside the FER branch (sec. 3.2.4). */
  hpe: booleanField(),
  /** Width of both fusion layers of Algorithm 2. Default: the backbone's feature width. */
  fusionUnits: wholeField(1).exactOptional(),
  /** Size of the JEFL embedding. Default 128. */
  embeddingSize: wholeField(1).exactOptional(),
  /** L2-normalise the embedding (FaceNet), so the triplet margins have a fixed scale. Default true. */
  normalizeEmbedding: booleanField().exactOptional(),
  /** Width of the fully connected layer each branch has before its softmax. Default 256. */
  branchUnits: wholeField(1).exactOptional(),
  /**
   * How the fully connected layers (fusion, branches, softmax classifiers, embedding) start. 'table1' (default): the
   * paper's zero-centred normal, std 1/512 for the softmax layers and 0.04 for the others. 'glorot-uniform': Glorot and
   * Bengio (2010), for a backbone trained from scratch in a few epochs, where Table 1's init leaves FER at the level of
   * two classes (see the cpu profile and README: "Why the CPU models did not learn").
   */
  denseInitialization: z.enum(DENSE_INITIALIZATIONS, expected(`one of ${DENSE_INITIALIZATIONS.join(', ')}`)).exactOptional(),
  /** Seed of every initialiser, so one seed gives one model. Default 0. */
  seed: wholeField(0).exactOptional(),
});

export type DmlNetConfig = z.infer<typeof dmlNetConfigSchema>;

/** The names tools use to pick outputs and layers. */
export const DML_OUTPUTS = { fer: 'fer_logits', pose: 'pose_logits', embedding: 'embedding' } as const;

/** Layers of the HPE branch, which the paper trains frozen first ("we first froze the PC branch"). */
export const POSE_BRANCH_LAYERS = ['pose_features', DML_OUTPUTS.pose] as const;

/** The softmax classifiers (their logits): one unit per class of the dataset trained on (Table 1's std 1/512 layers). */
export const SOFTMAX_LAYERS = [DML_OUTPUTS.fer, DML_OUTPUTS.pose] as const;

export type ResolvedDmlNetConfig = Required<DmlNetConfig>;

/**
 * Checks every field (dmlNetConfigSchema; an error names it: `DML-Net config: inputSize: expected a whole number of at least 32,
 * got 16`) and fills in the defaults.
 */
export function resolveDmlNetConfig(config: DmlNetConfig): ResolvedDmlNetConfig {
  parseConfig(dmlNetConfigSchema, config, { where: 'DML-Net config' });
  return {
    fusionUnits: backboneOutputWidth(backboneSpec(config.backbone)),
    embeddingSize: 128,
    normalizeEmbedding: true,
    branchUnits: 256,
    denseInitialization: 'table1',
    seed: 0,
    ...config,
  };
}

/**
 * Builds DML-Net (paper Fig. 4) as a tf.LayersModel whose outputs are named after DML_OUTPUTS:
 * always 'fer_logits', then 'pose_logits' with HPE and 'embedding' with JEFL.
 */
export function createDmlNet(config: DmlNetConfig): tf.LayersModel {
  const c = resolveDmlNetConfig(config);
  const spec = backboneSpec(c.backbone);
  const seed = (name: string) => layerSeed(c.seed, name);
  // Table 1: zero-centred normal initialisation, std 1/512 for the softmax layers and 0.04 for the other FC layers.
  const kernel = (name: string, softmax: boolean) =>
    c.denseInitialization === 'table1'
      ? tf.initializers.randomNormal({ mean: 0, stddev: softmax ? 1 / 512 : 0.04, seed: seed(name) })
      : tf.initializers.glorotUniform({ seed: seed(name) });
  const dense = (x: tf.SymbolicTensor, units: number, name: string, softmax = false) =>
    tf.layers
      .dense({
        units,
        name,
        activation: softmax ? 'linear' : 'relu',
        kernelInitializer: kernel(name, softmax),
      })
      .apply(x) as tf.SymbolicTensor;

  const image = tf.input({ shape: [c.inputSize, c.inputSize, 3], name: 'image' });
  const face = applyBackbone(image, spec, 'face', c.seed);
  let features: tf.SymbolicTensor;
  if (c.mfe) {
    // MFE regions from the resized face: the eye region is about the top third, the mouth region the bottom third.
    const third = Math.floor(c.inputSize / 3);
    const crop = (name: string, top: number, bottom: number) =>
      tf.layers.cropping2D({ cropping: [[top, bottom], [0, 0]], name }).apply(image) as tf.SymbolicTensor;
    const eyes = applyBackbone(crop('eye_region', 0, c.inputSize - third), spec, 'eyes', c.seed);
    const mouth = applyBackbone(crop('mouth_region', c.inputSize - third, 0), spec, 'mouth', c.seed);
    // Algorithm 2: f1 = ReLU([v2, v3] W1 + b1), then f2 = ReLU([v1, f1] W2 + b2).
    const local = tf.layers.concatenate({ name: 'fusion1_concat' }).apply([eyes, mouth]) as tf.SymbolicTensor;
    const f1 = dense(local, c.fusionUnits, 'fusion1');
    const joint = tf.layers.concatenate({ name: 'fusion2_concat' }).apply([face, f1]) as tf.SymbolicTensor;
    features = dense(joint, c.fusionUnits, 'fusion2');
  } else {
    features = face;
  }
  const outputs: tf.SymbolicTensor[] = [];
  // DWML branches (sec. 3.2.4): each a fully connected layer, then a softmax classifier (logits here). They read the
  // fused features that JEFL embeds, beside the embedding rather than through it, so that a triplet loss that
  // collapses the embedding (a known failure of batch-hard mining) cannot take FER and pose down with it.
  outputs.push(dense(dense(features, c.branchUnits, 'fer_features'), c.expressions, DML_OUTPUTS.fer, true));
  if (c.hpe) outputs.push(dense(dense(features, c.branchUnits, POSE_BRANCH_LAYERS[0]), c.poses, DML_OUTPUTS.pose, true));
  if (c.jefl) {
    // JEFL maps the fused features into the embedding space of eqs. 1-6.
    const name = c.normalizeEmbedding ? 'embedding_raw' : DML_OUTPUTS.embedding;
    let embedding = tf.layers
      .dense({ units: c.embeddingSize, name, kernelInitializer: kernel(name, false) })
      .apply(features) as tf.SymbolicTensor;
    if (c.normalizeEmbedding) {
      embedding = new L2Normalize({ name: DML_OUTPUTS.embedding }).apply(embedding) as tf.SymbolicTensor;
    }
    outputs.push(embedding);
  }
  return tf.model({ inputs: image, outputs, name: 'dml_net' });
}

/** The model's outputs by name: { fer, pose?, embedding? }. */
export interface DmlNetOutputs {
  fer: tf.Tensor2D;
  pose?: tf.Tensor2D;
  embedding?: tf.Tensor2D;
}

/** Runs the model and picks its outputs by name (training: batch statistics in batch norm). */
export function runDmlNet(model: tf.LayersModel, images: tf.Tensor4D, training: boolean): DmlNetOutputs {
  const raw = model.apply(images, { training }) as tf.Tensor | tf.Tensor[];
  const tensors = Array.isArray(raw) ? raw : [raw];
  const byName = new Map(model.outputNames.map((name, i) => [name, tensors[i] as tf.Tensor2D]));
  const fer = byName.get(DML_OUTPUTS.fer);
  if (fer === undefined) throw new Error(`model '${model.name}' has no '${DML_OUTPUTS.fer}' output: not a DML-Net`);
  return { fer, pose: byName.get(DML_OUTPUTS.pose), embedding: byName.get(DML_OUTPUTS.embedding) };
}

/** Scales each row to unit L2 norm (with an epsilon, so a zero row stays finite). */
export class L2Normalize extends tf.layers.Layer {
  static readonly className = 'DmlL2Normalize';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), -1, true), 1e-12))));
  }
}

tf.serialization.registerClass(L2Normalize);

export { BACKBONES, applyBackbone, backboneOutputWidth, backboneSpec } from './backbone';
export type { BackboneName, BackboneSpec } from './backbone';
export { DENSE_INITIALIZATIONS, DML_OUTPUTS, L2Normalize, POSE_BRANCH_LAYERS, SOFTMAX_LAYERS, createDmlNet, dmlNetConfigSchema, resolveDmlNetConfig, runDmlNet } from './dml-net';
export type { DenseInitialization, DmlNetConfig, DmlNetOutputs, ResolvedDmlNetConfig } from './dml-net';
export { BatchNorm, batchNormTraining } from './layers/batch-norm';
export { fileIO, loadWeights } from './io/file-io';
export type { LoadWeightsReport } from './io/file-io';
export { transferWeights } from './transfer-weights';
export type { WeightTransferReport } from './transfer-weights';

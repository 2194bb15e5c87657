export { BACKENDS, backendChoice, backendInfo, describeBackend, initBackend, threadCount } from './backend';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend';
export type { GpuAdapter } from './webgpu/dawn';
export { installWasmTrainingKernels, uninstallWasmTrainingKernels, wasmTrainingKernels } from './wasm/training-kernels';
export { setConvStrategy, wasmConvPlan } from './wasm/conv-as-matmul';
export type { ConvOp, ConvStrategy } from './wasm/conv-as-matmul';

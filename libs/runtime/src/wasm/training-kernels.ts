import { findBackend, getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input';
import { conv2dConfig, fusedConv2dConfig } from './conv2d-forward';
import { fusedBatchNormConfig } from './batch-norm';
import { maxPoolGradConfig } from './max-pool-grad';
import { forgetStockKernels, hasStockKernels, rememberStockKernel } from './stock-kernels';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum';

/** The kernels dmlnet adds to (or replaces in) the wasm backend so that it can train, and train fast. */
export const wasmTrainingKernels: readonly KernelConfig[] = [
  conv2dConfig,
  fusedConv2dConfig,
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  unsortedSegmentSumConfig,
  maxPoolGradConfig,
  fusedBatchNormConfig,
];

/**
 * Registers the training kernels for 'wasm', keeping the stock ones to fall back on and restore. Idempotent.
 * Call it after the wasm backend is initialised: the stock kernels bind to the wasm module at that moment.
 */
export function installWasmTrainingKernels(): void {
  if (hasStockKernels()) return;
  if (findBackend('wasm') === null) {
    throw new Error("installWasmTrainingKernels: initialise the wasm backend first (tf.setBackend('wasm'))");
  }
  for (const config of wasmTrainingKernels) {
    const stock = getKernel(config.kernelName, 'wasm');
    rememberStockKernel(config.kernelName, stock);
    if (stock !== undefined) unregisterKernel(config.kernelName, 'wasm');
    registerKernel(config);
  }
}

/** Puts the stock wasm kernels back (for comparisons in tests and benchmarks). */
export function uninstallWasmTrainingKernels(): void {
  for (const [kernelName, stock] of forgetStockKernels()) {
    unregisterKernel(kernelName, 'wasm');
    if (stock !== undefined) registerKernel(stock);
  }
}

import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';

/** The wasm backend's own kernels that dmlnet replaced, kept for the shapes the replacements leave to them. */
const stock = new Map<string, KernelConfig | undefined>();

export function rememberStockKernel(kernelName: string, config: KernelConfig | undefined): void {
  stock.set(kernelName, config);
}

export function forgetStockKernels(): Map<string, KernelConfig | undefined> {
  const all = new Map(stock);
  stock.clear();
  return all;
}

export function hasStockKernels(): boolean {
  return stock.size > 0;
}

export function stockKernelFunc(kernelName: string): KernelFunc {
  const config = stock.get(kernelName);
  if (config === undefined) throw new Error(`the stock wasm '${kernelName}' kernel is not available`);
  return config.kernelFunc;
}

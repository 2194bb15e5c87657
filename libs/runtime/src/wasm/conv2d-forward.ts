import {
  backend_util,
  Conv2D,
  FusedConv2D,
  type Conv2DAttrs,
  type FusedConv2DAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { im2col, prefersMatMul } from './conv-as-matmul';
import { stockKernelFunc } from './stock-kernels';
import { WasmOps } from './wasm-ops';

type ForwardArgs = {
  inputs: { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DAttrs & Partial<Pick<FusedConv2DAttrs, 'activation' | 'leakyreluAlpha'>>;
};

/** Forward convolution: im2col and one matrix product where weights dominate, else XNNPACK's own. */
function convForward(kernelName: string, args: ForwardArgs): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter, bias, preluActivationWeights } = inputs;
  const dataFormat = backend_util.convertConv2DDataFormat(attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    dataFormat,
  );
  if (dataFormat !== 'channelsLast' || !prefersMatMul(info, 'forward')) {
    return stockKernelFunc(kernelName)(args as never) as TensorInfo;
  }
  const ops = new WasmOps(backend);
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const y = ops.run(
    '_FusedMatMul',
    { a: im2col(ops, x, info), b: ops.reshape(filter, [1, k, info.outChannels]), bias, preluActivationWeights } as never,
    { transposeA: false, transposeB: false, activation: attrs.activation ?? 'linear', leakyreluAlpha: attrs.leakyreluAlpha ?? 0 },
  );
  return ops.finish(ops.reshape(y, info.outShape));
}

export const conv2dConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: ((args: ForwardArgs) => convForward(Conv2D, args)) as unknown as KernelFunc,
};

export const fusedConv2dConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'wasm',
  kernelFunc: ((args: ForwardArgs) => convForward(FusedConv2D, args)) as unknown as KernelFunc,
};

import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2dBackpropFilterByMatMul, prefersMatMul } from './conv-as-matmul';
import { WasmOps } from './wasm-ops';

/**
 * The filter gradient of a 2-D convolution as one forward convolution, so it runs on XNNPACK:
 *   dW[a,b,ci,co] = sum_{n,i,j} x[n, i*sh+a-pt, j*sw+b-pl, ci] * dy[n,i,j,co]
 * is a convolution of x^T ([Ci,H,W,N], batch and channels swapped) with dy^T ([Ho,Wo,N,Co]) as the
 * filter, dilated by the forward stride, with the forward padding; its output [Ci,fh,fw,Co] is dW^T.
 */
export function conv2dBackpropFilterWasm(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (backend_util.convertConv2DDataFormat(dataFormat) !== 'channelsLast') {
    throw new Error(`Conv2DBackpropFilter on wasm supports dataFormat NHWC only, got '${dataFormat}'`);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { inHeight: h, inWidth: w, outHeight: ho, outWidth: wo, padInfo } = info;
  const ops = new WasmOps(backend);
  if (prefersMatMul(info, 'backpropFilter')) return ops.finish(conv2dBackpropFilterByMatMul(ops, x, dy, info));
  // Rows/columns past the last one the forward window reached get no gradient: crop them (negative pad).
  const padBottom = fh - 1 + (ho - 1) * sh + 1 - h - padInfo.top;
  const padRight = fw - 1 + (wo - 1) * sw + 1 - w - padInfo.left;
  const xT = ops.transpose(x, [3, 1, 2, 0]);
  const image = cropOnly(ops, xT, padInfo.top, padBottom, padInfo.left, padRight);
  const filter = ops.transpose(dy, [1, 2, 0, 3]);
  const padding = [
    [0, 0],
    [padInfo.top, Math.max(0, padBottom)],
    [padInfo.left, Math.max(0, padRight)],
    [0, 0],
  ];
  const dwT = ops.run(
    'Conv2D',
    { x: image, filter },
    { strides: [1, 1], pad: padding, dilations: [sh, sw], dataFormat: 'NHWC', dimRoundingMode: undefined } as never,
  );
  return ops.finish(ops.transpose(dwT, [1, 2, 0, 3]));
}

/** Crops the sides whose padding is negative; positive padding is left to the convolution itself. */
function cropOnly(ops: WasmOps, x: TensorInfo, top: number, bottom: number, left: number, right: number) {
  return ops.padOrCrop(x, Math.min(0, top), Math.min(0, bottom), Math.min(0, left), Math.min(0, right));
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilterWasm as unknown as KernelFunc,
};

import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2dBackpropInputByMatMul, prefersMatMul } from './conv-as-matmul';
import { stockKernelFunc } from './stock-kernels';
import { WasmOps } from './wasm-ops';

/**
 * The input gradient of a 2-D convolution (a transposed convolution) as one forward convolution
 * followed by a pixel shuffle, so it runs on XNNPACK without the zeros a stride-dilated dy would hold.
 * With z = y + pt = q*s + r (0 <= r < s) and K = ceil(f/s) taps per phase:
 *   dx[z] = sum_{k<K} dy[q-k] * W[k*s + r]
 * i.e. for every phase r a correlation of dy (padded by K-1 in front) with the flipped sub-filter
 * G_r[kk] = W[(K-1-kk)*s + r]. All s*s phases are output channels of one convolution, laid out as
 * (ry, rx, ci); interleaving them (a pixel shuffle, as DepthToSpace does) gives rows z = q*s + r, and the
 * rows pt..pt+H-1 are dx.
 */
export function conv2dBackpropInputWasm(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (backend_util.convertConv2DDataFormat(dataFormat) !== 'channelsLast') {
    throw new Error(`Conv2DBackpropInput on wasm supports dataFormat NHWC only, got '${dataFormat}'`);
  }
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { inHeight: h, inWidth: w, inChannels: ci, outChannels: co, outHeight: ho, outWidth: wo } = info;
  const { top: pt, left: pl } = info.padInfo;
  if (prefersMatMul(info, 'backpropInput')) {
    const ops = new WasmOps(backend);
    return ops.finish(conv2dBackpropInputByMatMul(ops, dy, filter, info));
  }
  if (sh !== sw) {
    return stockKernelFunc(Conv2DBackpropInput)(args as never) as TensorInfo;
  }
  const s = sh;
  const kh = Math.ceil(fh / s);
  const kw = Math.ceil(fw / s);
  const ops = new WasmOps(backend);
  // G[kky, kkx, o, (ry, rx, c)] = W[(kh-1-kky)*s + ry, (kw-1-kkx)*s + rx, c, o]; taps past the filter's edge are 0.
  // W is transposed to [fh, fw, co, ci] by the wasm kernel, then each run of ci values is copied into place.
  const wT = ops.transpose(filter, [0, 1, 3, 2]);
  const phases = s * s * ci;
  const g = ops.make([kh, kw, co, phases], (out) => {
    const src = ops.view(wT);
    for (let a = 0; a < fh; a++) {
      const kky = kh - 1 - Math.floor(a / s);
      for (let b = 0; b < fw; b++) {
        const kkx = kw - 1 - Math.floor(b / s);
        const phase = ((a % s) * s + (b % s)) * ci;
        for (let o = 0; o < co; o++) {
          const from = ((a * fw + b) * co + o) * ci;
          out.set(src.subarray(from, from + ci), ((kky * kw + kkx) * co + o) * phases + phase);
        }
      }
    }
  });
  // Only the phase rows q0..q1 (and columns p0..p1) that hold rows z = y + pt of dx are computed:
  // the padded dy starts at dy row q0 - (kh-1) and ends at dy row q1, cropped where that lies inside dy.
  const q0 = Math.floor(pt / s);
  const q1 = Math.floor((pt + h - 1) / s);
  const p0 = Math.floor(pl / s);
  const p1 = Math.floor((pl + w - 1) / s);
  const dyWindow = ops.padOrCrop(dy, kh - 1 - q0, q1 - (ho - 1), kw - 1 - p0, p1 - (wo - 1));
  const phased = ops.run(
    'Conv2D',
    { x: dyWindow, filter: g },
    { strides: [1, 1], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC' } as never,
  );
  const dx = s === 1 ? phased : ops.make([dy.shape[0], h, w, ci], (out) => pixelShuffle(ops.view(phased), out));
  // Interleaves the s*s phases back into rows and columns: dx[n, y, x] = phased[n, q, p, (ry, rx)] with
  // y + pt = (q0 + q)*s + ry and x + pl = (p0 + p)*s + rx (DepthToSpace and the crop in one pass).
  function pixelShuffle(src: Float32Array, out: Float32Array): void {
    const [n, qh, qw] = phased.shape;
    for (let b = 0; b < n; b++) {
      for (let y = 0; y < h; y++) {
        const q = Math.floor((y + pt) / s) - q0;
        const ry = (y + pt) % s;
        for (let x = 0; x < w; x++) {
          const p = Math.floor((x + pl) / s) - p0;
          const from = ((b * qh + q) * qw + p) * phases + (ry * s + (x + pl) % s) * ci;
          out.set(src.subarray(from, from + ci), ((b * h + y) * w + x) * ci);
        }
      }
    }
  }
  return ops.finish(dx);
}

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInputWasm as unknown as KernelFunc,
};

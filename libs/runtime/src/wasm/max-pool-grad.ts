import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * The gradient of max pooling in one pass over the windows: each window's dy goes to the first position (scan
 * order, padding skipped) that holds the window's maximum, as the cpu backend picks it. The stock wasm MaxPoolGrad
 * searches the windows of every input position instead: 26 ms on ResNet's stem pooling at batch 16 and 64x64,
 * where this takes 12 (`npm run bench:kernels`) and the max pooling itself 1.
 */
export function maxPoolGradWasm(args: {
  inputs: { dy: TensorInfo; input: TensorInfo };
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: ho, outWidth: wo } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw, padInfo } = info;
  const dx = backend.makeOutput(input.shape, input.dtype);
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  const xs = backend.typedArrayFromHeap(input) as Float32Array;
  const grads = backend.typedArrayFromHeap(dy) as Float32Array;
  out.fill(0);
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        best.fill(-Infinity);
        where.fill(-1);
        for (let wy = 0; wy < fh; wy += dh) {
          const y = oy * sh - padInfo.top + wy;
          if (y < 0 || y >= h) continue;
          for (let wx = 0; wx < fw; wx += dw) {
            const x = ox * sw - padInfo.left + wx;
            if (x < 0 || x >= w) continue;
            const base = ((b * h + y) * w + x) * c;
            for (let k = 0; k < c; k++) {
              const v = xs[base + k];
              if (v > best[k]) {
                best[k] = v;
                where[k] = base + k;
              }
            }
          }
        }
        const dyBase = ((b * ho + oy) * wo + ox) * c;
        for (let k = 0; k < c; k++) if (where[k] >= 0) out[where[k]] += grads[dyBase + k];
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGradWasm as unknown as KernelFunc,
};

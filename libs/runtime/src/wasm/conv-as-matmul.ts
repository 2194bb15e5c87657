import { backend_util, type TensorInfo } from '@tensorflow/tfjs';
import type { WasmOps } from './wasm-ops';

type ConvInfo = backend_util.Conv2DInfo;

/**
 * XNNPACK's convolution re-packs its filter on every call, and in training every step brings new weights,
 * so a layer whose weights outweigh its activations (deep stages at a small input size) spends most of its
 * time packing. There the three convolutions of a step are better done as matrix products whose packed
 * operand is an activation-sized matrix:
 *   forward  y [M, co]     = cols [M, K] . W [K, co]
 *   input    dcolsT [K, M] = W [K, co] . dy^T [co, M]     then dx = col2im(dcolsT)
 *   filter   dW [K, co]    = colsT [K, M] . dy [M, co]
 * with M = N*Ho*Wo output pixels and K = fh*fw*ci patch values (im2col).
 */
export function prefersMatMul(info: ConvInfo, op: ConvOp): boolean {
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1 || strategy === 'xnnpack') return false;
  if (strategy === 'matmul') return true;
  // Crossovers measured per op by `npm run bench:conv` (ResNet-18 layers, batch 16, 64x64 input).
  const [m, k] = patchShape(info);
  const strided = info.strideHeight > 1 || info.strideWidth > 1;
  if (op === 'forward') return m <= k;
  if (op === 'backpropFilter') return m <= k / 2 || strided;
  return m <= k / 2 || (strided && m <= 32 * k);
}

export type ConvOp = 'forward' | 'backpropInput' | 'backpropFilter';

/** Which way each op of a 'same'-padded convolution runs under the current strategy (for benchmarks). */
export function wasmConvPlan(xShape: number[], filterShape: number[], stride: number): Record<ConvOp, 'xnnpack' | 'matmul'> {
  const info = backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    stride,
    1,
    'same',
  );
  const plan = (op: ConvOp) => (prefersMatMul(info, op) ? 'matmul' : 'xnnpack');
  return { forward: plan('forward'), backpropFilter: plan('backpropFilter'), backpropInput: plan('backpropInput') };
}

/** How convolutions run on wasm: chosen per layer ('auto'), or one way for all (tests, benchmarks). */
export type ConvStrategy = 'auto' | 'xnnpack' | 'matmul';
let strategy: ConvStrategy = 'auto';

export function setConvStrategy(next: ConvStrategy): ConvStrategy {
  const previous = strategy;
  strategy = next;
  return previous;
}

/** Visits every (output row m, patch column offset, input offset) pair that lies inside the image. */
function forEachPatch(info: ConvInfo, visit: (row: number, column: number, input: number) => void): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  let row = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++, row++) {
        for (let a = 0; a < filterHeight; a++) {
          const y = i * strideHeight + a - top;
          if (y < 0 || y >= inHeight) continue;
          for (let b = 0; b < filterWidth; b++) {
            const x = j * strideWidth + b - left;
            if (x < 0 || x >= inWidth) continue;
            visit(row, (a * filterWidth + b) * inChannels, ((n * inHeight + y) * inWidth + x) * inChannels);
          }
        }
      }
    }
  }
}

function patchShape(info: ConvInfo): [number, number] {
  return [info.batchSize * info.outHeight * info.outWidth, info.filterHeight * info.filterWidth * info.inChannels];
}

/** cols [1, M, K]: row m holds the (zero-padded) patch under output pixel m. */
export function im2col(ops: WasmOps, x: TensorInfo, info: ConvInfo): TensorInfo {
  const [m, k] = patchShape(info);
  const c = info.inChannels;
  return ops.make([1, m, k], (cols) => {
    const src = ops.view(x);
    forEachPatch(info, (row, column, input) => cols.set(src.subarray(input, input + c), row * k + column));
  });
}

/** colsT [1, K, M]: the transpose of im2col, built directly. */
export function im2colTransposed(ops: WasmOps, x: TensorInfo, info: ConvInfo): TensorInfo {
  const [m, k] = patchShape(info);
  const c = info.inChannels;
  return ops.make([1, k, m], (colsT) => {
    const src = ops.view(x);
    forEachPatch(info, (row, column, input) => {
      for (let ch = 0; ch < c; ch++) colsT[(column + ch) * m + row] = src[input + ch];
    });
  });
}

/** dx [N, H, W, ci] from dcolsT [K, M]: every patch value adds back to the input pixel it came from. */
export function col2imTransposed(ops: WasmOps, dcolsT: TensorInfo, info: ConvInfo): TensorInfo {
  const [m] = patchShape(info);
  const c = info.inChannels;
  return ops.make([info.batchSize, info.inHeight, info.inWidth, c], (dx) => {
    const src = ops.view(dcolsT);
    forEachPatch(info, (row, column, input) => {
      for (let ch = 0; ch < c; ch++) dx[input + ch] += src[(column + ch) * m + row];
    });
  });
}

/** The input gradient as W . dy^T followed by col2im. */
export function conv2dBackpropInputByMatMul(ops: WasmOps, dy: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const [m, k] = patchShape(info);
  const co = info.outChannels;
  const dyT = ops.transpose(ops.reshape(dy, [1, m, co]), [0, 2, 1]);
  const w = ops.reshape(filter, [1, k, co]);
  const dcolsT = ops.run('BatchMatMul', { a: w, b: dyT }, { transposeA: false, transposeB: false });
  return col2imTransposed(ops, dcolsT, info);
}

/** The filter gradient as colsT . dy, already in the filter's [fh, fw, ci, co] layout. */
export function conv2dBackpropFilterByMatMul(ops: WasmOps, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const [m] = patchShape(info);
  const co = info.outChannels;
  const colsT = im2colTransposed(ops, x, info);
  const dw = ops.run('BatchMatMul', { a: colsT, b: ops.reshape(dy, [1, m, co]) }, { transposeA: false, transposeB: false });
  return ops.reshape(dw, [info.filterHeight, info.filterWidth, info.inChannels, co]);
}

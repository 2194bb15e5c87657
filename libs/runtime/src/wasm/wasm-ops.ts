import { getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Runs the wasm backend's own kernels directly (no engine, no tape) so a composite kernel can be
 * built from them, and frees every intermediate it made when `dispose` is called.
 */
export class WasmOps {
  private readonly temps: TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  run(kernelName: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}): TensorInfo {
    const config = getKernel(kernelName, 'wasm');
    if (config === undefined) {
      throw new Error(`the wasm backend has no '${kernelName}' kernel, which dmlnet's training kernels need`);
    }
    const out = config.kernelFunc({ inputs, backend: this.backend, attrs }) as TensorInfo;
    this.temps.push(out);
    return out;
  }

  /**
   * A new zeroed float32 tensor on the wasm heap, filled by `fill` through a view of its memory.
   * Take views of other tensors inside `fill`: an allocation can grow the heap and detach older views.
   */
  make(shape: number[], fill: (values: Float32Array) => void): TensorInfo {
    const out = this.backend.makeOutput(shape, 'float32');
    const values = this.view(out);
    values.fill(0);
    fill(values);
    this.temps.push(out);
    return out;
  }

  view(t: TensorInfo): Float32Array {
    return this.backend.typedArrayFromHeap(t) as Float32Array;
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  /** Pads (positive) or crops (negative) rows and columns of an NHWC tensor in one place. */
  padOrCrop(x: TensorInfo, top: number, bottom: number, left: number, right: number): TensorInfo {
    let y = x;
    if (top < 0 || bottom < 0 || left < 0 || right < 0) {
      const [n, h, w, c] = y.shape;
      const t0 = Math.max(0, -top);
      const l0 = Math.max(0, -left);
      const size = [n, h - t0 - Math.max(0, -bottom), w - l0 - Math.max(0, -right), c];
      y = this.run('Slice', { x: y }, { begin: [0, t0, l0, 0], size });
    }
    const [pt, pb, pl, pr] = [top, bottom, left, right].map((p) => Math.max(0, p));
    if (pt + pb + pl + pr > 0) {
      const paddings = [[0, 0], [pt, pb], [pl, pr], [0, 0]];
      y = this.run('PadV2', { x: y }, { paddings, constantValue: 0 });
    }
    return y;
  }

  /** Hands `result` to the caller and frees every other intermediate. */
  finish(result: TensorInfo): TensorInfo {
    for (const t of this.temps) {
      if (t !== result) this.backend.disposeData(t.dataId);
    }
    this.temps.length = 0;
    return result;
  }
}

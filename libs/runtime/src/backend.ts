import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { installWasmTrainingKernels } from './wasm/training-kernels';
import { registerWasmBackend } from './wasm/wasm-module';

/** The backends dmlnet can run on, best first. */
export const BACKENDS = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendInfo {
  /** Which of dmlnet's backends runs. */
  name: BackendName;
  /** The tfjs backend it registered ('tensorflow', 'wasm' or 'cpu'). */
  tfBackend: string;
  /** What it is, in words: the library, the device, the threads. */
  detail: string;
  /** The better backends that were tried and why each could not be used. */
  skipped: { name: BackendName; reason: string }[];
  tfjsVersion: string;
}

export interface InitBackendOptions {
  /** A backend to force, or 'auto' for the best one present. Default: $DMLNET_BACKEND, else 'auto'. */
  backend?: string;
  /** Threads for the wasm backend. Default: $DMLNET_THREADS, else the cores Node reports (at most 8). */
  threads?: number;
  /** Where the one-line report goes; default stderr. Pass null for silence. */
  log?: ((line: string) => void) | null;
}

const require = createRequire(import.meta.url);
let current: BackendInfo | undefined;
let wasmDetail: string | undefined;

/** The backend in use, once `initBackend` has run. */
export function backendInfo(): BackendInfo {
  if (current === undefined) throw new Error('no backend initialised yet: call initBackend() first');
  return current;
}

/**
 * Picks and initialises the best backend present: tfjs-node-gpu, then tfjs-node, then the wasm backend
 * with dmlnet's training kernels, then the stock cpu backend. A forced backend that cannot load is an error.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const requested = options.backend ?? process.env['DMLNET_BACKEND'] ?? 'auto';
  const log = options.log === undefined ? (line: string) => process.stderr.write(`${line}\n`) : options.log;
  const source = options.backend !== undefined ? '--backend' : 'DMLNET_BACKEND';
  if (requested !== 'auto' && !(BACKENDS as readonly string[]).includes(requested)) {
    throw new Error(`${source}='${requested}' is not a backend: expected auto, ${BACKENDS.join(', ')}`);
  }
  const candidates: readonly BackendName[] = requested === 'auto' ? BACKENDS : [requested as BackendName];
  silenceCpuBanner();
  // Loading a backend twice in a process is not possible (the TensorFlow bindings) or not wanted (wasm threads).
  if (current !== undefined && (requested === 'auto' || requested === current.name)) {
    await tf.setBackend(current.tfBackend);
    return current;
  }
  const skipped: BackendInfo['skipped'] = [];
  for (const name of candidates) {
    let detail: string;
    try {
      detail = await LOADERS[name](options);
    } catch (error) {
      const reason = firstLine(error);
      if (requested !== 'auto') {
        throw new Error(`${source}='${requested}' was asked for, but it cannot be used: ${reason}`);
      }
      skipped.push({ name, reason });
      continue;
    }
    current = { name, tfBackend: tf.getBackend(), detail, skipped, tfjsVersion: tf.version.tfjs };
    log?.(describeBackend(current));
    return current;
  }
  throw new Error(`no backend could be initialised: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** One line for logs and run folders: "backend: wasm (...); skipped node-gpu (...), node (...)". */
export function describeBackend(info: BackendInfo): string {
  const skipped = info.skipped.map((s) => `${s.name} (${s.reason})`).join(', ');
  return `[dmlnet] backend: ${info.name}, ${info.detail}${skipped ? `; skipped ${skipped}` : ''}`;
}

const LOADERS: Record<BackendName, (options: InitBackendOptions) => Promise<string>> = {
  'node-gpu': () => loadTensorflow('@tensorflow/tfjs-node-gpu', true),
  node: () => loadTensorflow('@tensorflow/tfjs-node', false),
  wasm: async (options) => {
    // Its kernels bind to the first wasm module at start-up: later calls switch back to it, never reload it.
    if (wasmDetail !== undefined) {
      await setBackendQuietly('wasm');
      return wasmDetail;
    }
    const threads = wasmThreads(options);
    // Emscripten's runtime adds process handlers that rethrow every uncaught error from inside its
    // one-line bundle, so Node prints that whole line; remove them and keep Node's own reporting.
    const before = new Set([...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')]);
    let note = '';
    await registerWasmBackend(threads);
    if (!(await tf.setBackend('wasm'))) {
      if (threads === 1) throw new Error('the wasm backend failed to initialise');
      note = `; ${threads} threads failed to start, so 1`;
      await registerWasmBackend(1);
      await setBackendQuietly('wasm');
    }
    await tf.ready();
    installWasmTrainingKernels();
    for (const listener of process.listeners('uncaughtException')) {
      if (!before.has(listener)) process.removeListener('uncaughtException', listener);
    }
    for (const listener of process.listeners('unhandledRejection')) {
      if (!before.has(listener)) process.removeListener('unhandledRejection', listener);
    }
    const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
    const count = getThreadsCount();
    wasmDetail = `TensorFlow.js wasm (XNNPACK, SIMD, ${count} thread${count > 1 ? 's' : ''}${note}) with dmlnet's training kernels`;
    return wasmDetail;
  },
  cpu: async () => {
    await setBackendQuietly('cpu');
    return 'stock TensorFlow.js cpu backend (plain JavaScript: slow, for checks only)';
  },
};

/** XNNPACK's pool takes at most 8 threads (the workers tfjs's build starts). */
function wasmThreads(options: InitBackendOptions): number {
  const fromEnv = process.env['DMLNET_THREADS'];
  const threads = options.threads ?? (fromEnv !== undefined ? Number(fromEnv) : Math.min(8, os.availableParallelism()));
  if (!Number.isInteger(threads) || threads < 1 || threads > 8) {
    const source = options.threads !== undefined ? 'threads' : 'DMLNET_THREADS';
    throw new Error(`${source}=${options.threads ?? fromEnv} is not a thread count: expected a whole number from 1 to 8`);
  }
  return threads;
}

async function loadTensorflow(pkg: string, wantGpu: boolean): Promise<string> {
  try {
    require.resolve(pkg);
  } catch {
    throw new Error(`${pkg} is not installed`);
  }
  // Both packages register the same 'tensorflow' backend: only one may load in a process.
  if (tf.findBackend('tensorflow') !== null) throw new Error(`another TensorFlow binding is already loaded`);
  require(pkg);
  await setBackendQuietly('tensorflow');
  const onGpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
  const device = onGpu ? 'on the GPU' : wantGpu ? 'on the CPU: no CUDA device was found' : 'on the CPU';
  return `${pkg} (libtensorflow ${device})`;
}

async function setBackendQuietly(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

/**
 * The stock cpu backend prints "install our node backend" on first use in Node. dmlnet already says which
 * backend runs and why (and uses the cpu backend as the tests' oracle), so that advice would only mislead.
 */
function silenceCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu !== null) cpu.firstUse = false;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

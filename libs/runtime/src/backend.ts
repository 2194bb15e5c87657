import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { stderrLog } from '@dmlnet/files';
import { fromEnvironment, oneOf, readValue, wholeNumber } from '@dmlnet/options';
import { installWasmTrainingKernels } from './wasm/training-kernels';
import { registerWasmBackend } from './wasm/wasm-module';
import { describeAdapter, findDawnAdapter, startTfjsWebgpu, type GpuAdapter } from './webgpu/dawn';

/** The backends dmlnet can run on, best first. */
export const BACKENDS = ['node-gpu', 'webgpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendInfo {
  /** Which of dmlnet's backends runs. */
  name: BackendName;
  /** The tfjs backend it registered ('tensorflow', 'webgpu', 'wasm' or 'cpu'). */
  tfBackend: string;
  /** What it is, in words: the library, the device, the threads. */
  detail: string;
  /** The WebGPU adapter (vendor, architecture, ...), on the webgpu backend only. */
  adapter?: GpuAdapter;
  /** The better backends that were tried and why each could not be used. */
  skipped: { name: BackendName; reason: string }[];
  tfjsVersion: string;
}

export interface InitBackendOptions {
  /** A backend to force, or 'auto' for the best one present. Default: $DMLNET_BACKEND, else 'auto'. */
  backend?: string;
  /** Threads for the wasm backend. Default: $DMLNET_THREADS, else `defaultThreads`, else the cores Node reports (at most 8). */
  threads?: number;
  /**
   * The wasm backend's threads where neither `threads` nor $DMLNET_THREADS sets them (a sweep's cell: one each, two
   * cells at once). A default, not a request: other backends ignore it, where given threads are an error.
   */
  defaultThreads?: number;
  /** Where the one-line report goes; default stderr. Pass null for silence. */
  log?: ((line: string) => void) | null;
  /**
   * Whether DMLNET_BACKEND and DMLNET_THREADS apply (default true). False for code that picks its backend itself
   * whatever the user's shell holds: the tests' cpu oracle.
   */
  environment?: boolean;
}

/** What --backend and DMLNET_BACKEND take. */
export const backendChoice = oneOf(['auto', ...BACKENDS]);
/** What --threads and DMLNET_THREADS take: XNNPACK's pool runs at most 8 threads (the workers tfjs's build starts). */
export const threadCount = wholeNumber({ min: 1, max: 8 });

const require = createRequire(import.meta.url);
let current: BackendInfo | undefined;
let wasmDetail: string | undefined;
let wasmThreads: number | undefined;

/** The backend in use, once `initBackend` has run. */
export function backendInfo(): BackendInfo {
  if (current === undefined) throw new Error('no backend initialised yet: call initBackend() first');
  return current;
}

/**
 * Picks and initialises the best backend present: tfjs-node-gpu, then tfjs-backend-webgpu on Dawn (automatically
 * only on a hardware adapter; forced, a software one such as SwiftShader too), then tfjs-node, then the wasm backend
 * with dmlnet's training kernels, then the stock cpu backend. A setting given (a backend forced, a thread count) that
 * cannot be honoured is an error naming it, never a fall back to another backend: a bad value, threads with a
 * forced backend other than wasm or with one picked that has none, a forced backend or wasm threads that fail to load.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const backendFrom = options.backend !== undefined ? '--backend' : 'DMLNET_BACKEND';
  const environment = options.environment ?? true;
  const requested =
    options.backend !== undefined ? readValue('--backend', backendChoice, options.backend) : ((environment ? fromEnvironment('DMLNET_BACKEND', backendChoice) : undefined) ?? 'auto');
  const threadsFrom = options.threads !== undefined ? '--threads' : 'DMLNET_THREADS';
  const threads =
    options.threads !== undefined ? readValue('--threads', threadCount, options.threads) : environment ? fromEnvironment('DMLNET_THREADS', threadCount) : undefined;
  const threadsGiven = threads === undefined ? '' : `${threadsFrom} ${threads}`;
  if (threads !== undefined && requested !== 'auto' && requested !== 'wasm') {
    throw new Error(`${threadsGiven} sets the wasm backend's threads, but ${backendFrom} forces ${requested}: leave out one of them`);
  }
  const log = options.log === null ? null : (options.log ?? stderrLog());
  const candidates: readonly BackendName[] = requested === 'auto' ? BACKENDS : [requested];
  silenceCpuBanner();
  // Loading a backend twice in a process is not possible (the TensorFlow bindings) or not wanted (wasm threads).
  if (current !== undefined && (requested === 'auto' || requested === current.name)) {
    checkThreads(current.name, threads, threadsGiven);
    await tf.setBackend(current.tfBackend);
    return current;
  }
  const skipped: BackendInfo['skipped'] = [];
  for (const name of candidates) {
    let loaded: Loaded;
    try {
      loaded = await LOADERS[name](threads ?? options.defaultThreads, requested !== 'auto');
    } catch (error) {
      const reason = firstLine(error);
      // Wasm is the backend that takes threads: given some, it is the one asked for.
      if (name === 'wasm' && threads !== undefined) throw new Error(`${threadsGiven} was asked for, but the wasm backend cannot be used: ${reason}`);
      if (requested !== 'auto') throw new Error(`${backendFrom}='${requested}' was asked for, but it cannot be used: ${reason}`);
      skipped.push({ name, reason });
      continue;
    }
    checkThreads(name, threads, threadsGiven);
    current = { name, tfBackend: tf.getBackend(), ...loaded, skipped, tfjsVersion: tf.version.tfjs };
    log?.(describeBackend(current));
    return current;
  }
  throw new Error(`no backend could be initialised: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** Threads given are honoured, or an error: only wasm takes them, at the count it first loaded with. */
function checkThreads(name: BackendName, threads: number | undefined, given: string): void {
  if (threads === undefined) return;
  if (name !== 'wasm') throw new Error(`${given} sets the wasm backend's threads, but the backend is ${name}, which has none: force wasm (--backend wasm), or leave out the threads`);
  if (wasmThreads !== threads) throw new Error(`${given} was asked for, but the wasm backend already runs ${wasmThreads} thread(s) in this process`);
}

/** One line for logs and run folders: "backend: wasm (...); skipped node-gpu (...), node (...)". */
export function describeBackend(info: BackendInfo): string {
  const skipped = info.skipped.map((s) => `${s.name} (${s.reason})`).join(', ');
  return `[dmlnet] backend: ${info.name}, ${info.detail}${skipped ? `; skipped ${skipped}` : ''}`;
}

interface Loaded {
  detail: string;
  adapter?: GpuAdapter;
}

/** Each backend's loader: threads for wasm; `forced` when asked for by name (webgpu then takes a software adapter). */
const LOADERS: Record<BackendName, (threads: number | undefined, forced: boolean) => Promise<Loaded>> = {
  'node-gpu': async () => ({ detail: await loadTensorflow('@tensorflow/tfjs-node-gpu', true) }),
  webgpu: async (_threads, forced) => {
    const adapter = await findDawnAdapter();
    if (adapter.software && !forced) {
      throw new Error(`Dawn's only adapter is a software one (${adapter.description || adapter.architecture}), far too slow to train: force it with --backend webgpu for tests`);
    }
    await startTfjsWebgpu();
    return { detail: describeAdapter(adapter), adapter };
  },
  node: async () => ({ detail: await loadTensorflow('@tensorflow/tfjs-node', false) }),
  wasm: async (given) => {
    // Its kernels bind to the first wasm module at start-up: later calls switch back to it, never reload it.
    if (wasmDetail !== undefined) {
      await setBackendQuietly('wasm');
      return { detail: wasmDetail };
    }
    const threads = given ?? Math.min(8, os.availableParallelism());
    // Emscripten's runtime adds process handlers that rethrow every uncaught error from inside its
    // one-line bundle, so Node prints that whole line; remove them and keep Node's own reporting.
    const before = new Set([...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')]);
    let note = '';
    await registerWasmBackend(threads);
    if (!(await tf.setBackend('wasm'))) {
      if (threads === 1) throw new Error('the wasm backend failed to initialise');
      if (given !== undefined) throw new Error(`${threads} threads failed to start`);
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
    if (given !== undefined && count !== given) throw new Error(`it started ${count} thread(s), not ${given}`);
    wasmThreads = count;
    wasmDetail = `TensorFlow.js wasm (XNNPACK, SIMD, ${count} thread${count > 1 ? 's' : ''}${note}) with dmlnet's training kernels`;
    return { detail: wasmDetail };
  },
  cpu: async () => {
    await setBackendQuietly('cpu');
    return { detail: 'stock TensorFlow.js cpu backend (plain JavaScript: slow, for checks only)' };
  },
};

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

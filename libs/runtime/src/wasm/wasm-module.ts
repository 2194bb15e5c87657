import { registerBackend, removeBackend } from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The Emscripten module of the tfjs wasm backend, with the `tfjs` bindings BackendWasm expects. */
type WasmModule = Record<string, unknown> & {
  cwrap: (name: string, ret: string | null, args: string[]) => unknown;
  PThread?: { runningWorkers: { unref(): void }[] };
};

/**
 * Registers the 'wasm' backend on dmlnet's own loader, which tfjs's cannot do in Node for more than one thread
 * (tfjs issue 3830): with `threads` > 1 it loads the threaded SIMD build, starts its pthreads from a worker
 * file instead of a blob: URL (ERR_WORKER_PATH), and lifts the C++ cap of logical cores / 2 threads.
 * With 1 thread it loads the plain SIMD build. Kernels are tfjs's own either way: results are bit-identical.
 */
export async function registerWasmBackend(threads: number): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  removeBackend('wasm');
  registerBackend(
    'wasm',
    async () => {
      wasm.setThreadsCount(threads);
      const module = await createWasmModule(threads);
      const backend = new wasm.BackendWasm(module as never);
      // The pool's pthreads wait for work in worker threads that would keep Node alive after the program ends.
      for (const worker of module.PThread?.runningWorkers ?? []) worker.unref();
      return backend;
    },
    2,
  );
}

async function createWasmModule(threads: number): Promise<WasmModule> {
  // As in tfjs: the single-thread glue code loads the SIMD binary too.
  const glue = threads > 1 ? 'tfjs-backend-wasm-threaded-simd' : 'tfjs-backend-wasm';
  const mainScript = require.resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${glue}.js`);
  const factory = require(mainScript) as (config: object) => Promise<WasmModule>;
  const worker = fileURLToPath(new URL('./pthread-worker.cjs', import.meta.url));
  const binary = path.join(path.dirname(mainScript), threads > 1 ? `${glue}.wasm` : 'tfjs-backend-wasm-simd.wasm');
  const locateFile = (file: string) => (file.endsWith('.worker.js') ? worker : file.endsWith('.wasm') ? binary : file);
  // The C++ side caps its thread pool at emscripten_num_logical_cores() / 2 ("2 threads per core"), read from
  // os.cpus() while the module starts: report 2 * threads cores for that moment so the pool gets `threads`.
  const cpus = os.cpus;
  if (threads > 1) os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0]);
  let module: WasmModule;
  try {
    module = await factory({ locateFile });
  } finally {
    os.cpus = cpus;
  }
  module['tfjs'] = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

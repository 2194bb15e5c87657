import { spawnSync } from 'node:child_process';
import { stderrLog } from '@dmlnet/files';
import { initBackend, type BackendInfo, type BackendName } from '@dmlnet/runtime';

/** The exit status of a worker whose backend cannot load here, or is not worth measuring unasked (it says why). */
const CANNOT_LOAD = 2;

/**
 * A benchmark worker's backend: `backend` forced, or an exit with CANNOT_LOAD (after saying why) where it cannot
 * load, or where it is webgpu on a software adapter (SwiftShader: minutes a step) and the backends were not `named`.
 */
export async function workerBackend(bench: string, backend: BackendName, named: boolean): Promise<BackendInfo> {
  const log = stderrLog(bench);
  try {
    const info = await initBackend({ backend });
    if (info.adapter?.software && !named) throw new Error(`only a software adapter (${info.adapter.description}): name webgpu in --backends to measure it`);
    return info;
  } catch (error) {
    log(`${backend}: ${(error as Error).message}`);
    process.exit(CANNOT_LOAD);
  }
}

/**
 * Runs `script` once per backend, each in its own process (the two TensorFlow bindings cannot share one; a worker
 * gets `--worker <backend>` after the parent's arguments) and returns the JSON line each printed last. Backends
 * `named` that cannot load are failures; of the `present` ones, those are skipped. Throws naming the failures.
 */
export function runPerBackend<T>(bench: string, script: string, backends: { named?: readonly BackendName[]; present: readonly BackendName[] }): T[] {
  const log = stderrLog(bench);
  const results: T[] = [];
  const failed: string[] = [];
  for (const backend of backends.named ?? backends.present) {
    log(`${backend}: measuring...`);
    const env: NodeJS.ProcessEnv = { ...process.env, DMLNET_BACKEND: backend };
    // DMLNET_THREADS sets the wasm backend's threads: the others have none, and would refuse it.
    if (backend !== 'wasm') delete env['DMLNET_THREADS'];
    const child = spawnSync(process.execPath, [...process.execArgv, script, ...process.argv.slice(2), '--worker', backend], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    // Not available here, as the child said: skipped when measuring whatever is present, an error when named.
    if (child.status === CANNOT_LOAD && backends.named === undefined) continue;
    if (child.status !== 0 || !line.startsWith('{')) {
      failed.push(`${backend} (exit ${child.status ?? child.signal})`);
      continue;
    }
    results.push(JSON.parse(line) as T);
  }
  if (failed.length > 0) {
    for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
    throw new Error(`not measured: ${failed.join(', ')} (the lines above say why)`);
  }
  return results;
}

/** Helpers for tests of any project: a script run as a command runs it; a call that must fail. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as assert from 'uvu/assert';
import { CRASH_AT_VARIABLE } from './crash-point';

/** Long enough for a smoke run on a loaded 2-core machine, short enough that a hung child fails its test. */
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Runs a TypeScript file in a new Node process as a command runs (`node --import tsx <script> <args>`) and returns
 * it finished: exit status or signal, stdout and stderr as UTF-8 text. The environment is this process's with
 * DMLNET_DEBUG and DMLNET_CRASH_AT off (one line is all an error prints, and no crash plan leaks in from the test's
 * shell), then `env` over it (undefined removes a variable). A child still running after `timeoutMs` (default
 * 300 s) is killed (SIGTERM), so a hang fails the test instead of holding it.
 */
export function runScript(script: string, args: readonly string[] = [], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    env: { ...process.env, DMLNET_DEBUG: undefined, [CRASH_AT_VARIABLE]: undefined, ...options.env },
  });
}

/**
 * Calls `run` (sync or async) and returns the error it throws or rejects with, after checking its message: a string
 * must equal it, a RegExp must match it. Fails the test, naming `expected`, when `run` succeeds.
 */
export async function rejects(run: () => unknown, expected?: string | RegExp): Promise<Error> {
  let thrown: unknown;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) assert.unreachable(`expected an error${expected === undefined ? '' : ` (${String(expected)})`}, but it succeeded`);
  const error = thrown as Error;
  if (typeof expected === 'string') assert.is(error.message, expected);
  else if (expected !== undefined) assert.match(error.message, expected);
  return error;
}

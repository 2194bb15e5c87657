/**
 * Test hook: named places where a test makes this process die as a SIGKILL or a power loss would, or makes the write
 * there fail as a full disk would. Inert unless the environment variable DMLNET_CRASH_AT names a point:
 *
 *   DMLNET_CRASH_AT=<point>:<n>          the process SIGKILLs itself the n-th time it reaches <point>
 *   DMLNET_CRASH_AT=<point>:<n>:<CODE>   the n-th time, the write there fails with the system error CODE (e.g. ENOSPC)
 *
 * Deterministic (a count, not a timer), so a test lands inside a checkpoint write or inside a synthetic set's
 * generation every time. Used by the end-to-end tests of the commands (libs/experiments/src/testing.ts).
 */
import { getSystemErrorMap } from 'node:util';
import { WriteError } from './write-error';

/** The points, each where it is in the code and what is on disk when it is reached. */
export const CRASH_POINTS = {
  'synthetic-image': 'an image of a synthetic set written; the set is not complete yet (libs/synthetic-faces generate.ts)',
  'training-step': 'an optimizer step taken and its line appended to metrics.jsonl (libs/training trainer.ts)',
  'checkpoint-pointer': "a checkpoint's files written, checkpoint.json not yet pointing at them (libs/training checkpoint.ts)",
  'model-results': "a trained model evaluated, its results.json not yet written (libs/experiments run-variant.ts)",
  'publish': 'the new published results built beside the old ones, not yet swapped in (libs/experiments publish.ts)',
} as const;

export type CrashPoint = keyof typeof CRASH_POINTS;

export const CRASH_AT_VARIABLE = 'DMLNET_CRASH_AT';

interface Plan {
  point: CrashPoint;
  at: number;
  /** A system error code to throw instead of dying. */
  code: string | null;
}

let plan: Plan | null | undefined;
let reached = 0;

/** DMLNET_CRASH_AT read and checked once: a value that names no point is an error, never inert. */
function crashPlan(): Plan | null {
  if (plan !== undefined) return plan;
  const value = process.env[CRASH_AT_VARIABLE];
  if (value === undefined || value === '') return (plan = null);
  const [point, at, code, ...rest] = value.split(':');
  const expected = `expected <point>:<n>[:<error code>], e.g. checkpoint-pointer:2 or publish:1:ENOSPC, with a point of ${Object.keys(CRASH_POINTS).join(', ')}`;
  if (!(point in CRASH_POINTS) || !/^[1-9]\d*$/.test(at ?? '') || rest.length > 0) throw new Error(`${CRASH_AT_VARIABLE}=${value}: ${expected}`);
  if (code !== undefined && systemErrorMessage(code) === undefined) throw new Error(`${CRASH_AT_VARIABLE}=${value}: ${code} is not a system error code (e.g. ENOSPC, EACCES, EIO)`);
  return (plan = { point: point as CrashPoint, at: Number(at), code: code ?? null });
}

/**
 * Marks a point on the way to writing `target`. Does nothing unless DMLNET_CRASH_AT names this point and this is
 * the time it counts to; then the process is killed (SIGKILL: no handler, no flush, as a power loss) or a
 * WriteError with the code named is thrown, as the write of `target` would throw it.
 */
export function crashPoint(point: CrashPoint, target: string): void {
  const planned = crashPlan();
  if (planned === null || planned.point !== point || ++reached !== planned.at) return;
  if (planned.code === null) process.kill(process.pid, 'SIGKILL');
  else throw new WriteError(target, planned.code, `${systemErrorMessage(planned.code)}, simulated by ${CRASH_AT_VARIABLE}`);
}

/** What the system says for an error code, e.g. ENOSPC: "no space left on device". */
function systemErrorMessage(code: string): string | undefined {
  return [...getSystemErrorMap().values()].find(([name]) => name === code)?.[1];
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * A write that the system refused (no space left, a path through a file, no permission...): its message is one line,
 * `cannot write <path>: <reason> (<code>)`, which a command prints as it is.
 */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    /** The system's error code, e.g. ENOSPC, ENOTDIR, EACCES. */
    readonly code: string,
    reason: string,
  ) {
    super(`cannot write ${path}: ${reason} (${code})`);
    this.name = 'WriteError';
  }
}

/** Node's own errors from the file system carry the system call and its code. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string; dest?: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** The folder on the way to `target` that is a file: what ENOTDIR (and EEXIST from making its folder) means. */
function fileOnTheWay(target: string): string | undefined {
  for (let dir = path.dirname(path.resolve(target)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) return fs.statSync(dir).isDirectory() ? undefined : dir;
  }
  return undefined;
}

/**
 * `error` as a WriteError naming `target` (the file or folder being written) when it is a system error; anything
 * else (a bug, a WriteError already) is returned as it is.
 */
export function asWriteError(error: unknown, target: string): unknown {
  if (error instanceof WriteError || !isSystemError(error)) return error;
  // Node's message is "<CODE>: <what the system says>, <syscall> '<path>'"; the middle is the reason.
  const said = /^[A-Z0-9]+: (.*?), \w+/.exec(error.message)?.[1] ?? error.message;
  const file = error.code === 'ENOTDIR' || (error.code === 'EEXIST' && error.syscall === 'mkdir') ? fileOnTheWay(target) : undefined;
  return new WriteError(target, error.code, file ? `${file} is a file, not a folder` : said);
}

/** Runs a write to `target`; a system error from it becomes a WriteError naming `target`. */
export function writing<T>(target: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw asWriteError(error, target);
  }
}

/** `writing` for a write that returns a promise. */
export async function writingAsync<T>(target: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw asWriteError(error, target);
  }
}

export { workspaceRoot } from './workspace-root';
export { writeFileAtomic, writeFileAtomicAsync } from './write-file-atomic';
export { processAlive, withLock } from './folder-lock';
export { makeFolder } from './make-folder';
export { replaceFolder } from './replace-folder';
export { WriteError, asWriteError, writing, writingAsync } from './write-error';
export { CRASH_AT_VARIABLE, CRASH_POINTS, crashPoint } from './crash-point';
export type { CrashPoint } from './crash-point';

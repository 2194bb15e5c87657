export { workspaceRoot } from './workspace-root';
export { writeFileAtomic, writeFileAtomicAsync } from './write-file-atomic';
export { processAlive, withLock } from './folder-lock';

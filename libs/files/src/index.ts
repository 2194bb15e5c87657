export { workspaceRoot } from './workspace-root';
export { writeFileAtomic, writeFileAtomicAsync } from './write-file-atomic';
export { withLock } from './folder-lock';

export { workspaceRoot } from './workspace-root';
export { writeFileAtomic } from './write-file-atomic';

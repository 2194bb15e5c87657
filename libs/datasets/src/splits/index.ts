export type { DatasetSplits } from './dataset-splits';
export { openSplits } from './open-splits';
export type { OpenSplitsOptions } from './open-splits';

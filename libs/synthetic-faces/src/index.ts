export { DEFAULT_SYNTHETIC_SIZE } from './generate';
export { renderPlannedImage } from './image-file';
export { planImages } from './plan';
export { prepareSynthetic } from './prepare';
export type { SyntheticPeople } from './prepare';
export { SYNTHETIC_PRESET_NAMES, syntheticPreset } from './presets';

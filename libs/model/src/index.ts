export { BACKBONES, applyBackbone, backboneOutputWidth, backboneSpec } from './backbone';
export type { BackboneName, BackboneSpec } from './backbone';

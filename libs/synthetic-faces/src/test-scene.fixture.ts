/** Scenes for the renderer's tests: a person made mirror-symmetric, frontal light, a plain background. */
import type { ActionUnits } from './action-units';
import type { Identity } from './identity';
import { personIdentity } from './plan';
import { SYNTHETIC_PRESETS } from './presets';
import type { Scene } from './scene';

/** A short-haired, beardless person with no asymmetry and no resting expression. */
export function symmetricIdentity(person = 0): Identity {
  const identity = personIdentity(SYNTHETIC_PRESETS['synthetic-kdef'], 'test', person);
  return {
    ...identity,
    hair: { ...identity.hair, style: 'short', part: 0 },
    beard: 0,
    restingActionUnits: {},
    asymmetry: { brow: 0, eye: 0, mouthCorner: 0 },
  };
}

export function testScene(yaw: number, actionUnits: ActionUnits = {}, identity = symmetricIdentity()): Scene {
  return {
    identity,
    actionUnits,
    pose: { yaw, pitch: 0, roll: 0 },
    gaze: { x: 0, y: 0 },
    light: { direction: [0, 0.3, 1], diffuse: 0.7, ambient: 0.35 },
    background: { top: [0.7, 0.7, 0.7], bottom: [0.6, 0.6, 0.6], shapes: [] },
    framing: { scale: 1, offsetX: 0, offsetY: -0.05 },
    occluders: [],
  };
}

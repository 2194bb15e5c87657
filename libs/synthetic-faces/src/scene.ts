import type { ActionUnits } from './action-units';
import type { Rgb } from './colour';
import type { Identity } from './identity';

/** Head rotation in degrees: yaw turns the face toward image right when positive, pitch tilts it up, roll turns
 * it counter-clockwise in the image. Applied as yaw after pitch after roll. */
export interface Pose {
  yaw: number;
  pitch: number;
  roll: number;
}

/** A directional light (Lambert) in camera space, x right, y up, z toward the camera, plus ambient light. */
export interface Light {
  direction: readonly [number, number, number];
  diffuse: number;
  ambient: number;
}

/** A flat shape in image space (x right, y down, both 0-1 across the image); angle in radians. */
export interface Shape {
  kind: 'ellipse' | 'rectangle';
  x: number;
  y: number;
  halfWidth: number;
  halfHeight: number;
  angle: number;
  colour: Rgb;
}

/** What is behind the person: a vertical gradient from `top` to `bottom`, then shapes painted over it in order. */
export interface Background {
  top: Rgb;
  bottom: Rgb;
  shapes: readonly Shape[];
}

/**
 * Where the head sits in the frame: `scale` 1 shows a head-and-shoulders view (FIELD_OF_VIEW head units across),
 * offsets in head units from the head's centre. The generator frames its faces with faceCropFraming.
 */
export interface Framing {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** Everything one image shows. */
export interface Scene {
  identity: Identity;
  /** Expression and resting units together. */
  actionUnits: ActionUnits;
  pose: Pose;
  /** Where the irises look, as an offset in head units. */
  gaze: { x: number; y: number };
  light: Light;
  background: Background;
  framing: Framing;
  /** Things in front of the face (hands, objects), painted last. */
  occluders: readonly Shape[];
}

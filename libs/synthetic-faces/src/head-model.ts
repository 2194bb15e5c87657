import { Ellipsoid } from './ellipsoid';
import type { FaceGeometry } from './face-geometry';
import type { Identity } from './identity';

/** A vertical elliptic cylinder ending at `top` (its upper end hides inside the head). */
export interface Cylinder {
  cx: number;
  cz: number;
  rx: number;
  rz: number;
  top: number;
}

/** The 3D shapes of one head with one expression, in head space. Pairs are [person's right, left]. */
export interface HeadModel {
  /**
   * The head is two half-ellipsoids joined at y = 0 with the same width and depth, so the surface and its shading
   * are smooth there: the cranium above, the lower face below, which lengthens as the jaw drops (AU26, AU27).
   */
  cranium: Ellipsoid;
  lowerFace: Ellipsoid;
  /**
   * The mouth's mound (the lips over the dental arch): a narrow ellipsoid standing out of the lower face, so the
   * mouth curves back toward its corners as a real one does and the lips and corners stay in sight in profile. On
   * the lower face alone (a cross-section as wide as the cranium) a mouth corner lay 0.036-0.065 head units behind
   * the lips' middle, one or two pixels at 48x48 at +-90 degrees; on the muzzle 0.10-0.13 (head-model.test.ts).
   */
  muzzle: Ellipsoid;
  nose: Ellipsoid;
  noseWings: readonly [Ellipsoid, Ellipsoid];
  ears: readonly [Ellipsoid, Ellipsoid];
  /** A shell around the cranium that is solid only where `isHair` says so. */
  hair: Ellipsoid;
  neck: Cylinder;
  torso: Ellipsoid;
}

/** Builds the head of `identity` showing `face`. */
export function headModel(identity: Identity, face: FaceGeometry): HeadModel {
  const { head, nose, ears, hair, mouth } = identity;
  const cranium = new Ellipsoid(0, 0, 0, head.width, head.height, head.depth);
  const lowerFace = new Ellipsoid(0, 0, 0, head.width, head.chin + face.jawDrop, head.depth);
  // The nose leans out of the face: its top sinks in between the eyes, its lower end is the tip.
  const noseCentreY = nose.tipY + nose.length * 0.75;
  const noseCentreZ = cranium.frontZ(0, noseCentreY) - nose.depth * 0.35;
  const noseModel = new Ellipsoid(0, noseCentreY, noseCentreZ, nose.width * 0.62, nose.length, nose.depth, nose.tilt);
  const wingY = nose.tipY + 0.045 + face.noseWingRaise;
  const wing = (side: -1 | 1) => {
    const x = side * nose.width * 0.62;
    return new Ellipsoid(x, wingY, lowerFace.frontZ(x, wingY) + nose.depth * 0.2, nose.width * 0.5, 0.05, nose.depth * 0.35);
  };
  const ear = (side: -1 | 1) => new Ellipsoid(side * (head.width + 0.01), ears.y, -0.1, 0.05, ears.size, 0.12);
  const lift = hair.volume * 0.35;
  // From under the nose to below the lower lip, stretched down with the dropped jaw; its front 0.05 before the face.
  const muzzleY = mouth.y + 0.03 - face.jawDrop * 0.5;
  const muzzleDepth = 0.4;
  const muzzle = new Ellipsoid(0, muzzleY, lowerFace.frontZ(0, muzzleY) + 0.05 - muzzleDepth, mouth.halfWidth + 0.07, 0.22 + face.jawDrop * 0.5, muzzleDepth);
  return {
    cranium,
    lowerFace,
    muzzle,
    nose: noseModel,
    noseWings: [wing(-1), wing(1)],
    ears: [ear(-1), ear(1)],
    hair: new Ellipsoid(0, lift, -0.02, head.width * (1 + hair.volume), head.height * (1 + hair.volume * 0.8), head.depth * (1 + hair.volume)),
    neck: { cx: 0, cz: -0.12, rx: head.width * 0.5, rz: head.depth * 0.48, top: -0.45 },
    torso: new Ellipsoid(0, -2.15, -0.25, 1.45, 0.82, 0.6),
  };
}

import type { ActionUnit, ActionUnits } from './action-units';
import type { Identity } from './identity';

/** One eye as drawn: an almond between two lid curves around a tilted axis. */
export interface EyeGeometry {
  /** Centre; x is signed (negative: the person's right eye). */
  x: number;
  y: number;
  halfWidth: number;
  /** Lid openings above and below the axis at the centre. */
  upper: number;
  lower: number;
  tilt: number;
  /** Bulge of the lower lid (AU6, AU7), drawn as a fold under the eye. */
  lowerLidTension: number;
}

/** One brow: a tapering arc from its inner end to its outer end; x values are distances from the midline. */
export interface BrowGeometry {
  innerX: number;
  innerY: number;
  outerX: number;
  outerY: number;
  arch: number;
  thickness: number;
}

/** The mouth: a lip line through the corners, lips either side of it, an opening between them. */
export interface MouthGeometry {
  /** The lip line's height at the middle. */
  y: number;
  halfWidth: number;
  /** Height of each corner above the lip line's middle: [person's right, left]. */
  cornerLift: readonly [number, number];
  upperLip: number;
  lowerLip: number;
  /** How far the upper and lower lips part from the lip line at the middle. */
  openUpper: number;
  openLower: number;
}

/**
 * Where the features of a face are under a set of action units: identity's own layout moved by each unit as FACS
 * describes it. Arrays of two are [person's right (x < 0), left (x > 0)].
 */
export interface FaceGeometry {
  eyes: readonly [EyeGeometry, EyeGeometry];
  brows: readonly [BrowGeometry, BrowGeometry];
  mouth: MouthGeometry;
  /** How far the chin drops (AU26, AU27). */
  jawDrop: number;
  /** How far the nose wings rise (AU9, AU10). */
  noseWingRaise: number;
  /** Depth of each set of lines: across the forehead middle (AU1) and sides (AU2), between the brows (AU4),
   * across the nose (AU9), nose-to-mouth folds (AU12, AU9, AU10, AU6), at the outer eye corners (AU6). */
  lines: { foreheadInner: number; foreheadOuter: number; glabella: number; nose: number; nasolabial: number; crowsFeet: number };
  /** Cheek raise (AU6, AU12): cheeks round up under the eyes. */
  cheekRaise: number;
}

/** The face of `identity` showing `units` (expression plus the identity's resting units, already added). */
export function faceGeometry(identity: Identity, units: Readonly<ActionUnits>): FaceGeometry {
  // Amplitudes beyond 1.3 are clamped so jitter on top of a full expression cannot tear the face.
  const a = (unit: ActionUnit) => Math.min(Math.max(units[unit] ?? 0, 0), 1.3);
  const { eyes, brows, mouth, asymmetry } = identity;
  // Movements in head units, about 0.03 a pixel at 48x48 (the face crop is 1.4 units across). Issue 12 raised the
  // brows' (AU1, AU2 0.1 -> 0.13, AU4 0.075 -> 0.1), lids' and mouth corners' (AU12 0.11 -> 0.14, AU15 0.075 ->
  // 0.1) by about a third: a ridge read-out of expression per yaw on 40 synthetic-kdef people (32 train, 8 test)
  // went 88 -> 90% frontal, 82 -> 88% at 45 and 56 -> 63% at 90 degrees.

  const eye = (side: -1 | 1): EyeGeometry => ({
    x: side * eyes.spacing,
    y: eyes.y,
    halfWidth: eyes.halfWidth * (1 - 0.06 * a(6) - 0.05 * a(7)),
    upper: Math.max(0.006, eyes.upper + side * asymmetry.eye + 0.05 * a(5) - 0.03 * a(7) - 0.022 * a(6) - 0.015 * a(4) - 0.006 * a(9)),
    lower: Math.max(0.005, eyes.lower - 0.018 * a(6) - 0.02 * a(7) + 0.008 * a(5)),
    tilt: eyes.tilt,
    lowerLidTension: a(7) + 0.6 * a(6),
  });
  const brow = (side: -1 | 1): BrowGeometry => {
    const base = eyes.y + brows.height + side * asymmetry.brow;
    return {
      innerX: brows.innerX - 0.045 * a(4) + 0.008 * a(1),
      innerY: base + 0.13 * a(1) + 0.03 * a(2) - 0.1 * a(4) - 0.04 * a(9),
      outerX: eyes.spacing + eyes.halfWidth + brows.outerExtent,
      outerY: base - 0.012 + 0.13 * a(2) + 0.02 * a(1) - 0.05 * a(4),
      arch: brows.arch + 0.015 * a(2) + 0.01 * a(1),
      thickness: brows.thickness,
    };
  };
  const corner = (side: -1 | 1) =>
    side * asymmetry.mouthCorner + 0.14 * a(12) - 0.1 * a(15) - 0.015 * a(20) + 0.01 * a(6) - 0.02 * a(16);
  return {
    eyes: [eye(-1), eye(1)],
    brows: [brow(-1), brow(1)],
    mouth: {
      y: mouth.y + 0.012 * a(10),
      halfWidth: mouth.halfWidth + 0.06 * a(12) + 0.08 * a(20) - 0.05 * a(23) - 0.02 * a(27) + 0.01 * a(10),
      cornerLift: [corner(-1), corner(1)],
      upperLip: mouth.upperLip * (1 - 0.55 * a(23)) * (1 - 0.2 * a(20)) * (1 - 0.2 * a(12)),
      lowerLip: mouth.lowerLip * (1 - 0.5 * a(23)) + 0.008 * a(16),
      openUpper: 0.035 * a(10) + 0.012 * a(25) + 0.02 * a(26) + 0.04 * a(27) + 0.02 * a(12) * a(25),
      openLower: 0.03 * a(16) + 0.02 * a(25) + 0.1 * a(26) + 0.16 * a(27) + 0.012 * a(12) * a(25),
    },
    jawDrop: 0.08 * a(26) + 0.13 * a(27),
    noseWingRaise: 0.025 * a(9) + 0.012 * a(10),
    lines: {
      foreheadInner: Math.min(1, identity.lines * 0.3 + a(1)),
      foreheadOuter: Math.min(1, identity.lines * 0.3 + a(2)),
      glabella: Math.min(1, a(4) + 0.5 * a(9)),
      nose: Math.min(1, a(9)),
      nasolabial: Math.min(1, identity.lines * 0.4 + 0.7 * a(12) + 0.5 * a(9) + 0.5 * a(10) + 0.2 * a(6)),
      crowsFeet: Math.min(1, identity.lines * 0.2 + 0.8 * a(6)),
    },
    cheekRaise: Math.min(1.3, a(6) + 0.4 * a(12)),
  };
}

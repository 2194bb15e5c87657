import type { ActionUnits } from './action-units';
import { mix, paletteAt, shade, type Rgb } from './colour';
import type { Random } from './random';

export type HairStyle = 'short' | 'long' | 'fringe' | 'receding';

/**
 * One synthetic person: everything that stays the same across their images. Lengths are in head units (the
 * cranium is about 1.5 wide and 2 tall); x points to the person's left, y up, z out of the face.
 */
export interface Identity {
  head: {
    /** Cranium radii. */
    width: number;
    height: number;
    depth: number;
    /** How far the chin reaches below the middle of the head. */
    chin: number;
  };
  eyes: {
    y: number;
    /** Distance of each eye's centre from the midline. */
    spacing: number;
    halfWidth: number;
    /** Lid openings above and below the eye's axis at its centre. */
    upper: number;
    lower: number;
    /** Slope of the eye axis, outer corner up when positive. */
    tilt: number;
    irisRadius: number;
    iris: Rgb;
  };
  brows: {
    /** Height above the eye centre, inner end x, extent beyond the outer eye corner. */
    height: number;
    innerX: number;
    outerExtent: number;
    arch: number;
    thickness: number;
    colour: Rgb;
  };
  nose: { tipY: number; length: number; width: number; depth: number; tilt: number };
  mouth: { y: number; halfWidth: number; upperLip: number; lowerLip: number };
  ears: { y: number; size: number };
  skin: Rgb;
  lips: Rgb;
  hair: {
    colour: Rgb;
    style: HairStyle;
    /** Height of the hairline at the forehead's middle. */
    hairline: number;
    /** Thickness of the hair over the scalp, as a fraction of the cranium. */
    volume: number;
    /** Slant of the hairline, swept to one side; 0 is a symmetric hairline. */
    part: number;
  };
  /** Beard and moustache density, 0 (none) to 1. */
  beard: number;
  clothes: Rgb;
  /** Depth of wrinkles and folds present at rest (age). */
  lines: number;
  /**
   * Features at rest that resemble expressions (naturally raised brows, upturned mouth corners, narrow eyes...),
   * as action units: identity confounds expression (the paper's Fig. 1).
   */
  restingActionUnits: ActionUnits;
  /** Left-right differences; all 0 gives a mirror-symmetric face. */
  asymmetry: { brow: number; eye: number; mouthCorner: number };
}

const SKIN_TONES: readonly Rgb[] = [
  [0.97, 0.82, 0.71],
  [0.92, 0.72, 0.58],
  [0.8, 0.58, 0.43],
  [0.63, 0.43, 0.3],
  [0.44, 0.29, 0.19],
  [0.29, 0.19, 0.13],
];
const HAIR_COLOURS: readonly Rgb[] = [
  [0.06, 0.05, 0.05],
  [0.17, 0.11, 0.07],
  [0.34, 0.22, 0.12],
  [0.72, 0.57, 0.33],
  [0.48, 0.19, 0.09],
  [0.62, 0.61, 0.6],
];
const IRIS_COLOURS: readonly Rgb[] = [
  [0.3, 0.17, 0.08],
  [0.14, 0.09, 0.05],
  [0.28, 0.42, 0.62],
  [0.32, 0.42, 0.26],
];
const HAIR_STYLES: readonly HairStyle[] = ['short', 'short', 'long', 'long', 'fringe', 'receding'];

/** Draws a person. */
export function sampleIdentity(random: Random): Identity {
  const u = (low: number, high: number) => random.uniform(low, high);
  const skinTone = paletteAt(SKIN_TONES, random.next() ** 1.3);
  const skin = mix(skinTone, [skinTone[0] * 1.04, skinTone[1], skinTone[2] * 0.94], u(-1, 1));
  const darkSkin = skinTone[0] < 0.6;
  const hairColour = darkSkin ? HAIR_COLOURS[random.int(2)] : random.pick(HAIR_COLOURS);
  const style = random.pick(HAIR_STYLES);
  const eyesY = u(-0.02, 0.08);
  const eyeSpacing = u(0.27, 0.31);
  const eyeHalfWidth = u(0.12, 0.145);
  return {
    head: { width: u(0.7, 0.82), height: u(0.96, 1.05), depth: u(0.86, 0.95), chin: u(0.98, 1.12) },
    eyes: {
      y: eyesY,
      spacing: eyeSpacing,
      halfWidth: eyeHalfWidth,
      upper: u(0.048, 0.064),
      lower: u(0.026, 0.036),
      tilt: u(-0.08, 0.14),
      irisRadius: u(0.048, 0.056),
      iris: random.pick(IRIS_COLOURS),
    },
    brows: {
      height: u(0.15, 0.2),
      innerX: u(0.07, 0.11),
      outerExtent: u(0.0, 0.05),
      arch: u(0.0, 0.04),
      thickness: u(0.05, 0.08),
      colour: shade(hairColour, hairColour[0] > 0.5 ? 0.6 : 0.9),
    },
    nose: { tipY: eyesY - u(0.4, 0.47), length: u(0.22, 0.28), width: u(0.11, 0.15), depth: u(0.2, 0.26), tilt: u(0.3, 0.45) },
    mouth: { y: eyesY - u(0.64, 0.71), halfWidth: u(0.19, 0.24), upperLip: u(0.03, 0.048), lowerLip: u(0.04, 0.065) },
    ears: { y: eyesY - u(0.08, 0.15), size: u(0.17, 0.22) },
    skin,
    lips: mix(skin, [0.78, 0.36, 0.38], 0.55),
    hair: {
      colour: hairColour,
      style,
      hairline: style === 'receding' ? u(0.72, 0.82) : style === 'fringe' ? u(0.4, 0.48) : u(0.52, 0.66),
      volume: u(0.04, 0.12),
      part: u(-0.3, 0.3),
    },
    beard: random.chance(0.12) ? u(0.4, 1) : 0,
    clothes: [u(0.1, 0.8), u(0.1, 0.8), u(0.1, 0.8)],
    lines: u(0, 0.5),
    restingActionUnits: sampleRestingActionUnits(random),
    asymmetry: { brow: u(-0.015, 0.015), eye: u(-0.006, 0.006), mouthCorner: u(-0.015, 0.015) },
  };
}

/** A sparse set of expression-like features at rest, each present in a fraction of people. */
function sampleRestingActionUnits(random: Random): ActionUnits {
  const units: ActionUnits = {};
  const amount = () => random.uniform(0.15, 0.45);
  if (random.chance(0.3)) {
    units[1] = amount();
    units[2] = amount();
  } else if (random.chance(0.25)) {
    units[4] = amount();
  }
  if (random.chance(0.3)) units[12] = amount();
  else if (random.chance(0.35)) units[15] = amount();
  if (random.chance(0.2)) units[5] = amount();
  else if (random.chance(0.25)) units[7] = amount();
  return units;
}

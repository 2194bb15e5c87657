import type { ExpressionCode } from '@dmlnet/datasets';

/** The FACS action units the synthetic faces move, by number, with their FACS names. */
export const ACTION_UNIT_NAMES = {
  1: 'inner brow raiser',
  2: 'outer brow raiser',
  4: 'brow lowerer',
  5: 'upper lid raiser',
  6: 'cheek raiser',
  7: 'lid tightener',
  9: 'nose wrinkler',
  10: 'upper lip raiser',
  12: 'lip corner puller',
  15: 'lip corner depressor',
  16: 'lower lip depressor',
  20: 'lip stretcher',
  23: 'lip tightener',
  25: 'lips part',
  26: 'jaw drop',
  27: 'mouth stretch',
} as const;

export type ActionUnit = keyof typeof ACTION_UNIT_NAMES;

export const ACTION_UNITS = Object.keys(ACTION_UNIT_NAMES).map(Number) as ActionUnit[];

/** Amplitudes of action units, 0 (absent) to about 1 (full); missing ones are 0. */
export type ActionUnits = Partial<Record<ActionUnit, number>>;

/**
 * Each expression as action units at full intensity (EMFACS-style prototypes; weights below 1 mark a unit that
 * comes along partly). Multi-PIE's smile is a closed-lip happiness, its squint narrowed eyes, its scream a
 * wide-open stretched mouth with a tense upper face.
 */
export const EXPRESSION_ACTION_UNITS: Readonly<Record<ExpressionCode, Readonly<ActionUnits>>> = {
  NE: {},
  HA: { 6: 1, 12: 1, 25: 1 },
  SA: { 1: 1, 4: 1, 15: 1 },
  SU: { 1: 1, 2: 1, 5: 1, 26: 1 },
  FE: { 1: 1, 2: 1, 4: 1, 5: 1, 20: 1, 26: 1 },
  AN: { 4: 1, 5: 1, 7: 1, 23: 1 },
  DI: { 9: 1, 10: 0.5, 15: 1, 16: 1 },
  SM: { 6: 0.5, 12: 0.8 },
  SQ: { 4: 0.3, 6: 0.6, 7: 1 },
  SC: { 4: 0.8, 6: 0.7, 7: 1, 9: 0.6, 20: 0.7, 25: 1, 27: 1 },
};

/** Amplitude of an intensity level: BU-3DFE's 1 (low) to 4 (highest); level 0 is neutral. */
export function intensityAmplitude(level: number): number {
  return level === 0 ? 0 : (level + 1) / 5;
}

/** Sums unit by unit: an expression on top of a face's resting units. */
export function addActionUnits(...sets: readonly Readonly<ActionUnits>[]): ActionUnits {
  const sum: ActionUnits = {};
  for (const set of sets) {
    for (const unit of ACTION_UNITS) {
      const value = set[unit];
      if (value !== undefined) sum[unit] = (sum[unit] ?? 0) + value;
    }
  }
  return sum;
}

/** Every unit of `units` multiplied by `factor`. */
export function scaleActionUnits(units: Readonly<ActionUnits>, factor: number): ActionUnits {
  const scaled: ActionUnits = {};
  for (const unit of ACTION_UNITS) {
    const value = units[unit];
    if (value !== undefined) scaled[unit] = value * factor;
  }
  return scaled;
}

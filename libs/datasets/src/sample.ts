/**
 * The canonical expression codes across datasets: AN anger, DI disgust, FE fear (KDEF's AF), HA happiness,
 * NE neutral, SA sadness, SU surprise; Multi-PIE adds SM smile, SQ squint, SC scream. Cross-database runs
 * (BU-3DFE -> SFEW) map labels through these codes.
 */
export const EXPRESSION_CODES = ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU', 'SM', 'SQ', 'SC'] as const;
export type ExpressionCode = (typeof EXPRESSION_CODES)[number];

export type Split = 'train' | 'test';

/**
 * One image of a dataset as every adapter (and the synthetic generator) reports it, and as the index CSV stores
 * it: columns path,subject,expression,pose,split then intensity,session where known.
 */
export interface IndexedSample {
  /** Relative to the dataset root, '/'-separated. */
  path: string;
  /** The person: identity label of Algorithm 1 (y^s). */
  subject: string;
  expression: ExpressionCode;
  /** Head yaw in degrees (y^p); null where unknown (SFEW without its label CSV, elevated Multi-PIE cameras). */
  pose: number | null;
  split: Split;
  /** Expression intensity (BU-3DFE 1-4, synthetic sets), where known. */
  intensity?: number;
  /** Recording session (KDEF A/B, Multi-PIE 01-04), where known. */
  session?: string;
}

/** A file an adapter could not turn into a sample, and why: reported, never dropped silently. */
export interface IndexProblem {
  path: string;
  reason: string;
}

/** The column order of the index CSV (datasets:index, the synthetic generator). */
export const INDEX_COLUMNS = ['path', 'subject', 'expression', 'pose', 'split', 'intensity', 'session'] as const;

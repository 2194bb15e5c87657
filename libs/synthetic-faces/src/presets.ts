import type { ExpressionCode } from '@dmlnet/datasets';

/** The presets, one per real set of the paper (sec. 4.1), each also a datasets.manifest.json entry's name. */
export const SYNTHETIC_PRESET_NAMES = ['synthetic-kdef', 'synthetic-bu3dfe', 'synthetic-multipie', 'synthetic-sfew'] as const;
export type SyntheticPresetName = (typeof SYNTHETIC_PRESET_NAMES)[number];

/**
 * The label structure of a generated set, mirroring one real set. Lab sets show every person with every
 * expression at every yaw; a wild set (`takes`) draws each image's expression and a continuous yaw, labelled with
 * the nearest of `yaws` as the paper binned SFEW.
 */
export interface SyntheticPreset {
  name: SyntheticPresetName;
  /** People in the full set, and how many of them form the training split (the paper's counts, sec. 4.1). */
  subjects: number;
  trainSubjects: number;
  expressions: readonly ExpressionCode[];
  /** Yaw labels in degrees. */
  yaws: readonly number[];
  /** Intensity levels (1 low to 4 highest; neutral is always 0): every level rendered (`each`), or one drawn per
   * person, session and expression. */
  intensities: { levels: readonly number[]; each: boolean };
  /** The sessions an expression is recorded in; none: the set has no sessions. */
  sessions?: (expression: ExpressionCode) => readonly string[];
  /** Wild sets: images per person, each a random expression and yaw. */
  takes?: number;
}

/** Multi-PIE records each expression in one session (neutral in all; here the first). */
const MULTIPIE_SESSION: Partial<Record<ExpressionCode, string>> = { NE: '01', SM: '01', SU: '02', SQ: '02', DI: '03', SC: '04' };

const SEVEN: readonly ExpressionCode[] = ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU'];

export const SYNTHETIC_PRESETS: Readonly<Record<SyntheticPresetName, SyntheticPreset>> = {
  // KDEF: 70 people, sessions A and B, 7 expressions, 5 yaws: 4,900 images; 56 people train.
  'synthetic-kdef': {
    name: 'synthetic-kdef',
    subjects: 70,
    trainSubjects: 56,
    expressions: SEVEN,
    yaws: [-90, -45, 0, 45, 90],
    intensities: { levels: [3, 4], each: false },
    sessions: () => ['A', 'B'],
  },
  // BU-3DFE: 100 people, 6 expressions at intensities 1-4 plus one neutral, 9 yaws: 22,500 images; 70 people train.
  'synthetic-bu3dfe': {
    name: 'synthetic-bu3dfe',
    subjects: 100,
    trainSubjects: 70,
    expressions: SEVEN,
    yaws: [-90, -60, -45, -30, 0, 30, 45, 60, 90],
    intensities: { levels: [1, 2, 3, 4], each: true },
  },
  // Multi-PIE: 337 people, 6 expressions each in its session, 5 yaws, 20 flash illuminations: 10,110 images.
  'synthetic-multipie': {
    name: 'synthetic-multipie',
    subjects: 337,
    trainSubjects: 293,
    expressions: ['NE', 'SM', 'SU', 'SQ', 'DI', 'SC'],
    yaws: [-30, -15, 0, 15, 30],
    intensities: { levels: [2, 3, 4], each: false },
    sessions: (expression) => [MULTIPIE_SESSION[expression] ?? '01'],
  },
  // SFEW: 200 people x 7 takes = 1,400 images (SFEW has 958 + 436), pose binned like the paper's SFEW labels.
  'synthetic-sfew': {
    name: 'synthetic-sfew',
    subjects: 200,
    trainSubjects: 137,
    expressions: SEVEN,
    yaws: [-60, -40, -15, 0, 15, 40, 60],
    intensities: { levels: [1, 2, 3, 4], each: false },
    takes: 7,
  },
};

/** The preset called `name`, or an error listing the presets. */
export function syntheticPreset(name: string): SyntheticPreset {
  if (!(SYNTHETIC_PRESET_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown synthetic preset "${name}": expected ${SYNTHETIC_PRESET_NAMES.join(', ')}`);
  }
  return SYNTHETIC_PRESETS[name as SyntheticPresetName];
}

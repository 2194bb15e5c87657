import reported from './paper-reported.json' with { type: 'json' };

/**
 * The numbers the DML-Net paper reports (Tables 1-9, in percent), transcribed once in paper-reported.json, so every
 * results table can show this run beside the paper's rows: DML-Net's and the other methods' it compares with.
 */
export const PAPER = reported;

/** The ablation's variants in Table 8's order, each adding one component to the one before. */
export const ABLATION_VARIANTS = ['baseline', 'mfe', 'mfe+hpe', 'mfe+hpe+jefl', 'mfe+hpe+jefl+adw'] as const;
export type AblationVariant = (typeof ABLATION_VARIANTS)[number];

const TABLE8_ROWS: Record<AblationVariant, keyof (typeof reported.table8_ablation)['KDEF']> = {
  baseline: 'ResNet50',
  mfe: 'MFE',
  'mfe+hpe': 'MFE+HPE',
  'mfe+hpe+jefl': 'MFE+HPE+JEFL',
  'mfe+hpe+jefl+adw': 'MFE+HPE+JEFL+ADW',
};

/** Table 8's column groups, by the dataset families dmlnet knows. */
export const TABLE8_DATASETS = { kdef: 'KDEF', bu3dfe: 'BU-3DFE', multipie: 'Multi-PIE' } as const;
export type AblationDataset = keyof typeof TABLE8_DATASETS;

/** Table 8's cell for a dataset family and variant: pose accuracy, FER accuracy (percent; null where '-'), FPS. */
export function paperAblation(dataset: AblationDataset, variant: AblationVariant): { poseAcc: number | null; ferAcc: number; fps: number } {
  const [poseAcc, ferAcc, fps] = reported.table8_ablation[TABLE8_DATASETS[dataset]][TABLE8_ROWS[variant]] as [number | null, number, number];
  return { poseAcc, ferAcc, fps };
}

/** The dataset family of a dataset name: 'synthetic-kdef' and 'kdef' both compare with the paper's KDEF. */
export function datasetFamily(dataset: string): string {
  return dataset.replace(/^synthetic-/, '');
}

/** The paper's name of a dataset family, e.g. 'BU-3DFE'; the family itself for others. */
export function paperDatasetName(family: string): string {
  return ({ kdef: 'KDEF', bu3dfe: 'BU-3DFE', multipie: 'Multi-PIE', sfew: 'SFEW 2.0' } as Record<string, string>)[family] ?? family;
}

/** One method's numbers in one of the paper's tables, in the order of the table's columns; null where it prints '-'. */
export interface PaperRow {
  /** As the paper names it, e.g. 'DML-Net', 'GAN [13]'. */
  method: string;
  /** Extra key the row needs (Table 5: the yaw range it was tested on, '±90°' or '±45°'). */
  setting?: string;
  values: (number | null)[];
}

/** Rows of one of the paper's tables: DML-Net's and the methods it compares with, and which table they come from. */
export interface PaperTable {
  /** e.g. 'Table 4 (frontal images)'. */
  source: string;
  /** What each value is, in order: expression codes, yaws in degrees as text, 'pose' / 'FER', 'average'. */
  columns: string[];
  rows: PaperRow[];
}

// Table 3 writes fear as AF (KDEF's code); everything else here uses the canonical FE.
const CANONICAL: Record<string, string> = { AF: 'FE' };
const canonical = (code: string) => CANONICAL[code] ?? code;
const rowsOf = (rows: Record<string, (number | null)[]>): PaperRow[] => Object.entries(rows).map(([method, values]) => ({ method, values }));

/**
 * The paper's DML-Net results per dataset family, as the per-dataset tables (2-7) print them; null for a family the
 * paper does not report. Accuracy in percent. Columns of `perPose` are the yaws then 'average'; of `perExpression`
 * the expression codes then 'average'.
 */
export interface PaperDatasetTables {
  family: string;
  /** Overall pose and FER accuracy with the yaw range tested (Tables 2, 5, 6, 7; Table 8 for Multi-PIE's pose). */
  overall: PaperTable;
  /** FER accuracy per expression and yaw, with an 'average' row (Table 3, KDEF). */
  expressionByPose: PaperTable | null;
  /** FER accuracy per yaw (Table 6, Multi-PIE; Table 3's average row, KDEF). */
  perPose: PaperTable | null;
  /** FER accuracy per expression (Table 4 on frontal images, KDEF; Table 7, SFEW), with `setting` the poses tested. */
  perExpression: PaperTable | null;
}

const YAW_RANGE = { kdef: '±90°', bu3dfe: '±90°', multipie: '±30°', sfew: 'in the wild' } as const;

/** The paper's tables for a dataset family (kdef, bu3dfe, multipie, sfew), or null. */
export function paperDatasetTables(family: string): PaperDatasetTables | null {
  switch (family) {
    case 'kdef': {
      const t2 = reported.table2_kdef;
      const t3 = reported.table3_kdef_expression_by_pose;
      const t4 = reported.table4_kdef_frontal;
      const yaws = [...t3.poses.map(String), 'average'];
      return {
        family,
        overall: { source: 'Table 2', columns: ['pose', 'FER'], rows: rowsOf(t2.rows).map((r) => ({ ...r, setting: YAW_RANGE.kdef })) },
        expressionByPose: { source: 'Table 3', columns: yaws, rows: Object.entries(t3.rows).map(([code, values]) => ({ method: code === 'Average' ? 'average' : canonical(code), values })) },
        perPose: { source: 'Table 3, average row', columns: yaws, rows: [{ method: 'DML-Net', values: t3.rows.Average }] },
        perExpression: { source: 'Table 4 (frontal images)', columns: t4.columns.map((c) => (c === 'Average' ? 'average' : c)), rows: rowsOf(t4.rows).map((r) => ({ ...r, setting: '0°' })) },
      };
    }
    case 'bu3dfe': {
      const t5 = reported.table5_bu3dfe;
      const range = (key: 'yaw_-90_90' | 'yaw_-45_45', setting: string) => rowsOf(t5[key]).map((r) => ({ ...r, setting }));
      return {
        family,
        overall: { source: 'Table 5', columns: ['pose', 'FER'], rows: [...range('yaw_-90_90', '±90°'), ...range('yaw_-45_45', '±45°')] },
        expressionByPose: null,
        perPose: null,
        perExpression: null,
      };
    }
    case 'multipie': {
      const t6 = reported.table6_multipie;
      const pose = reported.table8_ablation['Multi-PIE']['MFE+HPE+JEFL+ADW'][0] as number;
      return {
        family,
        overall: {
          source: 'Table 6 (FER); Table 8 (pose)',
          columns: ['pose', 'FER'],
          rows: rowsOf(t6.rows).map((r) => ({ method: r.method, setting: YAW_RANGE.multipie, values: [r.method === 'DML-Net' ? pose : null, r.values[r.values.length - 1]] })),
        },
        expressionByPose: null,
        perPose: { source: 'Table 6', columns: [...t6.poses.map(String), 'average'], rows: rowsOf(t6.rows) },
        perExpression: null,
      };
    }
    case 'sfew': {
      const t7 = reported.table7_sfew;
      const rows = rowsOf(t7.rows);
      return {
        family,
        overall: {
          source: 'Table 7 (FER); sec. 4.5 (pose)',
          columns: ['pose', 'FER'],
          rows: rows.map((r) => ({ method: r.method, setting: YAW_RANGE.sfew, values: [r.method === 'DML-Net' ? t7.poseAcc : null, r.values[r.values.length - 1]] })),
        },
        expressionByPose: null,
        perPose: null,
        perExpression: { source: 'Table 7', columns: t7.columns.map((c) => (c === 'Average' ? 'average' : c)), rows: rows.map((r) => ({ ...r, setting: 'all' })) },
      };
    }
    default:
      return null;
  }
}

/**
 * Table 9: per-class accuracy of DML-Net and the methods it compares with, trained on BU-3DFE and tested on SFEW,
 * and DML-Net's average (the only one the paper prints).
 */
export function paperCrossDatabase(): { table: PaperTable; dmlNetAverage: number } {
  const t9 = reported.table9_cross_db_bu3dfe_to_sfew;
  return { table: { source: 'Table 9', columns: t9.columns, rows: rowsOf(t9.rows) }, dmlNetAverage: t9['DML-Net average'] };
}

/**
 * Where the paper contradicts itself on KDEF's frontal accuracy: Table 4's DML-Net row against Table 3's 0° column.
 * Returns a sentence naming every cell that differs and, where it explains them, that Table 4's row is Table 3's
 * column read in Table 3's row order; null when they agree.
 */
export function kdefFrontalInconsistency(): string | null {
  const t3 = reported.table3_kdef_expression_by_pose;
  const t4 = reported.table4_kdef_frontal;
  const zero = t3.poses.indexOf(0);
  const table3Codes = Object.keys(t3.rows).filter((code) => code !== 'Average');
  const table3 = new Map(table3Codes.map((code) => [canonical(code), t3.rows[code as keyof typeof t3.rows][zero]]));
  const codes = t4.columns.filter((c) => c !== 'Average');
  const table4 = t4.rows['DML-Net'];
  const differing = codes.filter((code, i) => table3.get(code) !== table4[i]);
  if (differing.length === 0) return null;
  const cells = differing.map((code) => `${code} ${table4[codes.indexOf(code)]} vs ${table3.get(code)}`).join(', ');
  const inTable3Order = table3Codes.map((code) => t3.rows[code as keyof typeof t3.rows][zero]);
  const explained = codes.every((_, i) => inTable3Order[i] === table4[i]);
  return (
    `The paper disagrees with itself here: Table 4's DML-Net row and Table 3's 0° column differ in ${cells} (Table 4 vs Table 3)` +
    (explained ? `; Table 4's row is Table 3's 0° column read in Table 3's row order (${table3Codes.join(', ')}) but printed under Table 4's columns (${codes.join(', ')}).` : '.') +
    ' Both are shown as printed.'
  );
}

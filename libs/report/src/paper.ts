import reported from './paper-reported.json' with { type: 'json' };

/**
 * The numbers the DML-Net paper reports (Tables 1-9, in percent), transcribed once in paper-reported.json,
 * so every results table can show this run beside the paper.
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

const TABLE3_ROW: Record<string, keyof (typeof reported)['table3_kdef_expression_by_pose']['rows']> = {
  AN: 'AN',
  DI: 'DI',
  FE: 'AF',
  HA: 'HA',
  SA: 'SA',
  SU: 'SU',
  NE: 'NE',
};

/** What the paper reports for DML-Net on a dataset family, in percent, for the per-dataset tables (2-7). */
export interface PaperDatasetResults {
  /** Overall FER and pose accuracy (Tables 2, 5, 6, 7). */
  ferAccuracy: number;
  poseAccuracy: number | null;
  /** FER accuracy per expression code: Table 4 (KDEF, frontal), Table 7 (SFEW). */
  perExpression: Record<string, number> | null;
  /** Which table perExpression comes from. */
  perExpressionTable: string | null;
  /** FER accuracy per yaw: Table 3's average row (KDEF), Table 6 (Multi-PIE). */
  perPose: Record<number, number> | null;
  /** Table 3: FER accuracy per expression and yaw (KDEF). */
  expressionByPose: Record<string, Record<number, number>> | null;
  /** Table 5: FER and pose accuracy on the yaws within +-45 degrees (BU-3DFE). */
  within45: { ferAccuracy: number; poseAccuracy: number } | null;
  table: string;
}

/** The paper's DML-Net numbers for a dataset family (kdef, bu3dfe, multipie, sfew); null for others. */
export function paperDatasetResults(family: string): PaperDatasetResults | null {
  const none = { perExpression: null, perExpressionTable: null, perPose: null, expressionByPose: null, within45: null };
  switch (family) {
    case 'kdef': {
      const t3 = reported.table3_kdef_expression_by_pose;
      const byPose = (values: number[]) => Object.fromEntries(t3.poses.map((yaw, i) => [yaw, values[i]]));
      const t4 = reported.table4_kdef_frontal;
      return {
        ...none,
        ferAccuracy: reported.table2_kdef.rows['DML-Net'][1] as number,
        poseAccuracy: reported.table2_kdef.rows['DML-Net'][0] as number,
        perExpression: Object.fromEntries(t4.columns.slice(0, -1).map((code, i) => [code, t4.rows['DML-Net'][i] as number])),
        perExpressionTable: 'Table 4 (frontal images)',
        perPose: byPose(t3.rows.Average),
        expressionByPose: Object.fromEntries(Object.entries(TABLE3_ROW).map(([code, row]) => [code, byPose(t3.rows[row])])),
        table: 'Tables 2-4',
      };
    }
    case 'bu3dfe': {
      const [pose90, fer90] = reported.table5_bu3dfe['yaw_-90_90']['DML-Net'] as number[];
      const [pose45, fer45] = reported.table5_bu3dfe['yaw_-45_45']['DML-Net'] as number[];
      return { ...none, ferAccuracy: fer90, poseAccuracy: pose90, within45: { ferAccuracy: fer45, poseAccuracy: pose45 }, table: 'Table 5' };
    }
    case 'multipie': {
      const t6 = reported.table6_multipie;
      const row = t6.rows['DML-Net'] as number[];
      return {
        ...none,
        ferAccuracy: row[row.length - 1],
        poseAccuracy: reported.table8_ablation['Multi-PIE']['MFE+HPE+JEFL+ADW'][0] as number,
        perPose: Object.fromEntries(t6.poses.map((yaw, i) => [yaw, row[i]])),
        table: 'Table 6',
      };
    }
    case 'sfew': {
      const t7 = reported.table7_sfew;
      const row = t7.rows['DML-Net'] as number[];
      return {
        ...none,
        ferAccuracy: row[row.length - 1],
        poseAccuracy: t7.poseAcc,
        perExpression: Object.fromEntries(t7.columns.slice(0, -1).map((code, i) => [code, row[i]])),
        perExpressionTable: 'Table 7',
        table: 'Table 7',
      };
    }
    default:
      return null;
  }
}

/** Table 9: DML-Net's per-class accuracy training on BU-3DFE and testing on SFEW, and its average. */
export function paperCrossDatabase(): { perExpression: Record<string, number>; average: number } {
  const t9 = reported.table9_cross_db_bu3dfe_to_sfew;
  const row = t9.rows['DML-Net'] as number[];
  return { perExpression: Object.fromEntries(t9.columns.map((code, i) => [code, row[i]])), average: t9['DML-Net average'] };
}

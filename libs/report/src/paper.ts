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

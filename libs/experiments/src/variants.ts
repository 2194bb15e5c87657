import { ABLATION_VARIANTS, type AblationVariant } from '@dmlnet/report-core';
import { oneOf } from '@dmlnet/options';
import type { TrainingConfig } from '@dmlnet/training';

/** The switches of one ablation step (Table 8): each adds one component to the one before. */
export interface VariantSwitches {
  mfe: boolean;
  hpe: boolean;
  jefl: boolean;
  /** ADW: dynamic weights (eq. 8); off, every task weighs 1. */
  adw: boolean;
}

export const VARIANT_SWITCHES: Readonly<Record<AblationVariant, VariantSwitches>> = {
  baseline: { mfe: false, hpe: false, jefl: false, adw: false },
  mfe: { mfe: true, hpe: false, jefl: false, adw: false },
  'mfe+hpe': { mfe: true, hpe: true, jefl: false, adw: false },
  'mfe+hpe+jefl': { mfe: true, hpe: true, jefl: true, adw: false },
  'mfe+hpe+jefl+adw': { mfe: true, hpe: true, jefl: true, adw: true },
};

/** Table 8's row names. */
export const VARIANT_LABELS: Readonly<Record<AblationVariant, string>> = {
  baseline: 'ResNet (baseline)',
  mfe: 'MFE',
  'mfe+hpe': 'MFE+HPE',
  'mfe+hpe+jefl': 'MFE+HPE+JEFL',
  'mfe+hpe+jefl+adw': 'MFE+HPE+JEFL+ADW',
};

/** An ablation step as the options name it (`--variants baseline,mfe`). */
export const variantName = oneOf(ABLATION_VARIANTS);

/** The training config of a variant: ADW on only when the variant has it. */
export function variantTraining(training: TrainingConfig, switches: VariantSwitches): TrainingConfig {
  if (switches.adw && training.dynamicWeights === null) {
    throw new Error('the ADW variant needs training.dynamicWeights (K, T, window) in the profile, which sets none');
  }
  return { ...training, dynamicWeights: switches.adw ? training.dynamicWeights : null };
}

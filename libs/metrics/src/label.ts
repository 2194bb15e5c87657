/**
 * A class label as the metrics compare them: a name ('HA', '-45') or a number, equal when ===. Metrics take labels as
 * plain values and know nothing of the datasets they come from (the layer rule in eslint.config.mjs).
 */
export type Label = string | number;

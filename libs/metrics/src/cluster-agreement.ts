import type { Label } from './label';
import { checkSampleArrays } from './check-labels';

/** counts[r][c]: samples with the r-th distinct label of `rows` and the c-th of `columns`, in first-seen order. */
interface Contingency {
  rowLabels: Label[];
  counts: number[][];
}

function contingency(rows: readonly Label[], columns: readonly Label[], names: [string, string]): Contingency {
  checkSampleArrays({ [names[0]]: rows, [names[1]]: columns });
  const rowIndex = new Map<Label, number>();
  const columnIndex = new Map<Label, number>();
  const counts: number[][] = [];
  rows.forEach((label, i) => {
    if (!rowIndex.has(label)) {
      rowIndex.set(label, rowIndex.size);
      counts.push([]);
    }
    if (!columnIndex.has(columns[i])) columnIndex.set(columns[i], columnIndex.size);
    const row = counts[rowIndex.get(label) as number];
    const c = columnIndex.get(columns[i]) as number;
    row[c] = (row[c] ?? 0) + 1;
  });
  return { rowLabels: [...rowIndex.keys()], counts: counts.map((row) => Array.from({ length: columnIndex.size }, (_, c) => row[c] ?? 0)) };
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/**
 * Adjusted Rand index (Hubert & Arabie 1985, "Comparing partitions") of two labellings of the same samples: the Rand
 * index (share of sample pairs that both put together or both apart) corrected for chance, 1 for the same
 * partition whatever the label names, about 0 for independent ones, down to -0.5 for crossed ones. Symmetric.
 * Written, as scikit-learn's adjusted_rand_score does, with the pair counts: same in both (tp), together in `a`
 * only (fn), in `b` only (fp), apart in both (tn): 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)).
 * When no pair is together in one and apart in the other (fn = fp = 0: identical partitions, including one cluster
 * on both sides, all singletons, or a single sample) the fraction is 0/0 and the index is 1, as scikit-learn
 * returns. Fig. 14 (sec. 4.6.2): how far the clusters of FER features follow the people.
 * Throws on no samples (scikit-learn returns 1.0 there; here an empty selection is a caller's bug) or on
 * labellings of different lengths.
 */
export function adjustedRandIndex(a: readonly Label[], b: readonly Label[]): number {
  const { counts } = contingency(a, b, ['first', 'second']);
  const together = sum(counts.flat().map(pairs));
  const togetherInA = sum(counts.map((row) => pairs(sum(row))));
  const togetherInB = sum(counts[0].map((_, c) => pairs(sum(counts.map((row) => row[c])))));
  const tp = together;
  const fn = togetherInA - together;
  const fp = togetherInB - together;
  const tn = pairs(a.length) - tp - fn - fp;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/**
 * Purity of `clusters` against `classes` (Manning, Raghavan & Schütze 2008, "Introduction to Information
 * Retrieval", sec. 16.3): each cluster counted as its most common class, the share of samples that match it, in
 * (0, 1]. 1 when every cluster holds one class (also when there are as many clusters as samples); one cluster gives
 * the largest class's share. Fig. 14 (sec. 4.6.2): clusters against the people.
 * Throws on no samples or on labellings of different lengths.
 */
export function purity(clusters: readonly Label[], classes: readonly Label[]): number {
  const { counts } = contingency(clusters, classes, ['cluster', 'class']);
  return sum(counts.map((row) => Math.max(...row))) / clusters.length;
}

/** Per class, the share of its samples in its most common cluster; `mean` averages the classes, each weighing one. */
export interface MajorityClusterShare {
  byClass: Map<Label, number>;
  mean: number;
}

/**
 * For each class (each person), the share of its samples that fall in its most common cluster, in (0, 1]: sec.
 * 4.6.2's "most facial images of the same subject are clustered into the same category" (Fig. 14) reads as this
 * share above 1/2. 1 for a class whose samples all share a cluster, 1/m for one spread evenly over m. Pooled over
 * samples instead of averaged over classes it would be `purity(classes, clusters)`, the inverse purity.
 * Throws on no samples or on labellings of different lengths.
 */
export function majorityClusterShare(clusters: readonly Label[], classes: readonly Label[]): MajorityClusterShare {
  const { rowLabels, counts } = contingency(classes, clusters, ['class', 'cluster']);
  const byClass = new Map(rowLabels.map((label, r) => [label, Math.max(...counts[r]) / sum(counts[r])]));
  return { byClass, mean: sum([...byClass.values()]) / byClass.size };
}

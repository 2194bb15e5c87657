/**
 * Epochs since the mean total loss last fell by more than `minDelta` below the best before it: training stops
 * "when the total loss no longer decreased" (sec. 4.1) once this reaches the patience.
 */
export function epochsWithoutImprovement(epochLosses: readonly number[], minDelta: number): number {
  let best = Number.POSITIVE_INFINITY;
  let since = 0;
  for (const loss of epochLosses) {
    if (loss < best - minDelta) {
      best = loss;
      since = 0;
    } else {
      since++;
    }
  }
  return since;
}

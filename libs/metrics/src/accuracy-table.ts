import type { Label } from './label';
import { correctness } from './accuracy';
import { accuracyByGroup, groupIndices, tally, type AccuracyCell, type Grouping } from './grouped-accuracy';

/** Accuracy for every (row, column) pair with row and column averages (Table 3: expression x pose). */
export interface AccuracyTable {
  rows: readonly Label[];
  columns: readonly Label[];
  /** cells[r][c]: samples in row group r and column group c. */
  cells: AccuracyCell[][];
  rowAverages: AccuracyCell[];
  columnAverages: AccuracyCell[];
  overall: AccuracyCell;
}

/**
 * Averages pool samples, as Table 3 does: its Anger row of 22/28, 23/28, 23/28, 25/28, 20/27 averages to 113/139 =
 * 81.3%, where the mean of the five cells would be 81.2%; likewise its -90° column is 89.2%, not 89.1%.
 */
export function accuracyTable(actual: readonly Label[], predicted: readonly Label[], rows: Grouping, columns: Grouping): AccuracyTable {
  const byRow = accuracyByGroup(actual, predicted, rows);
  const byColumn = accuracyByGroup(actual, predicted, columns);
  const c = groupIndices(columns);
  const width = columns.order.length;
  const flat = tally(
    correctness(actual, predicted),
    groupIndices(rows).map((row, i) => row * width + c[i]),
    rows.order.length * width,
  );
  return {
    rows: rows.order,
    columns: columns.order,
    cells: rows.order.map((_, row) => flat.slice(row * width, (row + 1) * width)),
    rowAverages: byRow.cells,
    columnAverages: byColumn.cells,
    overall: byRow.overall,
  };
}

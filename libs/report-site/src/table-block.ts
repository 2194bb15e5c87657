import type { Cell, TableBlock } from './report-data';

/** A table of the report; rows are matched across runs by their first `keyColumns` cells. */
export function tableBlock(id: string, title: string, headers: string[], rows: Cell[][], keyColumns = 1): TableBlock {
  for (const [r, row] of rows.entries()) {
    if (row.length !== headers.length) throw new Error(`table ${id}: row ${r} has ${row.length} cells for ${headers.length} columns`);
  }
  return { kind: 'table', id, title, headers, rows, keyColumns };
}

/** A number rounded for display; null where there is none (a group with no sample is NaN). */
export function rounded(value: number | null | undefined, digits: number): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
}

/** A yaw as the paper labels it. */
export const yaw = (degrees: number): string => `${degrees}°`;

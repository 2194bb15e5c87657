import type { Cell, TableBlock } from './report-data';

type Value = string | number | null;

function plain(cell: Cell | undefined, table: TableBlock): Value {
  if (cell !== null && typeof cell === 'object') throw new Error(`table ${table.id} is already a comparison`);
  return cell ?? null;
}

const decimals = (n: number) => (Number.isInteger(n) ? 0 : String(n).split('.')[1]?.length ?? 0);

/** A cell of two runs: the value where both agree, else the change from the reference run (before) to the other. */
export function compareCells(before: Value, after: Value): Cell {
  if (before === after) return after;
  const delta = typeof before === 'number' && typeof after === 'number' ? Number((after - before).toFixed(Math.max(decimals(before), decimals(after)))) : null;
  return { before, after, delta };
}

// Columns match by header and occurrence: Table 8 has three 'paper' columns.
function columnKeys(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const n = seen.get(h) ?? 0;
    seen.set(h, n + 1);
    return `${h}#${n}`;
  });
}

/**
 * The same table of two runs, cell by cell: rows matched by their key cells, columns by header; a row or column
 * only one run has shows as a change from or to nothing.
 */
export function compareTables(before: TableBlock, after: TableBlock): TableBlock {
  if (before.keyColumns !== after.keyColumns) throw new Error(`table ${after.id}: the runs name its rows differently (${before.keyColumns} vs ${after.keyColumns} key columns)`);
  const keyColumns = after.keyColumns;
  const beforeColumns = columnKeys(before.headers);
  const afterColumns = columnKeys(after.headers);
  const columns = [...beforeColumns, ...afterColumns.filter((c) => !beforeColumns.includes(c))];
  const headers = columns.map((c) => c.slice(0, c.lastIndexOf('#')));
  const rowKey = (row: readonly Cell[], table: TableBlock) => JSON.stringify(row.slice(0, keyColumns).map((c) => plain(c, table)));
  const beforeRows = new Map(before.rows.map((row) => [rowKey(row, before), row]));
  const afterRows = new Map(after.rows.map((row) => [rowKey(row, after), row]));
  const keys = [...beforeRows.keys(), ...[...afterRows.keys()].filter((k) => !beforeRows.has(k))];
  const rows = keys.map((key) => {
    const b = beforeRows.get(key);
    const a = afterRows.get(key);
    return columns.map((column, c) => {
      const from = b ? plain(b[beforeColumns.indexOf(column)], before) : null;
      const to = a ? plain(a[afterColumns.indexOf(column)], after) : null;
      return c < keyColumns ? (to ?? from) : compareCells(from, to);
    });
  });
  return { kind: 'table', id: after.id, title: after.title, headers, rows, keyColumns, notes: after.notes };
}

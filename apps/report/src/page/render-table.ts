import * as tfvis from '@tensorflow/tfjs-vis';
import type { Cell, TableBlock } from '@dmlnet/report-site';
import { escapeHtml } from './html';

const value = (v: string | number | null) => (v === null ? '-' : escapeHtml(String(v)));

/** A cell as HTML: a value as it is; a change between two runs as the new value, the difference and the old value. */
export function cellHtml(cell: Cell): string {
  if (cell === null || typeof cell !== 'object') return value(cell);
  const delta = cell.delta === null ? '' : `<span class="delta ${cell.delta > 0 ? 'up' : cell.delta < 0 ? 'down' : ''}">${cell.delta > 0 ? '+' : ''}${cell.delta}</span>`;
  return `<span class="change"><b>${value(cell.after)}</b>${delta}<span class="was">was ${value(cell.before)}</span></span>`;
}

export function renderTable(container: HTMLElement, table: TableBlock): void {
  tfvis.render.table(container, { headers: table.headers.map(escapeHtml), values: table.rows.map((row) => row.map(cellHtml)) }, { fontSize: 13 });
}

import type { Block, Cell, ResultsReport } from './blocks';

/** A GitHub-flavoured markdown table; a column of numbers (and gaps) is right-aligned; null prints as '-'. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell) => (v === null ? '-' : String(v).replace(/\|/g, '\\|'));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] === null));
  const lines = [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** One block as markdown: its title, then the table, or a link to its plot or picture, then its notes in italics. */
function blockMarkdown(block: Block): string {
  const parts = [`## ${block.title}\n`];
  if (block.kind === 'table') parts.push(markdownTable(block.headers, block.rows));
  if (block.kind === 'chart') parts.push(`![${block.title}](plots/${block.id}.png) (also \`plots/${block.id}.svg\`)\n`);
  if (block.kind === 'image') parts.push(`![${block.title}](${block.file})\n`);
  for (const note of block.notes) parts.push(`_${note}_\n`);
  return parts.join('\n');
}

/** results.md: the report's title, its notes, then every block in order. */
export function resultsMarkdown(report: ResultsReport): string {
  return [`# ${report.title}\n`, ...report.notes.map((note) => `${note}\n`), ...report.blocks.map(blockMarkdown)].join('\n');
}

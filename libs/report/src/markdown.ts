/** A GitHub-flavoured markdown table; numbers right-aligned. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => (v === null ? '-' : String(v));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] === null));
  const lines = [
    `| ${headers.join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A fraction as a percentage with one decimal, the paper's format; null stays null. */
export function percent(fraction: number | null | undefined): number | null {
  return fraction === null || fraction === undefined || Number.isNaN(fraction) ? null : Number((fraction * 100).toFixed(1));
}

/** "this run (paper)" for a side-by-side cell, e.g. "83.1 (88.2)". */
export function versus(ours: number | null, paper: number | null): string {
  return `${ours === null ? '-' : ours} (${paper === null ? '-' : paper})`;
}

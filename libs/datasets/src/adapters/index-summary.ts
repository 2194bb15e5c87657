import { EXPRESSION_CODES, type IndexedSample, type Split } from '../sample';
import type { ManifestEntry } from './manifest-entry';

/** Images per expression (rows, canonical order) x pose (columns, by yaw; `unknown` for null), with totals. */
export function formatCountTable(samples: readonly IndexedSample[]): string {
  const expressions = EXPRESSION_CODES.filter((code) => samples.some((s) => s.expression === code));
  const poses = [...new Set(samples.map((s) => s.pose))].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const counts = new Map<string, number>();
  for (const { expression, pose } of samples) counts.set(`${expression} ${pose}`, (counts.get(`${expression} ${pose}`) ?? 0) + 1);
  const header = ['expression \\ pose', ...poses.map((p) => (p === null ? 'unknown' : String(p))), 'total'];
  const rows = expressions.map((e) => {
    const cells = poses.map((p) => counts.get(`${e} ${p}`) ?? 0);
    return [e, ...cells, cells.reduce((a, b) => a + b, 0)].map(String);
  });
  const columnTotals = poses.map((p) => samples.filter((s) => s.pose === p).length);
  rows.push(['total', ...columnTotals, samples.length].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** One line per split: images and people, next to the paper's counts where the manifest gives them. */
export function formatSplitSummary(samples: readonly IndexedSample[], entry: ManifestEntry): string {
  const line = (split: Split, paper: number | undefined) => {
    const of = samples.filter((s) => s.split === split);
    const people = new Set(of.map((s) => s.subject).filter((s) => s !== '')).size;
    const unknown = of.filter((s) => s.subject === '').length;
    const who = `${people} people${unknown > 0 ? `, ${unknown} images of unknown subject` : ''}`;
    const unposed = of.filter((s) => s.pose === null).length;
    const pose = unposed > 0 ? `, ${unposed} of unknown pose` : '';
    return `${split === 'train' ? 'train+val' : 'test'}: ${of.length} images (${who}${pose})${paper === undefined ? '' : `; paper: ${paper}`}`;
  };
  return [line('train', entry.paper?.trainValImages), line('test', entry.paper?.testImages)].join('\n');
}

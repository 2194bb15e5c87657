import { EXPRESSION_CODES, INDEX_COLUMNS, type ExpressionCode, type IndexProblem, type IndexedSample } from '../sample';
import { csvLine, readCsv } from './csv';

/** The index CSV: INDEX_COLUMNS; an unknown pose, subject, intensity or session is an empty cell. */
export function formatIndexCsv(samples: readonly IndexedSample[]): string {
  const rows = samples.map((s) => csvLine([s.path, s.subject, s.expression, s.pose ?? '', s.split, s.intensity ?? '', s.session ?? '']));
  return csvLine(INDEX_COLUMNS) + rows.join('');
}

/**
 * Reads an index CSV (written by datasets:index or the synthetic generator). A missing file or a wrong or missing
 * column is an error naming the file; a row with a bad value is a problem with the reason.
 */
export function readIndexCsv(file: string): { samples: IndexedSample[]; problems: IndexProblem[] } {
  const samples: IndexedSample[] = [];
  const problems: IndexProblem[] = [];
  for (const { line, cells } of readCsv(file, INDEX_COLUMNS, { exact: true })) {
    const sample = indexedSample(cells);
    if (typeof sample === 'string') problems.push({ path: cells.path === '' ? `${file}:${line}` : cells.path, reason: `${sample} (${file}, line ${line})` });
    else samples.push(sample);
  }
  return { samples, problems };
}

/** One row's sample, or why it is not one. */
function indexedSample(cells: Record<string, string>): IndexedSample | string {
  const { path, subject, expression, pose, split, intensity, session } = cells;
  if (path === '') return 'empty path';
  if (!EXPRESSION_CODES.includes(expression as ExpressionCode)) return `unknown expression code "${expression}" (expected ${EXPRESSION_CODES.join(', ')})`;
  if (pose !== '' && !Number.isFinite(Number(pose))) return `pose "${pose}" is not a number`;
  if (split !== 'train' && split !== 'test') return `split "${split}": expected train or test`;
  if (intensity !== '' && !Number.isInteger(Number(intensity))) return `intensity "${intensity}" is not a whole number`;
  const sample: IndexedSample = { path: path.replaceAll('\\', '/'), subject, expression: expression as ExpressionCode, pose: pose === '' ? null : Number(pose), split };
  if (intensity !== '') sample.intensity = Number(intensity);
  if (session !== '') sample.session = session;
  return sample;
}

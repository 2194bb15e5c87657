import path from 'node:path';
import { EXPRESSION_CODES, INDEX_COLUMNS, type ExpressionCode, type IndexProblem, type IndexedSample } from '../sample';
import { csvLine, readCsv } from './csv';
import { CsvPaths, csvPath, rowPath } from './csv-paths';

/** The index CSV: INDEX_COLUMNS; an unknown pose, subject, intensity or session is an empty cell. */
export function formatIndexCsv(samples: readonly IndexedSample[]): string {
  const rows = samples.map((s) => csvLine([s.path, s.subject, s.expression, s.pose ?? '', s.split, s.intensity ?? '', s.session ?? '']));
  return csvLine(INDEX_COLUMNS) + rows.join('');
}

/**
 * Reads an index CSV (written by datasets:index or the synthetic generator; see `readCsv` for the spreadsheet forms
 * it accepts). With `files` (the root's files), each path is matched to one of them as `CsvPaths` says and a path
 * naming none is a problem; without, paths are only normalised (`csvPath`). A missing file or a wrong or missing
 * column is an error naming the file; a row with a bad value or a path listed twice is a problem with the reason
 * and line. `notes`: rows skipped as blank, paths matched only without case.
 */
export function readIndexCsv(file: string, files?: Iterable<string>): { samples: IndexedSample[]; problems: IndexProblem[]; notes: string[] } {
  const samples: IndexedSample[] = [];
  const problems: IndexProblem[] = [];
  const listed = new Set<string>();
  const { rows, notes } = readCsv(file, INDEX_COLUMNS, { exact: true });
  const paths = files === undefined ? undefined : new CsvPaths(file, files);
  const name = path.basename(file);
  for (const { line, cells } of rows) {
    const found = paths === undefined ? csvPath(cells.path) : paths.resolve(cells.path, line);
    const where = rowPath(found, cells.path, file, line);
    const sample = 'file' in found ? (listed.has(found.file) ? 'listed twice' : indexedSample(found.file, cells)) : found.reason;
    if (typeof sample === 'string') problems.push({ path: where, reason: `${sample} (${name}, line ${line})` });
    else samples.push(sample);
    if ('file' in found) listed.add(found.file);
  }
  return { samples, problems, notes: [...notes, ...(paths?.notes() ?? [])] };
}

/** One row's sample (its path already matched), or why it is not one. */
function indexedSample(file: string, cells: Record<string, string>): IndexedSample | string {
  const { subject, expression, pose, split, intensity, session } = cells;
  if (!EXPRESSION_CODES.includes(expression as ExpressionCode)) return `unknown expression code "${expression}" (expected ${EXPRESSION_CODES.join(', ')})`;
  if (pose !== '' && !Number.isFinite(Number(pose))) return `pose "${pose}" is not a number`;
  if (split !== 'train' && split !== 'test') return `split "${split}": expected train or test`;
  if (intensity !== '' && !Number.isInteger(Number(intensity))) return `intensity "${intensity}" is not a whole number`;
  const sample: IndexedSample = { path: file, subject, expression: expression as ExpressionCode, pose: pose === '' ? null : Number(pose), split };
  if (intensity !== '') sample.intensity = Number(intensity);
  if (session !== '') sample.session = session;
  return sample;
}

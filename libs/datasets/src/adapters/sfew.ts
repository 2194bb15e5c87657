import path from 'node:path';
import type { ExpressionCode, Split } from '../sample';
import { readCsv } from './csv';
import { CsvPaths, rowPath } from './csv-paths';
import type { Adapter, ScanReport, ScannedSample } from './adapter';
import { relativeFile } from './setting-checks';

/** SFEW's class folders -> the canonical codes. */
export const SFEW_CLASSES: Readonly<Record<string, ExpressionCode>> = {
  Angry: 'AN', Disgust: 'DI', Fear: 'FE', Happy: 'HA', Neutral: 'NE', Sad: 'SA', Surprise: 'SU',
};
export const SFEW_LABEL_COLUMNS = ['path', 'subject', 'yaw'] as const;

const CLASS_BY_FOLDER = new Map(Object.entries(SFEW_CLASSES).map(([folder, code]) => [folder.toLowerCase(), code]));

/**
 * SFEW 2.0: `Train/Train_Aligned_Faces/<Class>/`, `Val/Val_Aligned_Faces/<Class>/` and the flat, unlabelled
 * `Test/Test_Aligned_Faces/`. It has no identity or pose labels: those come from the optional `labels` CSV
 * (path, subject, yaw); without a row, subject is '' and pose null, and the index says so. Nothing is guessed.
 */
export const sfew: Adapter = {
  settings: { labels: relativeFile },
  splits: ['folder'],
  csvFiles: (entry) => (entry.labels === undefined ? [] : [entry.labels]),
  scan({ root, images, files, entry }, report) {
    if (entry.split.by !== 'folder') throw new Error('the sfew adapter splits by folder');
    const folders: Record<string, Split> = { [entry.split.train]: 'train', [entry.split.test]: 'test' };
    const samples: ScannedSample[] = [];
    for (const file of images) {
      const parts = file.split('/');
      const split = folders[parts[0]];
      const expression = CLASS_BY_FOLDER.get(parts.at(-2)?.toLowerCase() ?? '');
      if (split === undefined) report.exclude(`under ${parts.length > 1 ? `${parts[0]}/` : 'the root itself'}, not a split folder (${entry.split.train} -> train, ${entry.split.test} -> test)`);
      else if (expression === undefined) report.problem(file, `not in a class folder (${Object.keys(SFEW_CLASSES).join(', ')})`);
      else samples.push({ path: file, subject: '', expression, pose: null, split });
    }
    const labels = entry.labels !== undefined && files.has(entry.labels) ? entry.labels : undefined;
    if (labels !== undefined) applyLabels(path.join(root, labels), samples, files, report);
    const unlabelled = samples.filter((s) => s.subject === '' || s.pose === null).length;
    if (unlabelled > 0) {
      const why = labels !== undefined ? `have no subject or yaw in ${labels}` : `have no subject or yaw: no label CSV ${entry.labels ?? '(the manifest sets no labels)'} at the root`;
      report.note(`${unlabelled} of ${samples.length} images ${why}; pose and identity triplets need both`);
    }
    return samples;
  },
};

/** Subject and yaw from the label CSV; its paths are matched to the root's files as `CsvPaths` says. */
function applyLabels(csv: string, samples: ScannedSample[], files: ReadonlySet<string>, report: ScanReport): void {
  const byPath = new Map(samples.map((sample) => [sample.path, sample]));
  const labelled = new Set<string>();
  const { rows, notes } = readCsv(csv, SFEW_LABEL_COLUMNS);
  const paths = new CsvPaths(csv, files);
  const name = path.basename(csv);
  for (const { line, cells } of rows) {
    const found = paths.resolve(cells.path, line);
    const where = rowPath(found, cells.path, csv, line);
    const sample = 'file' in found ? byPath.get(found.file) : undefined;
    const yaw = Number(cells.yaw);
    const at = `(${name}, line ${line})`;
    if ('reason' in found) report.problem(where, `${found.reason} ${at}`);
    else if (sample === undefined) report.problem(where, `not an image of the split folders ${at}`);
    else if (labelled.has(sample.path)) report.problem(where, `labelled twice ${at}`);
    else if (cells.yaw !== '' && !Number.isFinite(yaw)) report.problem(where, `yaw "${cells.yaw}" is not a number ${at}`);
    else {
      sample.subject = cells.subject;
      sample.pose = cells.yaw === '' ? null : yaw;
    }
    if (sample !== undefined) labelled.add(sample.path);
  }
  for (const note of [...notes, ...paths.notes()]) report.note(note);
}

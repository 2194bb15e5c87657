import path from 'node:path';
import type { ExpressionCode } from '../sample';
import { readCsv } from './csv';
import { CsvPaths, rowPath } from './csv-paths';
import { stem } from './list-files';
import type { Adapter, ScanReport, ScannedSample } from './adapter';
import { relativeFile } from './setting-checks';

/** BU-3DFE's expression codes are the canonical ones; neutral exists only at intensity 00. */
export const BU3DFE_EXPRESSIONS: readonly ExpressionCode[] = ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU'];
export const BU3DFE_RACES = ['WH', 'AE', 'LA', 'BL', 'AM', 'IN'] as const;
export const BU3DFE_INDEX_COLUMNS = ['path', 'subject', 'expression', 'intensity', 'yaw'] as const;

// <subject>_<EE><II><RR>_yaw<+/-deg>: F0001_AN01WH_yaw-45.png, F0001_NE00WH_yaw+0.png
const VIEW = /^([FM]\d{4})_([A-Z]{2})(\d\d)([A-Z]{2})_YAW([+-]?\d+(?:\.\d+)?)$/;

/**
 * BU-3DFE rendered views (the set ships 3D models only): read through the index CSV at `index` when the root has
 * one, otherwise from `<subject>_<EE><II><RR>_yaw<deg>` file names anywhere under the root.
 */
export const bu3dfe: Adapter = {
  settings: { index: relativeFile },
  splits: ['subject'],
  csvFiles: (entry) => (entry.index === undefined ? [] : [entry.index]),
  scan({ root, images, files, entry }, report) {
    if (entry.index !== undefined && files.has(entry.index)) return fromIndex(path.join(root, entry.index), images, files, report);
    report.note(entry.index === undefined ? 'reading views from file names' : `no ${entry.index} at the root: reading views from file names`);
    const samples: ScannedSample[] = [];
    for (const file of images) {
      const name = stem(file);
      const match = VIEW.exec(name.toUpperCase());
      if (match === null) {
        const raw = /_F2D$/i.test(name) ? ' (a 2D texture of the raw set: index rendered views instead)' : '';
        report.problem(file, `not a rendered view name <subject>_<EE><II><RR>_yaw<deg> (e.g. F0001_AN01WH_yaw-45)${raw}`);
        continue;
      }
      const [, subject, code, intensity, race, yaw] = match;
      if (!(BU3DFE_RACES as readonly string[]).includes(race)) report.problem(file, `unknown race code "${race}" (${BU3DFE_RACES.join(', ')})`);
      else add(samples, report, file, subject, code, intensity, yaw);
    }
    return samples;
  },
};

/** The views an index CSV lists; its paths are matched to the root's files as `CsvPaths` says. */
function fromIndex(csv: string, images: readonly string[], files: ReadonlySet<string>, report: ScanReport): ScannedSample[] {
  const samples: ScannedSample[] = [];
  const listed = new Set<string>();
  const { rows, notes } = readCsv(csv, BU3DFE_INDEX_COLUMNS);
  const paths = new CsvPaths(csv, files);
  const name = path.basename(csv);
  for (const { line, cells } of rows) {
    const found = paths.resolve(cells.path, line);
    const at = `(${name}, line ${line})`;
    if ('reason' in found) report.problem(rowPath(found, cells.path, csv, line), `${found.reason} ${at}`);
    else if (listed.has(found.file)) report.problem(found.file, `listed twice ${at}`);
    else if (!/^[FM]\d{4}$/.test(cells.subject)) report.problem(found.file, `subject "${cells.subject}" is not F0001-F0056 / M0001-M0044 style ${at}`);
    else add(samples, report, found.file, cells.subject, cells.expression.toUpperCase(), cells.intensity, cells.yaw, ` ${at}`);
    if ('file' in found) listed.add(found.file);
  }
  for (const note of [...notes, ...paths.notes()]) report.note(note);
  const unlisted = images.filter((image) => !listed.has(image)).length;
  if (unlisted > 0) report.exclude(`image not listed in ${name}`, unlisted);
  return samples;
}

/** Checks the labels of one view and adds it, or reports why not (`at`: where the labels were read, for messages). */
function add(samples: ScannedSample[], report: ScanReport, file: string, subject: string, code: string, intensityText: string, yawText: string, at = ''): void {
  const intensity = Number(intensityText);
  const pose = Number(yawText);
  const expression = code as ExpressionCode;
  const neutral = expression === 'NE';
  const intensityOk = intensityText !== '' && Number.isInteger(intensity) && (neutral ? intensity === 0 : intensity >= 1 && intensity <= 4);
  if (!BU3DFE_EXPRESSIONS.includes(expression)) report.problem(file, `unknown expression code "${code}" (BU-3DFE has ${BU3DFE_EXPRESSIONS.join(', ')})${at}`);
  else if (!intensityOk) report.problem(file, `intensity "${intensityText}" for ${code}: expected ${neutral ? '00 (neutral)' : '01-04'}${at}`);
  else if (yawText === '' || !Number.isFinite(pose)) report.problem(file, `yaw "${yawText}" is not a number${at}`);
  else samples.push({ path: file, subject, expression, pose, intensity });
}

import path from 'node:path';
import { readIndexCsv } from './index-csv';
import type { Adapter } from './adapter';
import { nonEmptyString, relativeFile } from './setting-checks';

/** The index file of a generated set when the manifest names none. */
export const SYNTHETIC_INDEX = 'index.csv';

/** A generated set: an index CSV with INDEX_COLUMNS at the root and the images it names. */
export const synthetic: Adapter = {
  settings: { index: relativeFile, preset: nonEmptyString },
  splits: ['index', 'subject'],
  csvFiles: (entry) => [entry.index ?? SYNTHETIC_INDEX],
  scan({ root, images, files, entry }, report) {
    const index = entry.index ?? SYNTHETIC_INDEX;
    if (!files.has(index)) throw new Error(`no ${index} at the root ${root}: generate the set first`);
    const { samples, problems, notes } = readIndexCsv(path.join(root, index), files);
    for (const problem of problems) report.problem(problem.path, problem.reason);
    for (const note of notes) report.note(note);
    const listed = new Set([...samples, ...problems].map((listedFile) => listedFile.path));
    const unlisted = images.filter((image) => !listed.has(image)).length;
    if (unlisted > 0) report.exclude(`image not listed in ${index}`, unlisted);
    return samples;
  },
};

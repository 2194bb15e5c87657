import type { ExpressionCode } from '../sample';
import { stem } from './list-files';
import type { Adapter, ScannedSample } from './adapter';
import { yawTable } from './setting-checks';

/** Expression by (session, recording), as `SS/RR`: the recordings Multi-PIE made in each session. */
export const MULTIPIE_EXPRESSIONS: Readonly<Record<string, ExpressionCode>> = {
  '01/01': 'NE', '01/02': 'SM',
  '02/01': 'NE', '02/02': 'SU', '02/03': 'SQ',
  '03/01': 'NE', '03/02': 'SM', '03/03': 'DI',
  '04/01': 'NE', '04/02': 'NE', '04/03': 'SC',
};

/**
 * Camera -> yaw degrees, one convention (the sign is a convention; the manifest's `cameras` overrides it). 08_1 and
 * 19_1 are elevated quarter views whose yaw is not a pan angle: unknown (null) unless configured.
 */
export const MULTIPIE_CAMERAS: Readonly<Record<string, number | null>> = {
  '11_0': -90, '12_0': -75, '09_0': -60, '08_0': -45, '13_0': -30, '14_0': -15, '05_1': 0,
  '05_0': 15, '04_1': 30, '19_0': 45, '20_0': 60, '01_0': 75, '24_0': 90, '08_1': null, '19_1': null,
};

// <subject>_<SS>_<recording>_<camera without its underscore>_<shot>: 001_01_01_051_05
const NAME = /^(\d{3})_(\d\d)_(\d\d)_(\d\d)(\d)_(\d\d)$/;

/** Multi-PIE: `session<SS>/multiview/<subject>/<recording>/<camera>/<subject>_<SS>_<recording>_<cam>_<shot>.png`. */
export const multipie: Adapter = {
  settings: {
    cameras: yawTable(/^\d\d_\d$/, 'a camera like 05_1', true),
    shots: (value, fail) => {
      if (!Array.isArray(value) || value.length === 0 || !value.every((s) => typeof s === 'string' && /^(0\d|1\d)$/.test(s))) {
        fail(`expected a non-empty list of shots "00"-"19", got ${JSON.stringify(value)}`);
      }
    },
  },
  splits: ['subject'],
  csvFiles: () => [],
  scan({ images, entry }, report) {
    const cameras = entry.cameras ?? MULTIPIE_CAMERAS;
    const samples: ScannedSample[] = [];
    for (const path of images) {
      const folders = path.split('/').slice(0, -1);
      const at = folders.lastIndexOf('multiview');
      if (at < 1 || !/^session\d\d$/.test(folders[at - 1])) {
        report.exclude('not a multiview image (outside session<SS>/multiview/)');
        continue;
      }
      const match = NAME.exec(stem(path));
      if (match === null) {
        report.problem(path, `misnamed: expected <subject>_<SS>_<recording>_<camera>_<shot> (e.g. 001_01_01_051_05)`);
        continue;
      }
      const [, subject, session, recording, cameraMain, cameraSub, shot] = match;
      const camera = `${cameraMain}_${cameraSub}`;
      const expected = [`session${session}`, 'multiview', subject, recording, camera];
      const actual = folders.slice(at - 1);
      const expression = MULTIPIE_EXPRESSIONS[`${session}/${recording}`];
      const pose = cameras[camera];
      if (actual.join('/') !== expected.join('/')) report.problem(path, `the name says ${expected.join('/')}/ but the file is in ${actual.join('/')}/`);
      else if (Number(shot) > 19) report.problem(path, `shot ${shot} outside 00-19`);
      else if (expression === undefined) report.problem(path, `no expression is recorded in session ${session}, recording ${recording}`);
      else if (pose === undefined) report.problem(path, `unknown camera ${camera} (known: ${Object.keys(cameras).join(', ')})`);
      else if (entry.shots !== undefined && !entry.shots.includes(shot)) report.exclude(`shot ${shot} is not in the manifest's shots`);
      else samples.push({ path, subject, expression, pose, session });
    }
    return samples;
  },
};

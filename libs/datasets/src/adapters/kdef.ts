import type { ExpressionCode } from '../sample';
import { stem } from './list-files';
import type { Adapter, ScannedSample } from './adapter';
import { yawTable } from './setting-checks';

/** KDEF's expression codes -> the canonical ones (its AF, afraid, is fear). */
export const KDEF_EXPRESSIONS: Readonly<Record<string, ExpressionCode>> = { AF: 'FE', AN: 'AN', DI: 'DI', HA: 'HA', NE: 'NE', SA: 'SA', SU: 'SU' };

/** Angle code -> yaw degrees: the paper's convention (the sign is a convention); the manifest's `angles` overrides it. */
export const KDEF_ANGLES: Readonly<Record<string, number>> = { FL: -90, HL: -45, S: 0, HR: 45, FR: 90 };

/** The two files KDEF ships misnamed, by stem, and what they are. */
export const KDEF_MISNAMED: Readonly<Record<string, string>> = { AF31V: 'AF31SAHL', AM31H: 'AM31SUHR' };

// Session A|B, gender F|M, number, expression, angle (one letter for the straight view: AF01AFS).
const STEM = /^([AB])([FM])(\d\d)([A-Z]{2})([A-Z]{1,2})$/;

/** KDEF: `<stem4>/<stem>.JPG`; the person is gender + number (AF01 and BF01 are both F01). */
export const kdef: Adapter = {
  settings: { angles: yawTable(/^(FL|HL|S|HR|FR)$/, 'an angle code FL, HL, S, HR or FR', false) },
  splits: ['subject'],
  csvFiles: () => [],
  scan({ images, entry }, report) {
    const angles = entry.angles ?? KDEF_ANGLES;
    const seen = new Map<string, string>();
    const samples: ScannedSample[] = [];
    for (const path of images) {
      const name = stem(path).toUpperCase();
      const fixed = KDEF_MISNAMED[name];
      if (fixed !== undefined) report.note(`${path}: a known misnamed KDEF file, read as ${fixed}`);
      const match = STEM.exec(fixed ?? name);
      if (match === null) {
        report.problem(path, `misnamed stem "${stem(path)}": expected session A|B, gender F|M, number 01-35, expression, angle (e.g. AF01AFS)`);
        continue;
      }
      const [key, session, gender, number, code, angle] = match;
      const expression = KDEF_EXPRESSIONS[code];
      const pose = angles[angle];
      const first = seen.get(key);
      if (number === '00' || Number(number) > 35) report.problem(path, `subject number ${number} outside 01-35`);
      else if (expression === undefined) report.problem(path, `unknown expression code "${code}" (KDEF has ${Object.keys(KDEF_EXPRESSIONS).join(', ')})`);
      else if (pose === undefined) report.problem(path, `unknown angle code "${angle}" (known: ${Object.keys(angles).join(', ')})`);
      else if (first !== undefined) report.problem(path, `the same image as ${first} (${key})`);
      else {
        seen.set(key, path);
        samples.push({ path, subject: gender + number, expression, pose, session });
      }
    }
    return samples;
  },
};

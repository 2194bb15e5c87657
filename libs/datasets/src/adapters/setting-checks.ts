import type { SettingCheck } from './adapter';

/** A file name relative to the dataset root. */
export const relativeFile: SettingCheck = (value, fail) => {
  if (typeof value !== 'string' || value === '' || value.startsWith('/') || value.includes('\\')) {
    fail(`expected a file name relative to the root, '/'-separated, got ${JSON.stringify(value)}`);
  }
};

export const nonEmptyString: SettingCheck = (value, fail) => {
  if (typeof value !== 'string' || value === '') fail(`expected a non-empty string, got ${JSON.stringify(value)}`);
};

/** An object from codes matching `key` to yaw degrees (or null for unknown, where `nullable`). */
export function yawTable(key: RegExp, keyHelp: string, nullable: boolean): SettingCheck {
  return (value, fail) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`expected an object from ${keyHelp} to yaw degrees`);
    for (const [code, yaw] of Object.entries(value as object)) {
      if (!key.test(code)) fail(`key ${JSON.stringify(code)}: expected ${keyHelp}`);
      if (!(typeof yaw === 'number' && Number.isFinite(yaw)) && !(nullable && yaw === null)) {
        fail(`${code}: expected yaw degrees${nullable ? ' or null (unknown)' : ''}, got ${JSON.stringify(yaw)}`);
      }
    }
  };
}

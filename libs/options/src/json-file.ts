import fs from 'node:fs';

/**
 * A JSON config file (a profile, a sweep, the datasets manifest) parsed, or an Error that starts with `where`:
 * `<where>: no such file`, or `<where>: not valid JSON at line 3, column 1 (Expected double-quoted property name)`:
 * a line and column an editor can go to, not V8's character offset.
 */
export function readJsonFile(file: string, where: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${where}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON ${jsonErrorPlace(text, (error as Error).message)}`);
  }
}

/** "at line L, column C (<V8's reason>)" for JSON.parse's message about `text`; both 1-based. */
export function jsonErrorPlace(text: string, message: string): string {
  // V8: "<reason> in JSON at position <n>", "Unexpected end of JSON input", "<reason>, "<excerpt>" is not valid JSON".
  const at = /^(.*?) in JSON at position (\d+)/.exec(message);
  const offset = at ? Number(at[2]) : /end of JSON input/.test(message) ? text.length : undefined;
  const reason = at ? at[1] : message;
  if (offset === undefined) return `(${reason})`;
  const before = text.slice(0, offset).split('\n');
  return `at line ${before.length}, column ${before[before.length - 1].length + 1} (${reason})`;
}

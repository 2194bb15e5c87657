import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonErrorPlace, readJsonFile } from './json-file';

/** The error readJsonFile gives for a file holding `text`. */
function errorFor(text: string | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-json-'));
  const file = path.join(dir, 'c.json');
  if (text !== null) fs.writeFileSync(file, text);
  try {
    readJsonFile(file, 'profile c.json');
    return 'parsed';
  } catch (error) {
    return (error as Error).message;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a JSON error names the line and column (1-based, counted by hand here), not the character offset', () => {
  // A trailing comma: the '}' on line 3 is where V8 stops.
  assert.is(errorFor('{\n  "a": 1,\n}'), 'profile c.json: not valid JSON at line 3, column 1 (Expected double-quoted property name)');
  // A missing comma between fields: stops at the second field's quote, line 2 column 3.
  assert.is(errorFor('{ "a": 1\n  "b": 2 }'), "profile c.json: not valid JSON at line 2, column 3 (Expected ',' or '}' after property value)");
  // Cut short: the place is the end of the text.
  assert.match(errorFor('{\n  "a": '), /^profile c\.json: not valid JSON at line 2, column 8 \(/);
});

test('a missing file is "no such file"; a good one is parsed', () => {
  assert.is(errorFor(null), 'profile c.json: no such file');
  assert.is(errorFor('{"a": [1, 2]}'), 'parsed');
});

test("a message with no position (another engine's) is kept whole, in brackets", () => {
  assert.is(jsonErrorPlace('x', 'something odd'), '(something odd)');
});

test.run();

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { flag, list, numberIn, onOff, oneOf, pathTo, readValue, text, wholeNumber } from './values';

/** The value a schema gives, or its issue messages as one line. */
function read<T>(schema: z.ZodType<T, unknown>, value: unknown): T | string {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : parsed.error.issues.map((issue) => issue.message).join('; ');
}

test('wholeNumber takes whole numbers as typed or from code, in range, and says what it expected otherwise', () => {
  const seeds = wholeNumber({ min: 1 });
  assert.is(read(seeds, '3'), 3);
  assert.is(read(seeds, ' 12 '), 12);
  assert.is(read(seeds, 2), 2);
  for (const [typed, shown] of [['0', '0'], ['1.5', '1.5'], ['abc', 'abc'], ['', 'nothing'], ['1e3', '1e3'], ['0x10', '0x10'], ['-1', '-1'], [undefined, 'nothing']]) {
    assert.is(read(seeds, typed), `expected a whole number of at least 1, got ${shown}`);
  }
  assert.is(read(seeds, '9007199254740993'), 'expected a whole number of at least 1, got 9007199254740993', 'beyond exact integers');
  const threads = wholeNumber({ min: 1, max: 8 });
  assert.is(read(threads, '8'), 8);
  assert.is(read(threads, '64'), 'expected a whole number from 1 to 8, got 64');
});

test('numberIn checks open and closed ends', () => {
  const ramp = numberIn('(', 0, 1, ']');
  assert.is(read(ramp, '1'), 1);
  assert.is(read(ramp, '.25'), 0.25);
  assert.is(read(ramp, '0'), 'expected a number in (0, 1], got 0');
  assert.is(read(ramp, '1.0001'), 'expected a number in (0, 1], got 1.0001');
  assert.is(read(ramp, 'NaN'), 'expected a number in (0, 1], got NaN');
  assert.is(read(numberIn('[', 0, 1, ')'), '0'), 0);
  assert.is(read(numberIn('[', 0, 1, ')'), '1'), 'expected a number in [0, 1), got 1');
});

test('oneOf, onOff and text take their words exactly', () => {
  assert.is(read(oneOf(['wasm', 'cpu']), 'cpu'), 'cpu');
  assert.is(read(oneOf(['wasm', 'cpu']), 'CPU'), 'expected one of wasm, cpu, got CPU');
  assert.equal(['1', 'true', 'TRUE', '0', 'false'].map((v) => read(onOff(), v)), [true, true, true, false, false]);
  assert.is(read(onOff(), 'yes'), 'expected 1 or true (on), 0 or false (off), got yes');
  // A switch given alone reaches its schema as '' (options are read as strings): on, where onOff refuses it.
  assert.equal(['', '1', 'false'].map((v) => read(flag(), v)), [true, true, false]);
  assert.is(read(flag(), 'yes'), 'expected 1 or true (on), 0 or false (off), got yes');
  assert.is(read(text('a title'), 'DML-Net'), 'DML-Net');
  assert.is(read(text('a title'), '  '), 'expected a title, got   ');
});

test('list: non-empty, trimmed, each entry once and each read by its schema; several values taken whole', () => {
  const names = list(oneOf(['kdef', 'sfew', 'a,b']));
  assert.equal(read(names, ' kdef , sfew'), ['kdef', 'sfew']);
  assert.equal(read(names, ['a,b', 'kdef']), ['a,b', 'kdef'], 'values of an option given several times are not split');
  assert.is(read(names, ''), 'expected a list of one or more, got nothing');
  assert.is(read(names, ' , '), 'expected a list of one or more, got  , ');
  assert.is(read(names, []), 'expected a list of one or more, got nothing');
  assert.is(read(names, 'kdef,,sfew'), 'expected a list without empty entries, got kdef,,sfew');
  assert.is(read(names, 'kdef, kdef'), 'expected each entry once, got kdef more than once in kdef, kdef');
  assert.is(read(names, 'kdef,kdf'), 'expected one of kdef, sfew, a,b, got kdf');
  assert.equal(read(list(wholeNumber({ min: 1 })), '1,10'), [1, 10]);
});

test('pathTo: an absolute path to a folder or file that is there, or can be made; anything else says why not', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-options-'));
  try {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'x');
    const made = pathTo('folder', { exists: false });
    assert.is(read(made, dir), dir);
    assert.is(read(made, path.join(dir, 'new', 'deeper')), path.join(dir, 'new', 'deeper'));
    assert.is(read(made, path.relative(process.cwd(), dir)), dir, 'made absolute');
    assert.is(read(made, file), `expected a folder, got ${file}, which is a file`);
    assert.is(read(made, path.join(file, 'below')), `expected a folder, got ${path.join(file, 'below')}, which cannot be made: ${file} is a file`);
    assert.is(read(made, ''), 'expected a folder, got nothing');
    assert.is(read(pathTo('folder', { exists: true }), path.join(dir, 'gone')), `expected a folder, got ${path.join(dir, 'gone')}, which does not exist`);
    assert.is(read(pathTo('file', { exists: true }), file), file);
    assert.is(read(pathTo('file', { exists: true }), dir), `expected a file, got ${dir}, which is a folder`);
    assert.is(read(pathTo('file', { exists: false }), path.join(dir, 'out.png')), path.join(dir, 'out.png'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('readValue names the value in its error', () => {
  assert.is(readValue('--threads', wholeNumber({ min: 1, max: 8 }), 4), 4);
  assert.throws(() => readValue('--threads', wholeNumber({ min: 1, max: 8 }), 0), (error: Error) => error.message === '--threads: expected a whole number from 1 to 8, got 0');
});

test.run();

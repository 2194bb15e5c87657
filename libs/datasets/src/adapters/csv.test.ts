import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readCsv } from './csv';
import { makeTree, removeTree } from './tree.fixture';

const COLUMNS = ['path', 'subject', 'yaw'];

/** readCsv on one file written with `contents`; the tree is removed afterwards. */
function read(contents: string | Uint8Array, options?: { exact?: boolean }) {
  const root = makeTree({ 'labels.csv': contents });
  try {
    return readCsv(path.join(root, 'labels.csv'), COLUMNS, options);
  } finally {
    removeTree(root);
  }
}

const cells = (table: ReturnType<typeof readCsv>) => table.rows.map((row) => [row.line, row.cells]);

test('as Excel saves it: a byte-order mark, CRLF, trailing empty header cells and rows ending in empty cells', () => {
  const table = read('\uFEFFpath,subject,yaw,,\r\na.png,p1,-15,,\r\nb.png,p2,0,,\r\n');
  assert.equal(cells(table), [
    [2, { path: 'a.png', subject: 'p1', yaw: '-15' }],
    [3, { path: 'b.png', subject: 'p2', yaw: '0' }],
  ]);
  assert.equal(table.notes, []);
});

test('empty header cells anywhere are ignored columns, whatever their rows hold; other extra columns are kept', () => {
  const table = read('Path,,Subject,Race,,YAW\na.png,x,p1,WH,,15\n');
  assert.equal(cells(table), [[2, { path: 'a.png', subject: 'p1', race: 'WH', yaw: '15' }]]);
  assert.throws(() => read('path,,subject,race,yaw\n', { exact: true }), /labels\.csv: unknown column "race"; expected exactly path, subject, yaw/);
  assert.equal(cells(read('path,subject,yaw,,,\na.png,p1,0\n', { exact: true })), [[2, { path: 'a.png', subject: 'p1', yaw: '0' }]]);
});

test('blank rows (empty lines, only spaces, only separators) are skipped with one note that counts them', () => {
  const table = read('\npath,subject,yaw\na.png,p1,0\n\n,,\n   \n , , \nb.png,p2,15\n,,,,\n');
  assert.equal(cells(table), [
    [3, { path: 'a.png', subject: 'p1', yaw: '0' }],
    [8, { path: 'b.png', subject: 'p2', yaw: '15' }],
  ]);
  assert.equal(table.notes, ['labels.csv: skipped 6 blank rows (lines 1, 4, 5, 6, 7, 9)']);
  assert.equal(read('path,subject,yaw\n,,\na.png,p1,0\n').notes, ['labels.csv: skipped 1 blank row (line 2)']);
});

test('cells are trimmed; quotes keep commas, quotes and line breaks; backslashes are kept for the path matcher', () => {
  const table = read('path , subject,yaw\n  "Val\\Sad\\a, ""b"".png" ,p1 , 15 \n"two\nlines.png",p2,0\n');
  assert.equal(cells(table), [
    [2, { path: 'Val\\Sad\\a, "b".png', subject: 'p1', yaw: '15' }],
    [4, { path: 'two\nlines.png', subject: 'p2', yaw: '0' }],
  ]);
});

test('";" separates cells where the header has ";" and no "," (Excel where the decimal mark is a comma)', () => {
  assert.equal(cells(read('path;subject;yaw\r\na,b.png;p1;-15\r\n')), [[2, { path: 'a,b.png', subject: 'p1', yaw: '-15' }]]);
});

test('a tab separates cells where the header line has more tabs than commas and ";" (Excel\'s "Text (Tab delimited)" saved as .csv)', () => {
  // Written by Python's csv module in its excel-tab dialect: CRLF, quotes only around cells with a tab or a quote.
  const table = readCsv(fileURLToPath(new URL('./fixtures/excel-tab.csv', import.meta.url)), COLUMNS);
  assert.equal(cells(table), [
    [2, { path: 'Val\\Sad\\a, "b".png', subject: 'p1', yaw: '-15' }],
    [3, { path: 'Val\\Happy\\c\td.png', subject: 'p2', yaw: '0' }],
    [5, { path: 'e.png', subject: 'p3', yaw: '15' }],
  ]);
  assert.equal(table.notes, ['excel-tab.csv: skipped 1 blank row (line 4)']);
  // A comma inside a tab-separated header's cell, and tabs after the commas of a comma-separated one.
  assert.equal(cells(read('path\tsubject\tyaw (degrees, left +)\tyaw\na.png\tp1\t\t15\n')), [[2, { path: 'a.png', subject: 'p1', 'yaw (degrees, left +)': '', yaw: '15' }]]);
  assert.equal(cells(read('path,\tsubject,\tyaw\na.png,\tp1,\t15\n')), [[2, { path: 'a.png', subject: 'p1', yaw: '15' }]]);
});

test('a row missing cells is an error naming the file, the line and the field; text beyond the header names the cell', () => {
  assert.throws(() => read('path,subject,yaw\na.png,p1,0\nb.png,p2\n'), /labels\.csv: line 3: no "yaw" cell \(the row has 2 cells, the header 3\)/);
  assert.throws(() => read('path,subject,yaw\nb.png\n'), /labels\.csv: line 2: no "subject", "yaw" cell/);
  // Missing cells under empty header cells are no field: Excel leaves nothing out, a hand-edited file may.
  assert.equal(cells(read('path,subject,yaw,,\na.png,p1,0\n')), [[2, { path: 'a.png', subject: 'p1', yaw: '0' }]]);
  assert.throws(
    () => read('path,subject,yaw\na, b.png,p1,0\n'),
    /labels\.csv: line 2: cell 4 \("0"\) has no column \(the row has 4 cells, the header 3: an unquoted comma in a value\?\)/,
  );
});

test('a named column twice is an error; missing columns name what the header has', () => {
  assert.throws(() => read('path,subject,yaw,Path\n'), /labels\.csv: column "path" appears twice/);
  assert.throws(() => read('path,subjct,yaw,,\n'), /labels\.csv: missing column "subject" \(did you mean "subjct"\?\); the header has path, subjct, yaw$/);
  assert.throws(() => read(',,\n'), /labels\.csv: empty; expected a header with the columns path, subject, yaw/);
});

test('text that is not UTF-8 is an error naming the line: a code-page "CSV" or UTF-16', () => {
  const latin1 = Buffer.concat([Buffer.from('path,subject,yaw\na.png,p1,0\nAm'), Buffer.from([0xe9]), Buffer.from('lie.png,p2,0\n')]);
  assert.throws(() => read(latin1), /labels\.csv: line 3 is not UTF-8 text \(a Windows or Mac code page\?\); save it as "CSV UTF-8"/);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('path,subject,yaw\n', 'utf16le')]);
  assert.throws(() => read(utf16), /labels\.csv: UTF-16 text; expected UTF-8/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CsvPaths, csvPath } from './csv-paths';

const NFC = 'Val/Happy/Am\u00e9lie_001.png';
const NFD = 'Val/Happy/Ame\u0301lie_001.png';

test('csvPath: Windows separators, ./, . and .. segments and doubled separators give the relative path', () => {
  const cases: [string, string][] = [
    ['Train\\Train_Aligned_Faces\\Angry\\a.png', 'Train/Train_Aligned_Faces/Angry/a.png'],
    ['./Train/Angry/a.png', 'Train/Angry/a.png'],
    ['.\\Train\\Angry\\a.png', 'Train/Angry/a.png'],
    ['Train//Angry/./a.png', 'Train/Angry/a.png'],
    ['Train/Sad/../Angry/a.png', 'Train/Angry/a.png'],
  ];
  for (const [cell, file] of cases) assert.equal(csvPath(cell), { file }, cell);
});

test('csvPath: empty, absolute (POSIX, drive letter, UNC) and outside the root are reasons, never guesses', () => {
  assert.equal(csvPath(''), { reason: 'empty path' });
  for (const cell of ['/data/SFEW/Train/a.png', 'C:\\data\\SFEW\\Train\\a.png', 'c:Train/a.png', '\\\\server\\share\\a.png']) {
    assert.equal(csvPath(cell), { reason: `absolute path "${cell}": expected a path relative to the dataset root` }, cell);
  }
  assert.equal(csvPath('..\\other\\a.png'), { reason: 'path "..\\other\\a.png" leads outside the dataset root' });
  assert.equal(csvPath('Train/../../a.png'), { reason: 'path "Train/../../a.png" leads outside the dataset root' });
  assert.equal(csvPath('./'), { reason: 'path "./" names the root itself, not a file' });
});

test('the exact name first, even where another file differs only in case', () => {
  const paths = new CsvPaths('labels.csv', ['Train/Angry/a.png', 'Train/angry/a.png']);
  assert.equal(paths.resolve('Train\\angry\\a.png', 2), { file: 'Train/angry/a.png' });
  assert.equal(paths.resolve('./Train/Angry/a.png', 3), { file: 'Train/Angry/a.png' });
  assert.equal(paths.notes(), []);
});

test('else the one file equal without case, as on Windows and macOS, counted in one note', () => {
  const paths = new CsvPaths('/data/labels.csv', ['Train/Angry/a.png', 'Train/Angry/b.png', 'Train/Happy/c.png']);
  assert.equal(paths.resolve('train/angry/a.png', 2), { file: 'Train/Angry/a.png' });
  assert.equal(paths.resolve('Train/Angry/b.png', 3), { file: 'Train/Angry/b.png' });
  assert.equal(paths.resolve('TRAIN\\HAPPY\\C.PNG', 4), { file: 'Train/Happy/c.png' });
  assert.equal(paths.resolve('Train/Angry/d.png', 5), { reason: 'not found under the root' });
  assert.equal(paths.notes(), ['labels.csv: 2 paths matched a file only when case is ignored, as on Windows and macOS (first: line 2 "train/angry/a.png" -> Train/Angry/a.png)']);
});

test('two files differing only in case, where the CSV names neither exactly, are an error naming the CSV, line and both', () => {
  const paths = new CsvPaths('/data/labels.csv', ['Train/Angry/a.png', 'Train/angry/a.png']);
  assert.throws(
    () => paths.resolve('train/ANGRY/a.png', 7),
    /^\/data\/labels\.csv: line 7, path "train\/ANGRY\/a\.png" names 2 files that differ only in case: Train\/Angry\/a\.png, Train\/angry\/a\.png; write the exact name$/,
  );
});

test('Unicode: a composed (NFC) name in the CSV finds a decomposed (NFD, macOS) file and the other way round, with no note', () => {
  assert.is.not(NFC, NFD);
  assert.equal(new CsvPaths('labels.csv', [NFD]).resolve(NFC, 2), { file: NFD });
  assert.equal(new CsvPaths('labels.csv', [NFC]).resolve(NFD, 2), { file: NFC });
  const lowered = new CsvPaths('labels.csv', [NFD]);
  assert.equal(lowered.resolve(NFC.toLowerCase(), 2), { file: NFD });
  assert.equal(lowered.notes().length, 1, 'a case difference is still counted');
  const both = new CsvPaths('labels.csv', [NFC, NFD]);
  assert.equal(both.resolve(NFD, 2), { file: NFD });
  assert.throws(() => both.resolve(NFC.toUpperCase(), 3), new RegExp(`line 3, path ".*" names 2 files that differ only in Unicode normalisation: ${NFC}, ${NFD};`));
});

test.run();

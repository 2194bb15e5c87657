import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript } from '@dmlnet/files/testing';
import { readCsv } from './csv';
import { readIndexCsv } from './index-csv';
import { DEFAULT_MANIFEST } from './manifest';
import { makeTree, removeTree } from './tree.fixture';

const COMMAND = fileURLToPath(new URL('./index-command.ts', import.meta.url));

function run(...args: string[]) {
  const child = runScript(COMMAND, args, { env: { DMLNET_KDEF_ROOT: '' } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

test('datasets:index end to end: the index CSV, the problems sidecar, counts per expression x pose', () => {
  const root = makeTree(['AF01/AF01AFS.JPG', 'AF01/AF01AFHL.JPG', 'BF01/BF01HAS.JPG', 'AM02/AM02SUFR.JPG', 'AM31/AM31H.JPG', 'AF01/AF01XXS.JPG']);
  try {
    const out = path.join(root, 'out', 'kdef.csv');
    const { status, stdout, stderr } = run('--dataset', 'kdef', '--root', root, '--out', out);
    assert.is(status, 0, stderr);
    const { samples, problems } = readIndexCsv(out);
    assert.equal(problems, []);
    assert.equal(samples.map((s) => [s.path, s.subject, s.expression, s.pose, s.session]), [
      ['AF01/AF01AFHL.JPG', 'F01', 'FE', -45, 'A'],
      ['AF01/AF01AFS.JPG', 'F01', 'FE', 0, 'A'],
      ['AM02/AM02SUFR.JPG', 'M02', 'SU', 90, 'A'],
      ['AM31/AM31H.JPG', 'M31', 'SU', 45, 'A'],
      ['BF01/BF01HAS.JPG', 'F01', 'HA', 0, 'B'],
    ]);
    const sidecar = readCsv(path.join(root, 'out', 'kdef.problems.csv'), ['path', 'reason']).rows.map((r) => r.cells);
    assert.equal(sidecar, [{ path: 'AF01/AF01XXS.JPG', reason: 'unknown expression code "XX" (KDEF has AF, AN, DI, HA, NE, SA, SU)' }]);
    assert.match(stdout, /expression \\ pose\s+-45\s+0\s+45\s+90\s+total\n/);
    assert.match(stdout, /\nFE\s+1\s+1\s+0\s+0\s+2\n/);
    assert.match(stdout, /\ntotal\s+1\s+2\s+1\s+1\s+5\n/);
    assert.match(stdout, /train\+val: \d images \(\d people\); paper: 3914/);
    assert.match(stdout, /found 3 people, not the manifest's 70/);
    assert.match(stdout, /1 files could not be indexed .*\n {2}AF01\/AF01XXS\.JPG: unknown expression code "XX"/);
    assert.equal(fs.readdirSync(path.join(root, 'out')).sort(), ['kdef.csv', 'kdef.problems.csv'], 'no temporary files left');
  } finally {
    removeTree(root);
  }
});

test('datasets:index errors: one line naming what is wrong, non-zero exit, no stack trace; every value of an option given twice is read', () => {
  const root = makeTree({
    'bad.manifest.json': JSON.stringify({ datasets: { kdef: { adapter: 'kdef', root: 'x', expresions: [], split: {} } } }),
    'unreadable/AF01/AF01XXS.JPG': '',
    'no-images/readme.txt': '',
  });
  try {
    const cases: [string[], RegExp][] = [
      [['--dataset', 'kdef', '--root', path.join(root, 'nope'), '--out', path.join(root, 'o.csv')], /^datasets:index: kdef: root .*nope does not exist \(from --root\)\n$/],
      [['--dataset', 'kdef', '--out', path.join(root, 'o.csv'), '--manifest', path.join(root, 'bad.manifest.json')], /datasets\.kdef\.expresions: not a field \(did you mean "expressions"\?\), expected adapter, root/],
      [['--dataset', 'sfew', '--root', root, '--out', path.join(root, 'o.csv'), '--seed', '3'], /^datasets:index: --seed: sfew is split by folder, not by subject\n$/],
      [['--dataset', 'kdef', '--root', root], /^datasets:index: Missing required argument: out \(see --help\)\n$/],
      [['--dataset', 'kdef', '--root', path.join(root, 'no-images'), '--out', path.join(root, 'o.csv')], /^datasets:index: kdef: no images .* under root/],
      [['--dataset', 'kdef', '--root', path.join(root, 'unreadable'), '--out', path.join(root, 'o.csv')], /^datasets:index: kdef: no samples to index, .*o\.csv left as it was; see .*o\.problems\.csv/],
      // yargs handed both to the manifest lookup: "word.toLowerCase is not a function".
      [['--dataset', 'kdef', '--dataset', 'sfew', '--root', root, '--out', path.join(root, 'o.csv'), '--seed', 'x', '--seed', '3'], /^datasets:index: --seed \(value 1 of 2 given; the last one counts\): expected a whole number of at least 0, got x\n$/],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = run(...args, ...(args.includes('--manifest') ? [] : ['--manifest', DEFAULT_MANIFEST]));
      assert.is(status, 1, args.join(' '));
      assert.match(stderr, message);
      assert.is(stderr.trim().split('\n').length, 1, stderr);
    }
    assert.not.ok(fs.existsSync(path.join(root, 'o.csv')), 'no index written without samples');
    assert.equal(readCsv(path.join(root, 'o.problems.csv'), ['path', 'reason']).rows.map((r) => r.cells.path), ['AF01/AF01XXS.JPG']);
  } finally {
    removeTree(root);
  }
});

test.run();

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from './testing';
import { withLock } from './folder-lock';
import { makeFolder } from './make-folder';
import { replaceFolder } from './replace-folder';
import { runScript } from './testing';
import { workspaceRoot } from './workspace-root';
import { WriteError, writing } from './write-error';
import { removeAbandonedTemps, writeFileAtomic, writeFileAtomicAsync } from './write-file-atomic';

const HERE = path.dirname(fileURLToPath(import.meta.url));

test('the workspace root is the nearest folder up with an nx.json; outside a workspace the folder itself', () => {
  const root = workspaceRoot(HERE);
  assert.ok(fs.existsSync(path.join(root, 'nx.json')));
  assert.is(path.relative(root, HERE), path.join('libs', 'files', 'src'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-files-'));
  assert.is(workspaceRoot(outside), outside);
  fs.rmSync(outside, { recursive: true, force: true });
});

test('an atomic write creates the folders, replaces the file whole and leaves no temp file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-files-'));
  const file = path.join(dir, 'a', 'b.json');
  writeFileAtomic(file, '{"v":1}');
  writeFileAtomic(file, new Uint8Array([123, 125]));
  assert.is(fs.readFileSync(file, 'utf8'), '{}');
  assert.equal(fs.readdirSync(path.join(dir, 'a')), ['b.json']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('atomic writes of one file in one process at once never share a temp: the file ends whole, as one of them wrote it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-files-'));
  const file = path.join(dir, 'c.bin');
  const contents = ['a', 'b', 'c', 'd'].map((c) => c.repeat(1 << 20));
  await Promise.all(contents.map((text) => writeFileAtomicAsync(file, text)));
  assert.ok(contents.includes(fs.readFileSync(file, 'utf8')));
  assert.equal(fs.readdirSync(dir), ['c.bin']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an atomic write given chunks writes them in order; the temps of dead writers are removed, a live one is kept', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-files-'));
  const file = path.join(dir, 'd.bin');
  function* chunks() {
    for (let k = 0; k < 5; k++) yield new Uint8Array([k, k + 10]);
  }
  await writeFileAtomicAsync(file, chunks());
  assert.equal([...fs.readFileSync(file)], [0, 10, 1, 11, 2, 12, 3, 13, 4, 14]);
  const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
  fs.writeFileSync(`${file}.tmp-${dead}-0badf00d`, 'killed mid-write');
  fs.writeFileSync(`${file}.tmp-${process.pid}-0000beef`, 'still being written');
  fs.writeFileSync(path.join(dir, `other.bin.tmp-${dead}-0badf00d`), 'another file\'s');
  await removeAbandonedTemps(file);
  assert.equal(fs.readdirSync(dir).sort(), ['d.bin', `d.bin.tmp-${process.pid}-0000beef`, `other.bin.tmp-${dead}-0badf00d`]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a lock runs one holder at a time, takes over a dead holder and is released after an error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-lock-'));
  const lock = path.join(dir, 'set.lock');
  const order: string[] = [];
  const hold = (name: string, ms: number) =>
    withLock(lock, async () => {
      order.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${name} out`);
    });
  await Promise.all([hold('a', 300), hold('b', 10)]);
  assert.equal(order, ['a in', 'a out', 'b in', 'b out']);
  fs.mkdirSync(lock);
  fs.writeFileSync(path.join(lock, 'pid'), '999999999'); // no such process
  assert.is(await withLock(lock, async () => 'taken over'), 'taken over');
  await rejects(
    () =>
      withLock(lock, async () => {
        throw new Error('inside');
      }),
    'inside',
  );
  assert.not.ok(fs.existsSync(lock), 'released');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a write through a file fails as one line naming the path and the file in the way, leaving no temp file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-files-'));
  const file = path.join(dir, 'a-file');
  fs.writeFileSync(file, 'x');
  const cases: [() => unknown, string][] = [
    [() => writeFileAtomic(path.join(file, 'b', 'c.json'), '{}'), `cannot write ${file}/b/c.json: ${file} is a file, not a folder (ENOTDIR)`],
    // The file's own folder, where a file is: writing into it is ENOTDIR as well.
    [() => writeFileAtomicAsync(path.join(file, 'c.json'), '{}'), `cannot write ${file}/c.json: ${file} is a file, not a folder (ENOTDIR)`],
  ];
  for (const [write, message] of cases) {
    assert.instance(await rejects(write, message), WriteError);
  }
  assert.equal(fs.readdirSync(dir), ['a-file']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a full disk (/dev/full) is a WriteError: cannot write <path>: no space left on device (ENOSPC)', async () => {
  if (!fs.existsSync('/dev/full')) return console.log('SKIPPED: no /dev/full on this system');
  await rejects(() => writing('/dev/full', () => fs.writeFileSync('/dev/full', 'x')), 'cannot write /dev/full: no space left on device (ENOSPC)');
  const bug = new Error('not a system error');
  const passed = await rejects(() =>
    writing('/x', () => {
      throw bug;
    }),
  );
  assert.is(passed, bug, 'other errors pass through as they are');
});

test('replaceFolder swaps a folder whole; a failed fill leaves the old one and nothing beside it', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-files-'));
  const dir = path.join(parent, 'results');
  await replaceFolder(dir, (building) => fs.writeFileSync(path.join(building, 'a.md'), 'first'));
  await replaceFolder(dir, (building) => fs.writeFileSync(path.join(building, 'b.md'), 'second'));
  assert.equal(fs.readdirSync(dir), ['b.md'], 'replaced whole');
  const failed = await rejects(() =>
    replaceFolder(dir, (building) => {
      fs.writeFileSync(path.join(building, 'c.md'), 'half');
      fs.copyFileSync(path.join(parent, 'no-such-file'), path.join(building, 'd.md'));
    }),
  );
  assert.match(failed.message, `cannot write ${dir}: no such file or directory (ENOENT)`);
  assert.equal(fs.readdirSync(parent), ['results']);
  assert.equal(fs.readdirSync(dir), ['b.md']);
  assert.is(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'), 'second');
  // A process killed between the two renames left the old folder aside and none in place; another left a new one half-made.
  fs.renameSync(dir, `${dir}.old-999999999`);
  fs.mkdirSync(`${dir}.new-999999998`);
  await rejects(
    () =>
      replaceFolder(dir, () => {
        throw new Error('fill failed');
      }),
    'fill failed',
  );
  assert.equal(fs.readdirSync(parent), ['results'], 'the old folder put back, the half-made one removed');
  assert.equal(fs.readdirSync(dir), ['b.md']);
  // A file where the folder should be is refused, not moved aside.
  fs.writeFileSync(path.join(parent, 'a-file'), 'x');
  await rejects(() => replaceFolder(path.join(parent, 'a-file'), () => undefined), `cannot write ${parent}/a-file: ${parent}/a-file is a file, not a folder (ENOTDIR)`);
  assert.is(fs.readFileSync(path.join(parent, 'a-file'), 'utf8'), 'x');
  fs.rmSync(parent, { recursive: true, force: true });
});

/** Runs crashPoint in a new process (the plan is read once a process) with DMLNET_CRASH_AT set to `value`. */
function crashChild(value: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-crash-'));
  const script = path.join(dir, 'crash.mts');
  fs.writeFileSync(
    script,
    `import { crashPoint } from ${JSON.stringify(path.join(HERE, 'crash-point.ts'))};
    for (let i = 1; i <= 3; i++) { console.log('reached ' + i); crashPoint('training-step', '/runs/metrics.jsonl'); }
    crashPoint('publish', '/results');`,
  );
  try {
    return runScript(script, [], { env: { DMLNET_CRASH_AT: value } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('runScript: the test\'s DMLNET_DEBUG and DMLNET_CRASH_AT do not reach the child unless given; env adds and removes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-run-script-'));
  const script = path.join(dir, 'env.mts');
  fs.writeFileSync(script, "const v = (name: string) => process.env[name] ?? '-'; console.log([v('DMLNET_DEBUG'), v('DMLNET_CRASH_AT'), v('A'), v('HOME'), ...process.argv.slice(2)].join(' '));");
  const saved = { ...process.env };
  Object.assign(process.env, { DMLNET_DEBUG: '1', DMLNET_CRASH_AT: 'publish:1' });
  try {
    assert.is(runScript(script, ['x', 'y z']).stdout, `- - - ${process.env['HOME'] ?? '-'} x y z\n`);
    assert.is(runScript(script, [], { env: { DMLNET_CRASH_AT: 'publish:2', A: 'a', HOME: undefined } }).stdout, '- publish:2 a -\n');
  } finally {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('DMLNET_CRASH_AT kills at the n-th time a point is reached, or fails the write there; a bad value is an error', () => {
  const killed = crashChild('training-step:2');
  assert.is(killed.signal, 'SIGKILL');
  assert.is(killed.stdout, 'reached 1\nreached 2\n');
  const passed = crashChild('training-step:4');
  assert.is(passed.status, 0, passed.stderr);
  assert.is(passed.stdout, 'reached 1\nreached 2\nreached 3\n');
  const full = crashChild('training-step:3:ENOSPC');
  assert.is(full.status, 1);
  assert.is(full.stdout, 'reached 1\nreached 2\nreached 3\n');
  assert.match(full.stderr, 'WriteError: cannot write /runs/metrics.jsonl: no space left on device, simulated by DMLNET_CRASH_AT (ENOSPC)');
  const typo = crashChild('training-stp:1');
  assert.is(typo.status, 1);
  assert.match(typo.stderr, 'DMLNET_CRASH_AT=training-stp:1: expected <point>:<n>[:<error code>], e.g. checkpoint-pointer:2 or publish:1:ENOSPC, with a point of synthetic-image, training-step,');
  assert.match(crashChild('publish:0').stderr, 'DMLNET_CRASH_AT=publish:0: expected <point>:<n>');
  assert.match(crashChild('publish:1:ENOSPACE').stderr, 'DMLNET_CRASH_AT=publish:1:ENOSPACE: ENOSPACE is not a system error code');
});

test('a folder made where mkdir answers ENOENT inside a folder that exists (/proc) is an error at once, not an endless loop', async () => {
  if (!fs.existsSync('/proc/self')) return; // Linux only
  // fs.mkdirSync('/proc/x', { recursive: true }) spins forever in Node 20 and 22.
  assert.throws(() => makeFolder('/proc/dmlnet-no-such/results'), /ENOENT/);
  await rejects(() => replaceFolder('/proc/dmlnet-no-such', () => undefined), /^cannot write \/proc\/dmlnet-no-such: no such file or directory \(ENOENT\)$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-files-'));
  makeFolder(path.join(dir, 'a', 'b'));
  makeFolder(path.join(dir, 'a', 'b'));
  assert.ok(fs.statSync(path.join(dir, 'a', 'b')).isDirectory());
  fs.writeFileSync(path.join(dir, 'file'), '');
  assert.throws(() => makeFolder(path.join(dir, 'file', 'c')), /ENOTDIR/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withLock } from './folder-lock';
import { workspaceRoot } from './workspace-root';
import { writeFileAtomic } from './write-file-atomic';

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
  try {
    await withLock(lock, async () => {
      throw new Error('inside');
    });
  } catch (error) {
    assert.is((error as Error).message, 'inside');
  }
  assert.not.ok(fs.existsSync(lock), 'released');
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

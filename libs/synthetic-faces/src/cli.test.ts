import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript } from '@dmlnet/files/testing';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

test('synthetic-faces:generate reads every option first: --processes abc wrote no image and said it wrote 140', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-generate-')), 'set');
  const child = runScript(CLI, ['--preset', 'synthetic-kdef', '--subjects', '2', '--out', out, '--processes', 'abc']);
  assert.is(child.stderr, 'synthetic-faces:generate: --processes: expected a whole number from 1 to 64, got abc\n');
  assert.is(child.status, 1);
  assert.not.ok(fs.existsSync(out), 'nothing written');
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

test.run();

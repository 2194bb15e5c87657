import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const probe = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });

test('synthetic-faces:probe reads its options first: a preset that is not synthetic, no --subjects', () => {
  const kdef = probe('--preset', 'kdef', '--subjects', '24');
  assert.is(kdef.stderr, 'synthetic-faces:probe: --preset: expected one of synthetic-kdef, synthetic-bu3dfe, synthetic-multipie, synthetic-sfew, got kdef\n');
  assert.is(kdef.status, 1);
  assert.match(probe('--preset', 'synthetic-kdef').stderr, /^synthetic-faces:probe: Missing required argument: subjects/);
});

test.run();

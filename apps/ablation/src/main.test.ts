// End to end: the command a user runs, with the smoke profile, into temp folders; then the files it must write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSmokeCommand } from '@dmlnet/experiments/testing';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

test('ablation:run --profile smoke trains all five variants on the three synthetic lab sets and writes Table 8', () => {
  const { child, dir, results } = runSmokeCommand(MAIN, { name: 'ablation', timeoutMs: 900_000 });
  assert.is(child.status, 0, child.stderr.slice(-2000));
  assert.match(child.stdout, `copied to ${results}`);
  assert.match(child.stderr, /\[dmlnet\] backend: \w+/);
  assert.equal(fs.readdirSync(results).sort(), ['RUN', 'plots', 'results.json', 'results.md']);
  const json = JSON.parse(fs.readFileSync(path.join(results, 'results.json'), 'utf8')) as {
    rows: { dataset: string; variant: string; ferAccuracy: { mean: number }; paper: { ferAcc: number } | null }[];
    runs: { dir: string }[];
  };
  assert.is(json.rows.length, 15, '3 datasets x 5 variants');
  // The paper's Table 8 cell sits beside each of ours: KDEF's full model, 88.2.
  assert.is(json.rows.find((r) => r.dataset === 'synthetic-kdef' && r.variant === 'mfe+hpe+jefl+adw')?.paper?.ferAcc, 88.2);
  for (const run of json.runs) {
    const provenance = JSON.parse(fs.readFileSync(path.join(run.dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['config', 'seed', 'code', 'backend', 'dataset']) assert.ok(key in provenance, `${run.dir}/run.json has ${key}`);
    assert.ok(fs.statSync(path.join(run.dir, 'metrics.jsonl')).size > 0);
  }
  const markdown = fs.readFileSync(path.join(results, 'results.md'), 'utf8');
  assert.match(markdown, '## Table 8 on synthetic-multipie');
  // The paper's layout: a row per variant and source, per dataset pose, FER and FPS; the paper's KDEF full model 99.9 / 88.2 / 53.
  assert.match(markdown, "## Table 8 in the paper's layout");
  assert.match(markdown, '| MFE+HPE+JEFL+ADW | paper | 99.9 | 88.2 | 53 | 99.4 | 83.5 | 98 | 99.7 | 93.5 | 77 |');
  assert.equal(fs.readdirSync(path.join(results, 'plots')).sort(), ['ablation-fer.png', 'ablation-fer.svg']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

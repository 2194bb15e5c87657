// The sweep plugin on sweeps it cannot read: the graph must stay whole (an error from createNodes fails every Nx
// command, lint and test too), with a warning, and ablation:run reports the error through check-sweep.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createNodes, sweepProjects } from './sweep-plugin.mjs';

const GOOD = { datasets: ['synthetic-kdef'], variants: { baseline: {}, mfe: {} }, seeds: 2 };

/** A workspace root holding the ablation app's project.json, the manifest and experiments/sweeps/ablation.json as `sweep` (text as given). */
function rootWith(sweep: unknown): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-plugin-'));
  fs.mkdirSync(path.join(root, 'apps', 'ablation'), { recursive: true });
  fs.copyFileSync(path.join(workspaceRoot, 'apps', 'ablation', 'project.json'), path.join(root, 'apps', 'ablation', 'project.json'));
  fs.copyFileSync(path.join(workspaceRoot, 'datasets.manifest.json'), path.join(root, 'datasets.manifest.json'));
  fs.mkdirSync(path.join(root, 'experiments', 'sweeps'), { recursive: true });
  fs.writeFileSync(path.join(root, 'experiments', 'sweeps', 'ablation.json'), typeof sweep === 'string' ? sweep : JSON.stringify(sweep));
  return root;
}

/** What createNodes gives for the sweep in `root`, and what it warned. */
async function nodesOf(root: string): Promise<{ projects: Record<string, unknown>; warnings: string[] }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (line: string) => warnings.push(line);
  try {
    const [, create] = createNodes;
    const results = await create(['experiments/sweeps/ablation.json'], undefined, { workspaceRoot: root, nxJsonConfiguration: {} });
    const [[file, result]] = results as [string, { projects?: Record<string, unknown> }][];
    assert.is(file, 'experiments/sweeps/ablation.json');
    return { projects: result.projects ?? {}, warnings };
  } finally {
    console.warn = warn;
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('a good sweep gives a project per cell, each waiting for the check of the whole sweep', async () => {
  const { projects, warnings } = await nodesOf(rootWith(GOOD));
  assert.equal(Object.keys(projects).sort(), ['baseline', 'mfe'].flatMap((v) => [0, 1].map((s) => `experiments/cells/ablation/synthetic-kdef/${v}/seed-${s}`)).sort());
  for (const project of Object.values(projects) as { targets: { cell: { dependsOn: unknown } } }[]) {
    assert.equal(project.targets.cell.dependsOn, [{ projects: ['ablation'], target: 'check-sweep' }]);
  }
  assert.equal(warnings, []);
});

test('a sweep that cannot be read gives no cells and a warning naming the file and the field, not an error', async () => {
  for (const [sweep, message] of [
    ['{ "datasets": ', 'sweep experiments/sweeps/ablation.json: not valid JSON'],
    [{ ...GOOD, seeds: 0 }, 'sweep experiments/sweeps/ablation.json: seeds: expected a whole number of at least 1, got 0'],
    [{ ...GOOD, variants: {} }, 'sweep experiments/sweeps/ablation.json: variants: expected an object with one or more variants'],
  ] as const) {
    const { projects, warnings } = await nodesOf(rootWith(sweep));
    assert.equal(projects, {});
    assert.is(warnings.length, 1);
    assert.ok(warnings[0].startsWith(message), warnings[0]);
    assert.ok(warnings[0].endsWith(': no cells (npx nx run ablation:check-sweep checks the whole sweep)'), warnings[0]);
  }
  // sweepProjects itself still throws: the plugin is what keeps the graph whole.
  const root = rootWith({ ...GOOD, seeds: 0 });
  try {
    assert.throws(() => sweepProjects('experiments/sweeps/ablation.json', root), /seeds: expected a whole number of at least 1, got 0/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/** What `ablation:check-sweep` says of `sweep` (the command the cells wait for), given it as --sweep: exit code and stderr. */
function checkSweep(sweep: unknown): Promise<{ status: number | null; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-check-sweep-'));
  const file = path.join(dir, 'ablation.json');
  fs.writeFileSync(file, typeof sweep === 'string' ? sweep : JSON.stringify(sweep));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(workspaceRoot, 'apps', 'ablation', 'src', 'main.ts'), '--check-sweep', '--sweep', file], { cwd: workspaceRoot });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (status) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ status, stderr: stderr.replaceAll(file, '<file>') });
    }),
  );
}

test('every sweep the plugin refuses, check-sweep refuses too, naming the same field: the cells never outrun the check', async () => {
  // [sweep, the start of both messages after "sweep <file>: "]
  const cases: [unknown, string][] = [
    ['{ "datasets": ', 'not valid JSON'],
    [[GOOD], 'expected an object with'],
    [{ ...GOOD, datasets: 'synthetic-kdef' }, 'datasets: expected a list of one or more datasets.manifest.json names, got "synthetic-kdef"'],
    [{ ...GOOD, datasets: [] }, 'datasets: expected a list of one or more datasets.manifest.json names, got []'],
    [{ ...GOOD, datasets: ['synthetic-kdfe'] }, 'datasets.0: '],
    [{ ...GOOD, variants: ['baseline'] }, 'variants: expected an object with one or more variants, each with its settings ({} for none), got ["baseline"]'],
    [{ ...GOOD, variants: {} }, 'variants: expected an object with one or more variants, each with its settings ({} for none), got {}'],
    [{ ...GOOD, seeds: '3' }, 'seeds: expected a whole number of at least 1, got "3"'],
    [{ ...GOOD, seeds: 1.5 }, 'seeds: expected a whole number of at least 1, got 1.5'],
    [{ ...GOOD, profile: 'smok' }, 'profile: '],
  ];
  // Three checks at a time: each is a process that loads the ablation command (about 2 s).
  const checked: { status: number | null; stderr: string }[] = [];
  for (let i = 0; i < cases.length; i += 3) checked.push(...(await Promise.all(cases.slice(i, i + 3).map(([sweep]) => checkSweep(sweep)))));
  for (const [i, [sweep, start]] of cases.entries()) {
    const { projects, warnings } = await nodesOf(rootWith(sweep));
    assert.equal(projects, {}, `the plugin made cells of ${JSON.stringify(sweep)}`);
    assert.ok(warnings[0]?.startsWith(`sweep experiments/sweeps/ablation.json: ${start}`), `plugin: ${warnings[0]}`);
    assert.is(checked[i].status, 1, `check-sweep passed ${JSON.stringify(sweep)}`);
    // "--sweep: " where reading the file refuses it; the profile is read after, by the command.
    assert.ok(checked[i].stderr.replace('--sweep: ', '').startsWith(`ablation:check-sweep: sweep <file>: ${start}`), `check-sweep: ${checked[i].stderr}`);
  }
});

test.run();

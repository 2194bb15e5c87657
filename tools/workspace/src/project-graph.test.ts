import fs from 'node:fs';
import path from 'node:path';
import { createProjectGraphAsync, workspaceRoot, type NxJsonConfiguration, type ProjectGraph } from '@nx/devkit';
// Nx's own expansion of a target's inputs, as its hasher does it before running the target.
import { getTargetInputs } from 'nx/src/devkit-internals.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

// Nx hashes a task with its dependencies' files only if its project graph knows the dependencies: without the
// source analysis an experiment target stays a cache hit after its libs change, and module boundaries go unchecked.
let graph: ProjectGraph;
const readNxJson = () => JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'nx.json'), 'utf8')) as NxJsonConfiguration;

test.before(async () => {
  graph = await createProjectGraphAsync({ exitOnError: false });
});

/** Every .ts file under a folder (none where there is no folder: a sweep cell's project has no sources). */
function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

/** The project whose root holds a file (the longest root that is a prefix of its path). */
function owner(file: string): string {
  const relative = path.relative(workspaceRoot, file);
  const matches = Object.values(graph.nodes).filter((n) => relative.startsWith(`${n.data.root}/`));
  matches.sort((a, b) => b.data.root.length - a.data.root.length);
  if (matches.length === 0) throw new Error(`${relative} belongs to no project`);
  return matches[0].name;
}

test('Nx can expand the inputs of every target, as it must before it runs one', () => {
  const nxJson = readNxJson();
  for (const node of Object.values(graph.nodes)) {
    for (const target of Object.keys(node.data.targets ?? {})) {
      try {
        getTargetInputs(nxJson, node, target);
      } catch (error) {
        assert.unreachable(`${node.name}:${target}: ${(error as Error).message}`);
      }
    }
  }
});

test('every @dmlnet import in a project is an edge of the Nx project graph, and there are no others', () => {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  const aliasOwner = new Map(Object.entries(tsconfig.compilerOptions.paths).map(([alias, [file]]) => [alias, owner(path.join(workspaceRoot, file))]));
  const projects = Object.values(graph.nodes);
  assert.ok(projects.length >= 10, `the graph has ${projects.length} projects`);
  for (const project of projects) {
    const expected = new Set<string>();
    for (const file of sources(path.join(workspaceRoot, project.data.root, 'src'))) {
      for (const [, alias] of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(@dmlnet\/[^']+)'/g)) {
        const target = aliasOwner.get(alias);
        if (target === undefined) throw new Error(`${file} imports ${alias}, which tsconfig.base.json does not map`);
        if (target !== project.name) expected.add(target);
      }
    }
    // Implicit edges are declared, not imported: a sweep cell's on the app that runs it (sweep-plugin.mjs).
    const actual = new Set((graph.dependencies[project.name] ?? []).filter((d) => d.type !== 'implicit').map((d) => d.target).filter((t) => !t.startsWith('npm:')));
    assert.equal([...actual].sort(), [...expected].sort(), `dependencies of ${project.name}`);
  }
});

/** The import cycles among `files` (relative imports only), each as its files from one back to itself; none: []. */
function importCycles(files: readonly string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(
    files.map((file) => {
      const targets = [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map(([, spec]) => {
        const base = path.resolve(path.dirname(file), spec);
        return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => known.has(candidate));
      });
      return [file, targets.filter((t): t is string => t !== undefined)];
    }),
  );
  // Depth-first search: a file met again while still on the path closes a cycle.
  const cycles: string[][] = [];
  const done = new Set<string>();
  const walk = (file: string, trail: string[]) => {
    if (trail.includes(file)) return void cycles.push([...trail.slice(trail.indexOf(file)), file]);
    if (done.has(file)) return;
    for (const next of edges.get(file) ?? []) walk(next, [...trail, file]);
    done.add(file);
  };
  for (const file of files) walk(file, []);
  return cycles;
}

test('no import cycle among the files of a lib or app (tests aside): a cycle hides which file owns what', () => {
  const relative = (cycle: string[]) => cycle.map((f) => path.relative(workspaceRoot, f)).join(' -> ');
  // The check itself, on a planted pair.
  const dir = fs.mkdtempSync(path.join(workspaceRoot, 'tmp-cycle-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
    fs.writeFileSync(path.join(dir, 'b.ts'), "import type { A } from './a';\nexport type B = A | 1;\n");
    assert.equal(importCycles(sources(dir)).map(relative), [`${path.basename(dir)}/a.ts -> ${path.basename(dir)}/b.ts -> ${path.basename(dir)}/a.ts`]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const project of Object.values(graph.nodes)) {
    const files = sources(path.join(workspaceRoot, project.data.root, 'src')).filter((f) => !/\.test\.ts$/.test(f));
    assert.equal(importCycles(files).map(relative), [], `import cycles in ${project.name}`);
  }
});

type Input = string | { env?: string; runtime?: string };

/** A target's inputs with nx.json's named inputs expanded (names without a '{' or '^' prefix are named inputs). */
function expand(inputs: readonly Input[], named: Record<string, Input[]>): Input[] {
  return inputs.flatMap((input) => (typeof input === 'string' && named[input] ? expand(named[input], named) : [input]));
}

test('an experiment target is hashed with the sources of every lib it runs, its configs and the dataset roots', () => {
  const nxJson = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'nx.json'), 'utf8')) as { namedInputs: Record<string, Input[]> };
  const manifest = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'datasets.manifest.json'), 'utf8')) as { datasets: Record<string, { rootEnv: string }> };
  const rootEnvs = Object.values(manifest.datasets).map((d) => d.rootEnv);
  assert.ok(rootEnvs.includes('DMLNET_KDEF_ROOT'));
  // Sweep cells hash only their own dataset's and variant's settings: the next test checks them.
  const experimentTargets = Object.values(graph.nodes).filter((n) => !(n.data.tags ?? []).includes('ablation-cell')).flatMap((n) =>
    Object.entries(n.data.targets ?? {})
      .filter(([name, target]) => !['lint', 'typecheck', 'test'].includes(name) && target.cache === true)
      .map(([name, target]) => ({ id: `${n.name}:${name}`, project: n.name, inputs: expand((target.inputs ?? []) as Input[], nxJson.namedInputs) })),
  );
  assert.ok(experimentTargets.some((t) => t.id === 'ablation:run'), 'ablation:run is cached');
  assert.ok(experimentTargets.some((t) => t.id === 'cross-db:run'), 'cross-db:run is cached');
  // The libs a target's project reaches through the graph: what '^production' adds to its hash.
  const reach = (start: string) => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      for (const d of graph.dependencies[stack.pop() as string] ?? []) {
        if (d.target.startsWith('npm:') || seen.has(d.target)) continue;
        seen.add(d.target);
        stack.push(d.target);
      }
    }
    return seen;
  };
  for (const target of experimentTargets) {
    assert.ok(target.inputs.includes('^production'), `${target.id} hashes its libs' sources ('^production')`);
    const [project, name] = target.id.split(':');
    const { dependencyInputs } = getTargetInputs(readNxJson(), graph.nodes[project], name);
    assert.ok(dependencyInputs.includes('{projectRoot}/**/*'), `${target.id}: Nx hashes its dependencies' files`);
    for (const file of ['{workspaceRoot}/experiments/profiles/*.json', '{workspaceRoot}/datasets.manifest.json']) {
      assert.ok(target.inputs.includes(file), `${target.id} hashes ${file}`);
    }
    const envs = target.inputs.flatMap((i) => (typeof i === 'object' && i.env ? [i.env] : []));
    for (const env of ['DMLNET_BACKEND', 'DMLNET_THREADS', ...rootEnvs]) assert.ok(envs.includes(env), `${target.id} hashes $${env}`);
    const libs = reach(target.project);
    for (const lib of ['training', 'model', 'losses', 'datasets', 'runtime']) assert.ok(libs.has(lib), `${target.id} reaches ${lib}`);
  }
});

test("every cell of experiments/sweeps/ablation.json is a cached Nx task hashed with its code, profiles, its dataset's and its variant's settings", () => {
  const sweep = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'experiments', 'sweeps', 'ablation.json'), 'utf8')) as { datasets: string[]; variants: Record<string, unknown>; seeds: number };
  const manifest = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'datasets.manifest.json'), 'utf8')) as { datasets: Record<string, { rootEnv: string }> };
  const cells = Object.values(graph.nodes).filter((n) => (n.data.tags ?? []).includes('ablation-cell'));
  assert.is(cells.length, sweep.datasets.length * Object.keys(sweep.variants).length * sweep.seeds, 'one project per dataset x variant x seed');
  for (const dataset of sweep.datasets) {
    for (const variant of Object.keys(sweep.variants)) {
      for (let seed = 0; seed < sweep.seeds; seed++) {
        const node = graph.nodes[`ablation--${dataset}--${variant}--seed-${seed}`];
        assert.ok(node, `${dataset} ${variant} seed ${seed} has its project`);
        assert.is(node.data.root, `experiments/cells/ablation/${dataset}/${variant}/seed-${seed}`);
        const target = node.data.targets?.['cell'];
        assert.is(target?.cache, true);
        assert.equal(target?.outputs, ['{projectRoot}']);
        assert.is(target?.options?.command, `tsx apps/ablation/src/main.ts --cell ${dataset}/${variant}/seed-${seed}`);
        assert.equal(target?.dependsOn, [{ projects: ['ablation'], target: 'check-sweep' }], 'the whole sweep is checked before a cell trains');
        assert.equal(target?.inputs, [
          '^production',
          '{workspaceRoot}/experiments/profiles/*.json',
          { json: '{workspaceRoot}/experiments/sweeps/ablation.json', fields: ['profile', `variants.${variant}`] },
          { json: '{workspaceRoot}/datasets.manifest.json', fields: [`datasets.${dataset}`] },
          { env: 'DMLNET_BACKEND' },
          { env: manifest.datasets[dataset].rootEnv },
        ]);
        // Through its dependency on the app, '^production' reaches every lib a cell runs.
        const { dependencyInputs } = getTargetInputs(readNxJson(), node, 'cell');
        assert.ok(dependencyInputs.includes('{projectRoot}/**/*'));
        assert.equal(graph.dependencies[node.name].map((d) => d.target), ['ablation']);
      }
    }
  }
  const run = graph.nodes['ablation'].data.targets?.['run'];
  assert.equal(run?.dependsOn, ['check-sweep', { projects: 'tag:ablation-cell', target: 'cell' }], 'ablation:run checks the sweep and runs the cells first');
  const check = graph.nodes['ablation'].data.targets?.['check-sweep'];
  assert.is(check?.options?.command, 'tsx apps/ablation/src/main.ts --check-sweep');
  assert.ok((check?.inputs ?? []).includes('{workspaceRoot}/experiments/sweeps/ablation.json') && check?.cache, 'cached, hashed with the sweep');
  assert.ok((run?.inputs ?? []).includes('{workspaceRoot}/experiments/sweeps/ablation.json'), 'and hashes the sweep it assembles');
});

test.run();

// @ts-check
/**
 * Nx plugin (nx.json `plugins`): every cell of a sweep, experiments/sweeps/<experiment>.json (dataset x variant x
 * seed), becomes an Nx project of its own, `<experiment>--<dataset>--<variant>--seed-<n>`, tagged `<experiment>-cell`,
 * whose one cached target `cell` runs `tsx apps/<experiment>/src/main.ts --cell <dataset>/<variant>/seed-<n>` and
 * outputs the cell's folder, experiments/cells/<experiment>/<dataset>/<variant>/seed-<n>/. `<experiment>:run` depends
 * on the tag (apps/ablation/project.json), so Nx runs the cells first, side by side (nx.json `parallel`), from its
 * cache where their inputs are unchanged, or spread over machines by its distributed task execution.
 *
 * A project per cell, not a target per cell of the experiment's project: Nx hashes a project's whole configuration
 * into each of its tasks, so one more seed in the sweep (one more target) would make every cell a cache miss.
 * A cell's hash holds exactly what shapes it: the code it runs ('^production' through an implicit dependency on the
 * app), its profile, its own variant's settings and the sweep's profile field (JSON fields of the sweep file, not the
 * file: another variant's settings do not touch it), its dataset's manifest entry and root variable, and
 * DMLNET_BACKEND. Not DMLNET_THREADS: one thread or two train bit-identical weights (libs/runtime's tests).
 *
 * This file reads only what makes the graph: the names and counts, the datasets against the manifest and the profile's
 * file. Every cell waits for `<experiment>:check-sweep`, which checks the whole sweep (libs/experiments/src/sweep.ts:
 * also the variant names and every variant's settings over the profile), so a bad sweep fails once, before any cell
 * trains. A sweep this file refuses (bad JSON, no seeds, a dataset not in the manifest) gives no cells and a warning,
 * never an error: an error here would break every Nx command, lint and test too, and `<experiment>:run` still
 * reports it through check-sweep. The ablation app's test runs these cells through Nx.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Names go into project names, folders and a shell command: letters, digits, '+', '-' and '_' only. */
const NAME = /^[A-Za-z0-9+_-]+$/;

/**
 * The file's JSON. Invalid JSON is named without V8's character offset: check-sweep (readJsonFile in @dmlnet/options)
 * gives the line and column, and the warning points there.
 * @param {string} file @param {string} where
 */
function readJson(file, where) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${where}: ${/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT' ? 'no such file' : /** @type {Error} */ (error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${where}: not valid JSON`);
  }
}

/** @param {unknown} value */
const shown = (value) => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * The cell projects of one sweep file, by project root. Throws naming the file and the field where the sweep does not
 * say which cells it has.
 * @param {string} file the sweep, relative to the workspace root
 * @param {string} root the workspace root
 * @returns {Record<string, import('nx/src/config/workspace-json-project-json').ProjectConfiguration>}
 */
export function sweepProjects(file, root) {
  const experiment = path.basename(file, '.json');
  const where = `sweep ${file}`;
  const sweep = readJson(path.join(root, file), where);
  const app = `apps/${experiment}`;
  if (!fs.existsSync(path.join(root, app, 'project.json'))) throw new Error(`${where}: no ${app}/project.json, the command that runs its cells`);
  /** @param {string} field @param {unknown} name */
  const checkName = (field, name) => {
    if (typeof name !== 'string' || !NAME.test(name)) throw new Error(`${where}: ${field}: expected a name of letters, digits, '+', '-' or '_', got ${JSON.stringify(name)}`);
  };
  // Worded as loadSweep (libs/experiments/src/sweep.ts) words them; a test checks that check-sweep refuses each too.
  if (typeof sweep !== 'object' || sweep === null || Array.isArray(sweep)) throw new Error(`${where}: expected an object with datasets, variants, seeds and profile, got ${shown(sweep)}`);
  if (!Array.isArray(sweep.datasets) || sweep.datasets.length === 0) throw new Error(`${where}: datasets: expected a list of one or more datasets.manifest.json names, got ${shown(sweep.datasets)}`);
  sweep.datasets.forEach((/** @type {unknown} */ name, /** @type {number} */ i) => checkName(`datasets.${i}`, name));
  const manifest = readJson(path.join(root, 'datasets.manifest.json'), 'datasets.manifest.json');
  sweep.datasets.forEach((/** @type {string} */ name, /** @type {number} */ i) => {
    if (manifest.datasets?.[name] === undefined) throw new Error(`${where}: datasets.${i}: ${JSON.stringify(name)} is not a dataset of datasets.manifest.json`);
  });
  const variants = typeof sweep.variants === 'object' && sweep.variants !== null && !Array.isArray(sweep.variants) ? Object.keys(sweep.variants) : [];
  if (variants.length === 0) throw new Error(`${where}: variants: expected an object with one or more variants, each with its settings ({} for none), got ${shown(sweep.variants)}`);
  variants.forEach((name) => checkName(`variants.${name}`, name));
  if (!(Number.isInteger(sweep.seeds) && sweep.seeds >= 1)) throw new Error(`${where}: seeds: expected a whole number of at least 1, got ${shown(sweep.seeds)}`);
  if (sweep.profile !== undefined && (typeof sweep.profile !== 'string' || sweep.profile === '')) throw new Error(`${where}: profile: expected a profile name or a path, got ${shown(sweep.profile)}`);

  // The profile the cells train with: the one named, else any of them (the command picks paper on a GPU, else cpu).
  const profileFile = sweep.profile === undefined ? undefined : sweep.profile.endsWith('.json') ? sweep.profile : `experiments/profiles/${sweep.profile}.json`;
  if (profileFile !== undefined && !fs.existsSync(path.join(root, profileFile))) throw new Error(`${where}: profile: no such profile, ${profileFile}`);
  const profile = profileFile === undefined ? '{workspaceRoot}/experiments/profiles/*.json' : `{workspaceRoot}/${profileFile}`;
  /** @type {Record<string, import('nx/src/config/workspace-json-project-json').ProjectConfiguration>} */
  const projects = {};
  for (const dataset of sweep.datasets) {
    const rootEnv = manifest.datasets?.[dataset]?.rootEnv;
    for (const variant of variants) {
      for (let seed = 0; seed < sweep.seeds; seed++) {
        const cell = `${dataset}/${variant}/seed-${seed}`;
        const folder = `experiments/cells/${experiment}/${cell}`;
        projects[folder] = {
          root: folder,
          name: `${experiment}--${dataset}--${variant}--seed-${seed}`,
          tags: [`${experiment}-cell`],
          implicitDependencies: [experiment],
          targets: {
            cell: {
              command: `tsx ${app}/src/main.ts --cell ${cell}`,
              dependsOn: [{ projects: [experiment], target: 'check-sweep' }],
              cache: true,
              outputs: ['{projectRoot}'],
              inputs: [
                '^production',
                profile,
                { json: `{workspaceRoot}/${file}`, fields: ['profile', `variants.${variant}`] },
                { json: '{workspaceRoot}/datasets.manifest.json', fields: [`datasets.${dataset}`] },
                { env: 'DMLNET_BACKEND' },
                ...(typeof rootEnv === 'string' ? [{ env: rootEnv }] : []),
              ],
              metadata: { description: `${experiment}: ${variant} on ${dataset}, seed ${seed}, trained in ${folder}` },
            },
          },
        };
      }
    }
  }
  return projects;
}

/** @type {import('nx/src/project-graph/plugins/public-api').CreateNodes} */
export const createNodes = [
  'experiments/sweeps/*.json',
  (files, _options, context) => files.map((file) => /** @type {const} */ ([file, { projects: cellsOrNone(file, context.workspaceRoot) }])),
];

/**
 * sweepProjects, or none with a warning where the sweep cannot be read: the graph stays whole for every other command.
 * @param {string} file @param {string} root
 */
function cellsOrNone(file, root) {
  try {
    return sweepProjects(file, root);
  } catch (error) {
    console.warn(`${/** @type {Error} */ (error).message}: no cells (npx nx run ${path.basename(file, '.json')}:check-sweep checks the whole sweep)`);
    return {};
  }
}

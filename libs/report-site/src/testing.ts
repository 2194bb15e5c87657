/** Fixtures for report tests: real run folders of all five experiments, trained in seconds on a tiny dataset. */
import fs from 'node:fs';
import path from 'node:path';
import { ABLATION_VARIANTS } from '@dmlnet/report-core';
import { loadProfile, runAblation, runCrossDb, runDatasetTables, runEmbeddings, runLossCurves } from '@dmlnet/experiments';
import { tinyDatasetOnDisk } from '@dmlnet/experiments/testing';
import { initBackend } from '@dmlnet/runtime';

/** The experiment folders the fixture made (tables twice, the second trained shorter, to compare), and the folder holding them. */
export interface FixtureRuns {
  dir: string;
  ablation: string;
  tables: string;
  tablesAgain: string;
  crossDb: string;
  embeddings: string;
  lossCurves: string;
}

let made: Promise<FixtureRuns> | undefined;

/**
 * Made once per process and removed when it exits. The sets are named after the paper's datasets (synthetic-kdef:
 * KDEF's family) so the tables have paper cells; the smoke profile runs 2 epochs so every curve is a line.
 */
export function fixtureRuns(): Promise<FixtureRuns> {
  made ??= makeFixtureRuns();
  return made;
}

async function makeFixtureRuns(): Promise<FixtureRuns> {
  await initBackend({ backend: 'wasm', log: null });
  const { dir, manifest } = await tinyDatasetOnDisk({
    sets: [
      // A frontal yaw and 5 test people, so Fig. 14 (frontal happy faces in 4 clusters) is drawn.
      { name: 'synthetic-kdef', expressions: ['AN', 'HA', 'SU'], yaws: [-45, 0, 45] },
      { name: 'synthetic-sfew', expressions: ['AN', 'HA', 'NE'] },
    ],
    people: 8,
    testPeople: 5,
  });
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const smoke = loadProfile('smoke');
  const profile = (name: string, epochs: number) => {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ model: smoke.model, training: { ...smoke.training, epochs }, data: smoke.data, evaluation: smoke.evaluation, figures: { ...smoke.figures, lossCurveSteps: 4 } }));
    return loadProfile(file);
  };
  const common = { profile: profile('report-fixture', 2), runsRoot: path.join(dir, 'runs'), manifestFile: manifest, log: (): void => undefined };
  const ablation = await runAblation({ ...common, datasets: ['synthetic-kdef'], variants: [...ABLATION_VARIANTS], seeds: [0] });
  const tables = await runDatasetTables({ ...common, dataset: 'synthetic-kdef', seeds: [0] });
  // The same seed trained shorter: rows keyed by seed meet, and their values differ.
  const tablesAgain = await runDatasetTables({ ...common, profile: profile('report-fixture-short', 1), dataset: 'synthetic-kdef', seeds: [0] });
  const crossDb = await runCrossDb({ ...common, source: 'synthetic-kdef', target: 'synthetic-sfew', seeds: [0] });
  const embeddings = await runEmbeddings({ ...common, dataset: 'synthetic-kdef', seed: 0 });
  const lossCurves = await runLossCurves({ ...common, datasets: ['synthetic-kdef'], seed: 0 });
  return {
    dir: path.join(dir, 'runs'),
    ablation: ablation.folder.dir,
    tables: tables.folder.dir,
    tablesAgain: tablesAgain.folder.dir,
    crossDb: crossDb.folder.dir,
    embeddings: embeddings.folder.dir,
    lossCurves: lossCurves.folder.dir,
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AblationRow, VariantResult } from '@dmlnet/experiments';
import { ABLATION_VARIANTS, percent, resultsMarkdown, type ResultsReport } from '@dmlnet/report-core';
import { buildReportData } from './build-report-data';
import { readRun } from './read-run';
import type { ChartBlock, ReportData, TableBlock } from './report-data';
import { fixtureRuns, type FixtureRuns } from './testing';

let runs: FixtureRuns;
let scratch: string;
let data: ReportData;

const results = <T>(dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as T;
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
}
const section = (id: string) => found(data.sections.find((s) => s.id === id), `section ${id}`);
const block = <B extends TableBlock | ChartBlock = TableBlock>(sectionId: string, id: string) => found(section(sectionId).blocks.find((b) => b.id === id) as B | undefined, `block ${id}`);
const row = (table: TableBlock, key: string) => found(table.rows.find((r) => r[0] === key), `row ${key} in ${table.id}`);

/** A copy of a fixture run to break (without its checkpoints, which the report never reads). */
function copyRun(dir: string): string {
  const copy = path.join(scratch, `${path.basename(path.dirname(dir))}-${fs.readdirSync(scratch).length}`, path.basename(dir));
  fs.cpSync(dir, copy, { recursive: true, filter: (source) => path.basename(source) !== 'checkpoints' });
  return copy;
}

test.before(async () => {
  runs = await fixtureRuns();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-report-runs-'));
  data = buildReportData([runs.ablation, runs.tables, runs.tablesAgain, runs.crossDb, runs.embeddings, runs.lossCurves], { now: new Date(0) });
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('an ablation folder reads with every trained model, its metrics, and whether ADW trained it', () => {
  const run = readRun(runs.ablation);
  assert.is(run.experiment, 'ablation');
  assert.is(run.info.profile, 'report-fixture');
  assert.equal(run.models.map((m) => m.name), ABLATION_VARIANTS.map((v) => `synthetic-kdef/${v}/seed-0`));
  assert.equal(run.models.map((m) => m.adw), [false, false, false, false, true]);
  for (const model of run.models) {
    assert.is(model.steps.length, model.result.training.steps, model.name);
    assert.is(model.epochs.length, 2, 'the fixture trains 2 epochs');
  }
});

test('each run and trained model has its section; runs of one experiment are compared, first', () => {
  assert.equal(data.runs.map((r) => r.experiment), ['ablation', 'tables-synthetic-kdef', 'tables-synthetic-kdef', 'cross-db', 'embeddings', 'loss-curves']);
  assert.equal(data.sections.filter((s) => s.level === 1).map((s) => s.id), ['compare-2', 'run-0', 'run-1', 'run-2', 'run-3', 'run-4', 'run-5']);
  // Trained models: 5 ablation variants, one per tables run, one cross-db, 4 embedding cases, 2 loss-curve runs.
  assert.is(data.sections.filter((s) => s.level === 2).length, 5 + 1 + 1 + 1 + 4 + 2);
  assert.equal(section('compare-2').blocks.map((b) => b.id), ['overall', 'expression-by-pose', 'per-pose', 'per-expression']);
  assert.is(data.generatedAt, '1970-01-01T00:00:00.000Z');
});

test("each run's section is its results.json's report: the blocks results.md is made of", () => {
  const dirs = [runs.ablation, runs.tables, runs.tablesAgain, runs.crossDb, runs.embeddings, runs.lossCurves];
  for (const [i, dir] of dirs.entries()) {
    const { report } = results<{ report: ResultsReport }>(dir);
    // Pictures point at their files in the run folder, for writeSite to copy.
    assert.equal(section(`run-${i}`).blocks, report.blocks.map((b) => (b.kind === 'image' ? { ...b, file: path.join(dir, b.file) } : b)), dir);
    assert.ok(section(`run-${i}`).notes.includes(report.notes[0]));
    assert.is(fs.readFileSync(path.join(dir, 'results.md'), 'utf8'), resultsMarkdown(report));
  }
});

test("tables hold this run's values from results.json beside the paper's", () => {
  const [first] = results<{ results: VariantResult[] }>(runs.tables).results;
  // Table 2's KDEF rows (hand-copied from the paper): DML-Net 99.9 / 88.2, MPCNN 99.8 / 86.9.
  const overall = block('run-1', 'overall');
  assert.equal(row(overall, 'this run, seed 0'), ['this run, seed 0', '±45° (3 yaws)', percent(first.evaluation.poseAccuracy), percent(first.evaluation.ferAccuracy)]);
  assert.equal(row(overall, 'DML-Net (paper)'), ['DML-Net (paper)', '±90°', 99.9, 88.2]);
  assert.equal(row(overall, 'MPCNN (paper)'), ['MPCNN (paper)', '±90°', 99.8, 86.9]);
  // Table 3's AN row at -45, 0 and 45 (82.1, 82.1, 89.3), under this run's.
  const table3 = block('run-1', 'expression-by-pose');
  assert.equal(table3.rows.find((r) => r[0] === 'AN' && r[1] === 'paper'), ['AN', 'paper', 82.1, 82.1, 89.3, 81.3]);
  const adw = results<{ rows: AblationRow[] }>(runs.ablation).rows[4];
  const table8Block = block('run-0', 'table8-synthetic-kdef');
  const table8 = row(table8Block, 'MFE+HPE+JEFL+ADW');
  const column = (header: string) => table8Block.headers.indexOf(header);
  assert.equal([table8[column('FER acc. (%)')], table8[column('paper: FER')]], [Number(adw.ferAccuracy.mean.toFixed(1)), adw.paper?.ferAcc]);
  // Table 8 in the paper's layout: KDEF's full model, 99.9 / 88.2 / 53 FPS.
  const layout = block('run-0', 'table8');
  assert.equal(layout.rows.find((r) => r[0] === 'MFE+HPE+JEFL+ADW' && r[1] === 'paper'), ['MFE+HPE+JEFL+ADW', 'paper', 99.9, 88.2, 53]);
  // Table 9's DML-Net row for the target's classes, and its average (hand-copied from the paper).
  assert.equal(row(block('run-3', 'table9'), 'DML-Net (paper)'), ['DML-Net (paper)', 23.38, 53.42, 37.21, 27.13]);
});

test('charts: confusion counts, curves from metrics.jsonl, UMAP points by expression and by pose', () => {
  const model = results<VariantResult>(path.join(runs.tables, 'seed-0'));
  assert.equal(block<ChartBlock>('run-1-model-0', 'fer-confusion').chart, { type: 'confusion', classes: ['AN', 'HA', 'SU'], counts: model.evaluation.ferConfusion.counts });
  const losses = block<ChartBlock>('run-1-model-0', 'losses').chart;
  assert.ok(losses.type === 'lines');
  assert.equal(losses.series, ['fer', 'pose', 'triplet', 'total']);
  assert.is(losses.values[0][0], null, 'mini-batches count from 1');
  assert.is(losses.values[0].length, model.training.steps + 1);
  assert.ok(section('run-1-model-0').blocks.some((b) => b.id === 'weights'), 'the full model trains with ADW');
  // Training accuracy per epoch in percent, read from metrics.jsonl's epoch lines.
  const epochLines = fs
    .readFileSync(path.join(runs.tables, 'seed-0', 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; accuracy?: { fer: number; pose: number } })
    .filter((r) => r.type === 'epoch');
  const accuracy = block<ChartBlock>('run-1-model-0', 'accuracy').chart;
  assert.ok(accuracy.type === 'lines');
  assert.equal(accuracy.series, ['fer', 'pose']);
  assert.equal(accuracy.values[0], [null, ...epochLines.map((r) => 100 * (r.accuracy?.fer ?? Number.NaN))]);
  assert.equal(accuracy.values[1], [null, ...epochLines.map((r) => 100 * (r.accuracy?.pose ?? Number.NaN))]);
  const figures = { 10: 'no-jefl', 11: 'pose-triplets', 12: 'identity-triplets', 13: 'both-triplets' };
  for (const [figure, name] of Object.entries(figures)) {
    for (const by of ['expression', 'pose']) {
      const chart = block<ChartBlock>('run-4', `fig${figure}-${name}-${by}`).chart;
      assert.ok(chart.type === 'scatter');
      assert.is(chart.points.flat().length, 45, 'every test image of the tiny set: 5 people x 3 expressions x 3 yaws');
      assert.equal(chart.series, by === 'expression' ? ['AN', 'HA', 'SU'] : ['-45°', '0°', '45°']);
    }
  }
  const fig15 = block<ChartBlock>('run-5', 'fig15-synthetic-kdef-with-adw').chart;
  assert.ok(fig15.type === 'lines');
  assert.equal(fig15.series, ['fer', 'pose', 'triplet']);
  assert.is(fig15.values[0].length, 5, 'the first 4 mini-batches, from 1');
});

test('a missing or broken run folder is an error that names it', () => {
  const fails = (dir: string, message: RegExp) => assert.throws(() => buildReportData([dir]), message);
  fails(path.join(scratch, 'nowhere'), /run folder .*nowhere does not exist/);
  fs.mkdirSync(path.join(scratch, 'empty'));
  fails(path.join(scratch, 'empty'), /empty is not a run folder: it has no run.json/);
  fails(path.join(runs.ablation, 'synthetic-kdef', 'mfe', 'seed-0'), /seed-0 is not an experiment's run folder: it is one trained model of the ablation experiment/);
  const unfinished = copyRun(runs.tables);
  fs.rmSync(path.join(unfinished, 'results.json'));
  fails(unfinished, new RegExp(`${unfinished} has no results.json: the tables-synthetic-kdef run did not finish`));
  const broken = copyRun(runs.crossDb);
  fs.writeFileSync(path.join(broken, 'results.json'), '{"evaluations": [');
  fails(broken, new RegExp(`${broken}/results.json is not valid JSON`));
  const old = copyRun(runs.crossDb);
  const data = results<Record<string, unknown>>(old);
  delete data['report'];
  fs.writeFileSync(path.join(old, 'results.json'), JSON.stringify(data));
  fails(old, new RegExp(`${old}/results.json was written before results were kept as blocks: write them with \`npx nx run report:rebuild -- --runs ${old}\``));
  const metrics = copyRun(runs.tables);
  fs.appendFileSync(path.join(metrics, 'seed-0', 'metrics.jsonl'), '{"type": "step",\n');
  fails(metrics, /seed-0\/metrics.jsonl, line \d+, is not valid JSON/);
  assert.throws(() => buildReportData([]), /no run folder given/);
});

test('a trained model deleted from a run is an error naming it; a run from before the list was kept says it could not check', () => {
  const ablation = copyRun(runs.ablation);
  assert.equal(results<{ models: string[] }>(ablation).models, ABLATION_VARIANTS.map((v) => `synthetic-kdef/${v}/seed-0`), 'results.json lists every model');
  fs.rmSync(path.join(ablation, 'synthetic-kdef', 'mfe'), { recursive: true });
  assert.throws(
    () => buildReportData([ablation]),
    (error: Error) =>
      error.message ===
      `${ablation}: trained model synthetic-kdef/mfe/seed-0 (${path.join(ablation, 'synthetic-kdef', 'mfe', 'seed-0')}) listed in its results.json is missing or has no run.json: restore the folder, or resume the experiment to train it again`,
  );
  const lossCurves = copyRun(runs.lossCurves);
  assert.equal(results<{ models: string[] }>(lossCurves).models, ['synthetic-kdef/with-adw', 'synthetic-kdef/without-adw']);
  const old = results<Record<string, unknown>>(lossCurves);
  delete old['models'];
  fs.writeFileSync(path.join(lossCurves, 'results.json'), JSON.stringify(old));
  const [main] = buildReportData([lossCurves]).sections;
  assert.ok(main.notes.includes('Its results.json (from an older dmlnet) does not list its trained models: shown are the 2 found in its folder.'), main.notes.join('\n'));
});

test.run();

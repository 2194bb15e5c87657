import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AblationRow, VariantResult } from '@dmlnet/experiments';
import { ABLATION_VARIANTS, paperDatasetResults, percent } from '@dmlnet/report';
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
const block = <B extends TableBlock | ChartBlock>(sectionId: string, id: string) => found(section(sectionId).blocks.find((b) => b.id === id) as B | undefined, `block ${id}`);
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
  assert.equal(section('compare-2').blocks.map((b) => b.id), ['overall', 'table3', 'table6', 'per-expression']);
  assert.is(data.generatedAt, '1970-01-01T00:00:00.000Z');
});

test("tables hold this run's values from results.json beside the paper's", () => {
  const [first] = results<{ results: VariantResult[] }>(runs.tables).results;
  const paper = paperDatasetResults('kdef');
  // Table 2's KDEF row: FER 88.2, pose 99.9 (hand-copied from the paper).
  assert.equal(row(block('run-1', 'overall'), 'FER accuracy'), ['FER accuracy', percent(first.evaluation.ferAccuracy), 88.2]);
  assert.equal(row(block('run-1', 'overall'), 'pose accuracy'), ['pose accuracy', percent(first.evaluation.poseAccuracy), 99.9]);
  assert.equal(row(block('run-1', 'table3'), 'AN, paper'), ['AN, paper', paper?.expressionByPose?.['AN'][-45], paper?.expressionByPose?.['AN'][45], null]);
  const adw = results<{ rows: AblationRow[] }>(runs.ablation).rows[4];
  const table8 = row(block('run-0', 'table8-synthetic-kdef'), 'MFE+HPE+JEFL+ADW');
  assert.equal(table8.slice(3, 6), [Number(adw.ferAccuracy.mean.toFixed(1)), null, adw.paper?.ferAcc]);
  // Table 9's DML-Net row for the classes both sets share, and its average (hand-copied from the paper).
  assert.equal(row(block('run-3', 'table9'), 'paper (DML-Net)'), ['paper (DML-Net)', 23.38, 53.42, 27.13]);
});

test('charts: confusion counts, curves from metrics.jsonl, UMAP points by expression and by pose', () => {
  const model = results<VariantResult>(path.join(runs.tables, 'seed-0'));
  assert.equal(block<ChartBlock>('run-1-model-0', 'fer-confusion').chart, { type: 'confusion', classes: ['AN', 'HA', 'SU'], counts: model.evaluation.ferConfusion.counts });
  const losses = block<ChartBlock>('run-1-model-0', 'losses').chart;
  assert.ok(losses.type === 'line');
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
  assert.ok(accuracy.type === 'line');
  assert.equal(accuracy.series, ['fer', 'pose']);
  assert.equal(accuracy.values[0], [null, ...epochLines.map((r) => 100 * (r.accuracy?.fer ?? Number.NaN))]);
  assert.equal(accuracy.values[1], [null, ...epochLines.map((r) => 100 * (r.accuracy?.pose ?? Number.NaN))]);
  for (const figure of [10, 11, 12, 13]) {
    for (const by of ['expression', 'pose']) {
      const chart = block<ChartBlock>('run-4', `fig${figure}-${by}`).chart;
      assert.ok(chart.type === 'scatter');
      assert.is(chart.points.flat().length, 12, 'every test image of the tiny set');
      assert.equal(chart.series, by === 'expression' ? ['AN', 'HA', 'SU'] : ['-45°', '45°']);
    }
  }
  const fig15 = block<ChartBlock>('run-5', 'fig15-synthetic-kdef-triplet').chart;
  assert.ok(fig15.type === 'line');
  assert.equal(fig15.series, ['with ADW', 'without ADW']);
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
  const unknown = copyRun(runs.crossDb);
  fs.writeFileSync(path.join(unknown, 'run.json'), JSON.stringify({ experiment: 'mystery', settings: {} }));
  fails(unknown, /does not know the experiment 'mystery'/);
  const metrics = copyRun(runs.tables);
  fs.appendFileSync(path.join(metrics, 'seed-0', 'metrics.jsonl'), '{"type": "step",\n');
  fails(metrics, /seed-0\/metrics.jsonl, line \d+, is not valid JSON/);
  const noPoints = copyRun(runs.embeddings);
  const results = JSON.parse(fs.readFileSync(path.join(noPoints, 'results.json'), 'utf8')) as { maps: Record<string, unknown> };
  delete results.maps['identity-triplets'];
  fs.writeFileSync(path.join(noPoints, 'results.json'), JSON.stringify(results));
  fails(noPoints, /results.json has no 2-D points for identity-triplets \(Fig. 12\)/);
  assert.throws(() => buildReportData([]), /no run folder given/);
});

test.run();

import fs from 'node:fs';
import path from 'node:path';
import type { ResultsReport } from '@dmlnet/report-core';
import { RunFolder } from '@dmlnet/training';
import { ablationReport, type AblationRow } from './ablation-table';
import type { CrossDatabaseEvaluation } from './cross-db';
import { crossDbReport } from './cross-db';
import { datasetTablesReport, type DatasetTablesData } from './dataset-tables';
import { embeddingsReport, type EmbeddingsData } from './embeddings';
import { lossCurvesReport, readLossCurves, type LossCurve } from './loss-curves';
import { writeResultsFiles } from './results-files';

/** A finished experiment's results.json: its data, settings and provenance, and (since blocks) its report. */
type ResultsJson = Record<string, unknown> & { experiment: string; backend: string; settings: Record<string, unknown>; report?: ResultsReport };

/**
 * An experiment's report rebuilt from the data its results.json keeps, by the same function the experiment used: so
 * a run folder written before results were stored as blocks opens in the browser report after `report:rebuild`.
 * Throws naming the folder when the experiment is unknown or its data is missing.
 */
export function experimentReport(results: ResultsJson, runDir: string): ResultsReport {
  const { experiment, settings } = results;
  const context = { profile: String(settings['profile']), backend: results.backend };
  const need = <T>(field: string): T => {
    if (results[field] === undefined) throw new Error(`${runDir}/results.json has no ${field}: not a finished ${experiment} run`);
    return results[field] as T;
  };
  if (experiment === 'ablation') return ablationReport(need<AblationRow[]>('rows'), { ...context, fpsBatchSize: need<number>('fpsBatchSize') });
  if (experiment.startsWith('tables-')) {
    const data: DatasetTablesData = {
      results: need('results'),
      within45: results['within45'] as DatasetTablesData['within45'],
      pretraining: results['pretraining'] as DatasetTablesData['pretraining'],
      partsOff: results['partsOff'] as DatasetTablesData['partsOff'],
    };
    return datasetTablesReport(String(settings['dataset']), data, context);
  }
  if (experiment === 'cross-db') return crossDbReport(need<CrossDatabaseEvaluation[]>('evaluations'), settings['seeds'] as number[], context);
  if (experiment === 'embeddings') {
    const data: EmbeddingsData = {
      structure: need('structure'),
      maps: need('maps'),
      classes: results['classes'] as EmbeddingsData['classes'],
      identityClusters: results['identityClusters'] as EmbeddingsData['identityClusters'],
    };
    return embeddingsReport(String(settings['dataset']), data, { ...context, seed: Number(settings['seed']) });
  }
  if (experiment === 'loss-curves') {
    const steps = need<number>('steps');
    const curves = (results['curves'] as LossCurve[] | undefined) ?? readLossCurves(runDir, settings['datasets'] as string[], steps);
    return lossCurvesReport(curves, steps, { ...context, seed: Number(settings['seed']) });
  }
  throw new Error(`${runDir}: unknown experiment '${experiment}'; dmlnet's are ablation, tables-<dataset>, cross-db, embeddings and loss-curves`);
}

/**
 * Writes a finished run's report anew from its results.json (the report inside it, results.md and the plots), leaving
 * its data and every trained model as they are. For run folders written before results were stored as blocks.
 */
export async function rebuildResults(runDir: string): Promise<ResultsReport> {
  const file = path.join(runDir, 'results.json');
  if (!fs.existsSync(file)) throw new Error(`${runDir} has no results.json: not a finished experiment's run folder`);
  const folder = RunFolder.open(runDir);
  const results = folder.readJson<ResultsJson>('results.json');
  const report = experimentReport(results, runDir);
  await writeResultsFiles(folder, results, report);
  return report;
}

import { compareTables } from './compare-tables';
import { readRun, type RunRecord } from './read-run';
import type { ReportData, Section, TableBlock } from './report-data';
import { runSections } from './run-sections';

const tables = (section: Section) => section.blocks.filter((b): b is TableBlock => b.kind === 'table');

/** Each later run of an experiment against the first one given: every table they share, cell by cell. */
function comparisons(runs: readonly RunRecord[], sections: readonly Section[][]): Section[] {
  const result: Section[] = [];
  for (const [i, run] of runs.entries()) {
    const reference = runs.findIndex((r) => r.experiment === run.experiment);
    if (reference === i) continue;
    const before = tables(sections[reference][0]);
    const after = tables(sections[i][0]);
    const shared = after.filter((t) => before.some((b) => b.id === t.id));
    const unmatched = [...before, ...after].filter((t) => !shared.some((s) => s.id === t.id)).map((t) => t.title);
    result.push({
      id: `compare-${i}`,
      title: `${run.info.label} compared with ${runs[reference].info.label}`,
      level: 1,
      notes: [
        `Every table both runs have, cell by cell: where they differ, ${run.info.label}'s value, its difference, and ${runs[reference].info.label}'s value.`,
        ...(unmatched.length > 0 ? [`Only one run has: ${unmatched.join('; ')}.`] : []),
      ],
      blocks: shared.map((t) => compareTables(before.find((b) => b.id === t.id) as TableBlock, t)),
    });
  }
  return result;
}

/**
 * The report's data from run folders: the comparisons first (runs of the same experiment, each against the first
 * one given), then each run with its trained models.
 */
export function buildReportData(dirs: readonly string[], options: { title?: string; now?: Date } = {}): ReportData {
  if (dirs.length === 0) throw new Error('no run folder given: name one or more experiments/runs/<experiment>/<run-id> folders');
  const runs = dirs.map((dir) => readRun(dir));
  const sections = runs.map((run, i) => runSections(run, `run-${i}`));
  return {
    title: options.title ?? 'DML-Net: results beside the paper',
    generatedAt: (options.now ?? new Date()).toISOString(),
    runs: runs.map((r) => r.info),
    sections: [...comparisons(runs, sections), ...sections.flat()],
  };
}

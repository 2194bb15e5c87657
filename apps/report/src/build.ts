/** report:build: a browser report of one or more run folders, with each table beside the paper and runs compared. */
import path from 'node:path';
import { defineCommand, list, option, pathTo, runCommand, text } from '@dmlnet/options';
import { DEFAULT_REPORT_FOLDER, buildReport } from './build-report';

const command = defineCommand('report:build', {
  runs: option(list(pathTo('folder', { exists: true })), {
    array: true,
    required: true,
    describe: 'experiment run folders (experiments/runs/<experiment>/<run-id>); runs of one experiment are compared with the first',
  }),
  out: option(pathTo('folder', { exists: false }), { default: DEFAULT_REPORT_FOLDER, describe: 'the report folder to write (replaced whole)' }),
  title: option(text('a title'), { describe: 'the page title' }),
});

runCommand(command, async (options) => {
  const { out, data } = await buildReport({ runs: options.runs, out: options.out, title: options.title });
  const blocks = data.sections.flatMap((s) => s.blocks);
  const count = (kind: string) => blocks.filter((b) => b.kind === kind).length;
  process.stdout.write(
    `report:build: ${data.runs.length} run(s), ${count('table')} tables, ${count('chart')} charts in ${path.join(out, 'index.html')}\n` +
      `open it from disk, or serve it: npx nx run report:serve${out === DEFAULT_REPORT_FOLDER ? '' : ` -- --dir ${out}`}\n`,
  );
});

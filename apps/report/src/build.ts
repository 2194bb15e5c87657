/** report:build: a browser report of one or more run folders, with each table beside the paper and runs compared. */
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runCommand } from '@dmlnet/experiments';
import { DEFAULT_REPORT_FOLDER, buildReport } from './build-report';

const argv = yargs(hideBin(process.argv))
  .scriptName('report:build')
  .option('runs', { type: 'string', array: true, demandOption: true, describe: 'experiment run folders (experiments/runs/<experiment>/<run-id>); runs of one experiment are compared with the first' })
  .option('out', { type: 'string', default: DEFAULT_REPORT_FOLDER, describe: 'the report folder to write (replaced whole)' })
  .option('title', { type: 'string', describe: 'the page title' })
  .strict()
  .parseSync();

runCommand('report:build', async () => {
  const { out, data } = await buildReport({ runs: argv.runs, out: path.resolve(argv.out), title: argv.title });
  const blocks = data.sections.flatMap((s) => s.blocks);
  const count = (kind: string) => blocks.filter((b) => b.kind === kind).length;
  process.stdout.write(
    `report:build: ${data.runs.length} run(s), ${count('table')} tables, ${count('chart')} charts in ${path.join(out, 'index.html')}\n` +
      `open it from disk, or serve it: npx nx run report:serve${out === DEFAULT_REPORT_FOLDER ? '' : ` -- --dir ${out}`}\n`,
  );
});

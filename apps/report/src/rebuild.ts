/**
 * report:rebuild: writes the report of finished run folders anew from their results.json (the blocks, results.md and
 * the plots), by the experiments' own functions: for folders written before results were kept as blocks.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { rebuildResults, runCommand } from '@dmlnet/experiments';

const argv = yargs(hideBin(process.argv))
  .scriptName('report:rebuild')
  .option('runs', { type: 'string', array: true, demandOption: true, describe: 'experiment run folders (experiments/runs/<experiment>/<run-id>)' })
  .strict()
  .parseSync();

runCommand('report:rebuild', async () => {
  for (const dir of argv.runs) {
    const report = await rebuildResults(dir);
    process.stdout.write(`report:rebuild: ${dir}: ${report.blocks.length} blocks written to results.json, results.md and plots/\n`);
  }
});

/**
 * report:rebuild: writes the report of finished run folders anew from their results.json (the blocks, results.md and
 * the plots), by the experiments' own functions: for folders written before results were kept as blocks.
 */
import { rebuildResults } from '@dmlnet/experiments';
import { defineCommand, list, option, pathTo, runCommand } from '@dmlnet/options';

const command = defineCommand('report:rebuild', {
  runs: option(list(pathTo('folder', { exists: true })), { array: true, required: true, describe: 'experiment run folders (experiments/runs/<experiment>/<run-id>)' }),
});

runCommand(command, async (options) => {
  for (const dir of options.runs) {
    const report = await rebuildResults(dir);
    process.stdout.write(`report:rebuild: ${dir}: ${report.blocks.length} blocks written to results.json, results.md and plots/\n`);
  }
});

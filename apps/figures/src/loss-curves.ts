/** Fig. 15: the FER, pose and triplet losses of the first mini-batches with and without dynamic weights (ADW). */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { experimentOptions, prepareFor, runCommand, runLossCurves, setUpExperiment } from '@dmlnet/experiments';

const argv = experimentOptions(yargs(hideBin(process.argv)).scriptName('figures:loss-curves'))
  .option('datasets', { type: 'string', default: 'synthetic-multipie,synthetic-bu3dfe', describe: 'the paper uses Multi-PIE and BU-3DFE' })
  .option('seed', { type: 'number', default: 0 })
  .parseSync();

runCommand('figures:loss-curves', async () => {
  const { profile, resume, publishTo } = await setUpExperiment('loss-curves', argv);
  const { folder } = await runLossCurves({
    profile,
    datasets: argv.datasets.split(',').map((d) => d.trim()),
    seed: argv.seed,
    runsRoot: argv.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`figures:loss-curves: results in ${folder.dir}, copied to ${publishTo}\n`);
});

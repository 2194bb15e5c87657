/** Fig. 15: the FER, pose and triplet losses of the first mini-batches with and without dynamic weights (ADW). */
import { EXPERIMENT_OPTIONS, datasetName, prepareFor, runLossCurves, setUpExperiment } from '@dmlnet/experiments';
import { defineCommand, list, option, runCommand, wholeNumber } from '@dmlnet/options';

const command = defineCommand('figures:loss-curves', {
  ...EXPERIMENT_OPTIONS,
  datasets: option(list(datasetName), { default: 'synthetic-multipie,synthetic-bu3dfe', describe: 'the paper uses Multi-PIE and BU-3DFE' }),
  seed: option(wholeNumber({ min: 0 }), { default: '0', describe: 'the seed of every model' }),
});

runCommand(command, async (options) => {
  const { profile, resume, publishTo } = await setUpExperiment('loss-curves', options);
  const { folder } = await runLossCurves({
    profile,
    datasets: options.datasets,
    seed: options.seed,
    runsRoot: options.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`figures:loss-curves: results in ${folder.dir}, copied to ${publishTo}\n`);
});

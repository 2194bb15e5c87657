/** Figs. 10-13: FER-branch features without JEFL, with pose triplets, identity triplets and both, mapped by UMAP; Fig. 14: identity clusters of the frontal happy faces. */
import { EXPERIMENT_OPTIONS, datasetName, prepareFor, runEmbeddings, setUpExperiment } from '@dmlnet/experiments';
import { defineCommand, option, runCommand, wholeNumber } from '@dmlnet/options';

const command = defineCommand('figures:embeddings', {
  ...EXPERIMENT_OPTIONS,
  dataset: option(datasetName, { default: 'synthetic-bu3dfe', describe: 'the paper uses BU-3DFE' }),
  seed: option(wholeNumber({ min: 0 }), { default: '0', describe: 'the seed of the four models' }),
});

runCommand(command, async (options) => {
  const { profile, resume, publishTo } = await setUpExperiment('embeddings', options);
  const { folder } = await runEmbeddings({
    profile,
    dataset: options.dataset,
    seed: options.seed,
    runsRoot: options.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`figures:embeddings: results in ${folder.dir}, copied to ${publishTo}\n`);
});

/** Figs. 10-13: FER-branch features without JEFL, with pose triplets, identity triplets and both, mapped by UMAP; Fig. 14: identity clusters of the frontal happy faces. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { experimentOptions, prepareFor, runCommand, runEmbeddings, setUpExperiment } from '@dmlnet/experiments';

const argv = experimentOptions(yargs(hideBin(process.argv)).scriptName('figures:embeddings'))
  .option('dataset', { type: 'string', default: 'synthetic-bu3dfe', describe: 'the paper uses BU-3DFE' })
  .option('seed', { type: 'number', default: 0 })
  .parseSync();

runCommand('figures:embeddings', async () => {
  const { profile, resume, publishTo } = await setUpExperiment('embeddings', argv);
  const { folder } = await runEmbeddings({
    profile,
    dataset: argv.dataset,
    seed: argv.seed,
    runsRoot: argv.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`figures:embeddings: results in ${folder.dir}, copied to ${publishTo}\n`);
});

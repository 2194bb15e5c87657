/** Table 8: the ablation of DML-Net (baseline, +MFE, +HPE, +JEFL, +ADW) on the three lab datasets. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { experimentOptions, prepareFor, parseVariants, runAblation, runCommand, setUpExperiment } from '@dmlnet/experiments';
import { ABLATION_VARIANTS } from '@dmlnet/report';

const argv = experimentOptions(yargs(hideBin(process.argv)).scriptName('ablation:run'))
  .option('datasets', { type: 'string', default: 'synthetic-kdef,synthetic-bu3dfe,synthetic-multipie', describe: 'datasets.manifest.json names' })
  .option('variants', { type: 'string', default: ABLATION_VARIANTS.join(','), describe: 'ablation steps to train' })
  .option('seeds', { type: 'number', default: 1, describe: 'seeds per variant: with 2 or more, means, 95% intervals and paired gains' })
  .parseSync();

runCommand('ablation:run', async () => {
  const { profile, resume, publishTo } = await setUpExperiment('ablation', argv);
  const { folder } = await runAblation({
    profile,
    datasets: argv.datasets.split(',').map((d) => d.trim()),
    variants: parseVariants(argv.variants),
    seeds: Array.from({ length: argv.seeds }, (_, i) => i),
    runsRoot: argv.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`ablation: results in ${folder.dir} (results.md, results.json, plots/), copied to ${publishTo}\n`);
});

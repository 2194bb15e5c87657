/** Table 8: the ablation of DML-Net (baseline, +MFE, +HPE, +JEFL, +ADW) on the three lab datasets. */
import { EXPERIMENT_OPTIONS, datasetName, prepareFor, runAblation, seedsOption, setUpExperiment, variantName } from '@dmlnet/experiments';
import { defineCommand, list, option, runCommand } from '@dmlnet/options';
import { ABLATION_VARIANTS } from '@dmlnet/report';

const command = defineCommand('ablation:run', {
  ...EXPERIMENT_OPTIONS,
  datasets: option(list(datasetName), { default: 'synthetic-kdef,synthetic-bu3dfe,synthetic-multipie', describe: 'datasets.manifest.json names' }),
  variants: option(list(variantName), { default: ABLATION_VARIANTS.join(','), describe: 'ablation steps to train' }),
  seeds: seedsOption,
});

runCommand(command, async (options) => {
  const { profile, resume, publishTo } = await setUpExperiment('ablation', options);
  const { folder } = await runAblation({
    profile,
    datasets: options.datasets,
    variants: options.variants,
    seeds: options.seeds,
    runsRoot: options.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`ablation: results in ${folder.dir} (results.md, results.json, plots/), copied to ${publishTo}\n`);
});

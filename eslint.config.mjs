// Lint and the Nx module boundaries. Libs are layered along the pipeline, each layer importing only the layers before
// it: foundation (files, options, runtime) < data (datasets) < method (model, losses) < training < metrics < report
// (blocks, markdown, plots, the paper's numbers) < experiments (wires the stages into the paper's experiments) < site
// (the browser report of run folders). Beside the pipeline, synthetic (synthetic-faces, the face generator) writes
// sets in the data layer's index format and imports only foundation and data; data reads those sets like any other
// and never imports the generator; experiments generates a set on first use. Apps may depend on any lib, never on
// apps; tools on nothing.
import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', 'experiments/runs/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'layer:foundation', onlyDependOnLibsWithTags: ['layer:foundation'] },
            { sourceTag: 'layer:data', onlyDependOnLibsWithTags: ['layer:foundation'] },
            { sourceTag: 'layer:synthetic', onlyDependOnLibsWithTags: ['layer:foundation', 'layer:data'] },
            { sourceTag: 'layer:method', onlyDependOnLibsWithTags: ['layer:foundation'] },
            { sourceTag: 'layer:training', onlyDependOnLibsWithTags: ['layer:foundation', 'layer:data', 'layer:method'] },
            // Metrics score labels and predictions: plain numbers and strings, nothing of how they were made.
            { sourceTag: 'layer:metrics', onlyDependOnLibsWithTags: ['layer:foundation'] },
            { sourceTag: 'layer:report', onlyDependOnLibsWithTags: ['layer:foundation'] },
            {
              sourceTag: 'layer:experiments',
              onlyDependOnLibsWithTags: ['layer:foundation', 'layer:data', 'layer:synthetic', 'layer:method', 'layer:training', 'layer:metrics', 'layer:report'],
            },
            { sourceTag: 'layer:site', onlyDependOnLibsWithTags: ['layer:foundation', 'layer:report', 'layer:experiments'] },
            // Workspace checks (tools/) read the Nx graph, never the code they check.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      // A lib is read through its index (and tests through its `testing` entry): a path into its src/ would bypass
      // what the lib chooses to expose, which the module-boundary rule above does not see (it checks projects, not files).
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@dmlnet/[^/]+/src(/|$)', message: "import the lib's index, '@dmlnet/<lib>' (or '@dmlnet/<lib>/testing' in tests)" }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Datasets owns the data path from a file to a labelled mini-batch (issue 13); training iterates the TrainingSet
    // it is handed and may name datasets' types, never call its code (its tests and their child-process fixtures
    // build data with it).
    files: ['libs/training/src/**/*.ts'],
    ignores: ['libs/training/src/**/*.test.ts', 'libs/training/src/**/*.fixture.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@dmlnet/datasets', allowTypeImports: true, message: 'training takes a TrainingSet and calls its methods: import datasets types only' }] },
      ],
    },
  },
];

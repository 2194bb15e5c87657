/** report:serve: the last built report on localhost. */
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { serveFolder } from '@dmlnet/report-site';
import { DEFAULT_REPORT_FOLDER } from './build-report';

const argv = yargs(hideBin(process.argv))
  .scriptName('report:serve')
  .option('dir', { type: 'string', default: DEFAULT_REPORT_FOLDER, describe: 'the built report folder' })
  .option('port', { type: 'number', default: 8080, describe: 'the port on localhost (0: any free one)' })
  .strict()
  .parseSync();

serveFolder(path.resolve(argv.dir), { port: argv.port }).then(
  ({ url }) => process.stdout.write(`report:serve: ${url} (Ctrl-C stops it)\n`),
  (error: Error) => {
    process.stderr.write(`report:serve: ${error.message}; build one with: npx nx run report:build -- --runs <run folders>\n`);
    process.exit(1);
  },
);

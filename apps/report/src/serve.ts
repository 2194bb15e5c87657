/** report:serve: the last built report on localhost, until Ctrl-C. */
import { once } from 'node:events';
import { defineCommand, option, pathTo, runCommand, wholeNumber } from '@dmlnet/options';
import { serveFolder } from '@dmlnet/report-site';
import { DEFAULT_REPORT_FOLDER } from './build-report';

const command = defineCommand('report:serve', {
  // Not `exists: true`: serveFolder checks for its index.html, and the error below says how to build one.
  dir: option(pathTo('folder', { exists: false }), { default: DEFAULT_REPORT_FOLDER, describe: 'the built report folder' }),
  port: option(wholeNumber({ min: 0, max: 65535 }), { default: '8080', describe: 'the port on localhost (0: any free one)' }),
});

runCommand(command, async (options) => {
  const served = await serveFolder(options.dir, { port: options.port }).catch((error: Error) => {
    throw new Error(`${error.message}; build one with: npx nx run report:build -- --runs <run folders>`);
  });
  process.stdout.write(`report:serve: ${served.url} (Ctrl-C stops it)\n`);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await served.close();
});

/** report:screenshot: a PNG of a built report's sections, drawn by headless Chromium (the README's picture). */
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runCommand } from '@dmlnet/experiments';
import { serveFolder } from '@dmlnet/report-site';
import { DEFAULT_REPORT_FOLDER } from './build-report';
import { launchChromium, openReport } from './chromium';

const argv = yargs(hideBin(process.argv))
  .scriptName('report:screenshot')
  .option('dir', { type: 'string', default: DEFAULT_REPORT_FOLDER, describe: 'the built report folder' })
  .option('out', { type: 'string', demandOption: true, describe: 'the PNG to write' })
  .option('from', { type: 'string', default: 'run-0', describe: 'the section the picture starts at (data-section-id)' })
  .option('to', { type: 'string', describe: "the section it ends with; default the first trained model's (<from>-model-0), else <from>" })
  .option('width', { type: 'number', default: 1400, describe: 'page width in CSS pixels' })
  .strict()
  .parseSync();

runCommand('report:screenshot', async () => {
  const served = await serveFolder(path.resolve(argv.dir));
  const browser = await launchChromium();
  try {
    const page = await openReport(browser, served.url, { width: argv.width });
    const box = async (id: string) => ((await page.locator(`#${id}`).count()) > 0 ? page.locator(`#${id}`).boundingBox() : null);
    const top = await box(argv.from);
    if (!top) throw new Error(`${argv.dir} has no section '${argv.from}' (--from)`);
    const bottom = argv.to === undefined ? ((await box(`${argv.from}-model-0`)) ?? top) : await box(argv.to);
    if (!bottom) throw new Error(`${argv.dir} has no section '${argv.to}' (--to)`);
    const clip = { x: 0, y: Math.max(0, top.y - 10), width: argv.width, height: bottom.y + bottom.height - top.y + 20 };
    await page.screenshot({ path: path.resolve(argv.out), clip, fullPage: true });
    process.stdout.write(`report:screenshot: ${path.resolve(argv.out)} (${argv.from} to ${argv.to ?? 'its first model'})\n`);
  } finally {
    await browser.close();
    await served.close();
  }
});

/** report:screenshot: a PNG of a built report's sections, drawn by headless Chromium (the README's picture). */
import { defineCommand, option, pathTo, runCommand, text, wholeNumber } from '@dmlnet/options';
import { serveFolder } from '@dmlnet/report-site';
import { DEFAULT_REPORT_FOLDER } from './build-report';
import { launchChromium, openReport } from './chromium';

const command = defineCommand('report:screenshot', {
  dir: option(pathTo('folder', { exists: true }), { default: DEFAULT_REPORT_FOLDER, describe: 'the built report folder' }),
  out: option(pathTo('file', { exists: false }), { required: true, describe: 'the PNG to write' }),
  from: option(text('a section id'), { default: 'run-0', describe: 'the section the picture starts at (data-section-id)' }),
  to: option(text('a section id'), { describe: "the section it ends with; default the first trained model's (<from>-model-0), else <from>" }),
  width: option(wholeNumber({ min: 1 }), { default: '1400', describe: 'page width in CSS pixels' }),
});

runCommand(command, async (options) => {
  const served = await serveFolder(options.dir);
  const browser = await launchChromium();
  try {
    const page = await openReport(browser, served.url, { width: options.width });
    const box = async (id: string) => ((await page.locator(`#${id}`).count()) > 0 ? page.locator(`#${id}`).boundingBox() : null);
    const top = await box(options.from);
    if (!top) throw new Error(`${options.dir} has no section '${options.from}' (--from)`);
    const bottom = options.to === undefined ? ((await box(`${options.from}-model-0`)) ?? top) : await box(options.to);
    if (!bottom) throw new Error(`${options.dir} has no section '${options.to}' (--to)`);
    const clip = { x: 0, y: Math.max(0, top.y - 10), width: options.width, height: bottom.y + bottom.height - top.y + 20 };
    await page.screenshot({ path: options.out, clip, fullPage: true });
    process.stdout.write(`report:screenshot: ${options.out} (${options.from} to ${options.to ?? 'its first model'})\n`);
  } finally {
    await browser.close();
    await served.close();
  }
});

import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium), or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Headless on a machine with no display, no GPU and no network: without the background-networking switches
// Chromium's own connections are refused and logged.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const hasChromium = (): boolean => fs.existsSync(CHROMIUM);

/** Headless Chromium driven by playwright-core; an error saying how to install it where it is absent. */
export function launchChromium(): Promise<Browser> {
  if (!hasChromium()) throw new Error(`${CHROMIUM} is not installed (Debian: apt-get install -y chromium; or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens a served report and waits until the page says every table and chart is drawn. */
export async function openReport(browser: Browser, url: string, width = 1400) {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 120_000 });
  return page;
}

import fs from 'node:fs';
import { fromEnvironment, pathTo } from '@dmlnet/options';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium), or the one CHROMIUM_PATH names: an error where that is not a file. */
export const chromiumPath = (): string => fromEnvironment('CHROMIUM_PATH', pathTo('file', { exists: true })) ?? '/usr/bin/chromium';

// Headless on a machine with no display, no GPU and no network: without the background-networking switches
// Chromium's own connections are refused and logged.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const hasChromium = (): boolean => fs.existsSync(chromiumPath());

/** Headless Chromium driven by playwright-core; an error saying how to install it where it is absent. */
export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} is not installed (Debian: apt-get install -y chromium; or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * Opens a report (served, or from disk) and waits until the page says every table and chart is drawn;
 * `before` runs on the new page first (to listen to its console or route its requests).
 */
export async function openReport(browser: Browser, url: string, options: { width?: number; before?: (page: Page) => Promise<void> } = {}) {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1400, height: 1000 } });
  await options.before?.(page);
  await page.goto(url);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 120_000 });
  return page;
}

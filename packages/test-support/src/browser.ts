import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (CHROMIUM_PATH to use another), started the way this machine allows: headless,
 * without a sandbox (root), and without the background connections that a closed network refuses.
 * The one launch of the browser tests and the editor's-guide screenshots.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

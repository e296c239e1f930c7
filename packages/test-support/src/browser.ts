import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Signs in to the Strapi admin on `page` with the login form, as the person would. */
export const signInToAdmin = async (page: Page, cmsUrl: string, account: { email: string; password: string }): Promise<void> => {
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.fill('input[name="email"]', account.email);
  await page.fill('input[name="password"]', account.password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
};

// Takes the screenshots in docs/redaktorsguide.md from a running `npm run dev` (admin on :1337,
// site on :4321), in headless Chromium, logged in as the development admin:
//   node scripts/editor-guide-screenshots.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const OUT = fileURLToPath(new URL('../../../docs/bilder/', import.meta.url));
const ADMIN = process.env.ADMIN_URL ?? 'http://localhost:1337/admin';
const EMAIL = process.env.CMS_ADMIN_EMAIL ?? 'redaktor@malardalsradet.local';
const PASSWORD = process.env.CMS_ADMIN_PASSWORD ?? 'Malardalsradet2026!';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'sv-SE' });
// Strapi's own pop-ups (product tour, news banners) would cover what the guide shows.
const dismissPopups = async () => {
  for (const name of [/^skip$|hoppa över/i, /^close$|stäng/i]) {
    const button = page.getByRole('button', { name }).first();
    if (await button.isVisible().catch(() => false)) await button.click().catch(() => {});
  }
};
const shot = async (name: string, target: Page = page) => {
  await target.waitForTimeout(1500);
  await dismissPopups();
  await target.waitForTimeout(300);
  await target.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/bilder/${name}.png`);
};

await page.goto(`${ADMIN}/auth/login`);
await page.waitForSelector('input[name="email"]', { timeout: 120_000 });
await shot('01-inloggning');
await page.fill('input[name="email"]', EMAIL);
await page.fill('input[name="password"]', PASSWORD);
await page.click('button[type="submit"]');
await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
await page.waitForTimeout(3000);
// The status widget is further down the start page.
await page.getByText('Webbplatsen', { exact: true }).first().scrollIntoViewIfNeeded();
await shot('02-startsida-webbplatsens-status');

await page.goto(`${ADMIN}/content-manager/collection-types/api::plan.plan?page=1&pageSize=10&plugins[i18n][locale]=sv`);
await page.waitForSelector('table', { timeout: 60_000 });
await shot('03-lista-verksamhetsplaner');

await page.getByText('Verksamhetsplan 2019 (utkast)').first().click();
await page.waitForSelector('input[name="title"]', { timeout: 60_000 });
await shot('04-redigera-verksamhetsplan');

const preview = page.getByRole('link', { name: /förhandsgranska|preview|öppna förhandsgranskning/i }).first();
if (await preview.count()) {
  await preview.click();
  await page.waitForTimeout(4000);
  await shot('05-forhandsgranskning');
} else {
  console.warn('No preview button found; 05-forhandsgranskning.png not taken.');
}
await browser.close();

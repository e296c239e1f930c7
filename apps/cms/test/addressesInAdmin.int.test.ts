import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminJson, adminRequest, inviteEditor, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { launchChromium, signInToAdmin } from '@malardalsradet/test-support/browser';
import { buildAdmin } from './support/builtAdmin';

// Addresses in the admin, as an editor (role Redaktör) meets them in Chromium: a new priority
// area's address follows its title (no "priority-area" placeholder); a published page whose
// address is changed says the old one will lead on; "Omdirigeringar" lists the old addresses.
const EDITOR = { firstname: 'Adam', lastname: 'Adressson', email: 'adam-adress@example.org', password: 'Adam-adress-2026' };
const AREAS = '/content-manager/collection-types/api::priority-area.priority-area';

/**
 * With EDITOR_GUIDE_SHOTS=1 the test also saves the guide's pictures of what it checks
 * (docs/bilder/adress-ledtext.png, omdirigeringar.png): the list needs old addresses, which the
 * guide's screenshot script (apps/web/scripts/editor-guide-screenshots.ts) may not make, as it
 * changes no content.
 */
const guideShot = async (name: string, clip?: { x: number; y: number; width: number; height: number }) => {
  if (!process.env.EDITOR_GUIDE_SHOTS) return;
  await page.waitForTimeout(1000);
  await page.screenshot({ path: fileURLToPath(new URL(`../../../docs/bilder/${name}.png`, import.meta.url)), ...(clip ? { clip } : {}) });
};

let cms: CmsProcess;
let editorJwt = '';
let browser: Browser;
let page: Page;

const areaId = async (slug: string) => {
  const { results } = await adminJson<{ results: { documentId: string; slug: string }[] }>(cms.url, editorJwt, `${AREAS}?locale=sv&pageSize=100`);
  const found = results.find((area) => area.slug === slug);
  if (!found) throw new Error(`No priority area ${slug}`);
  return found.documentId;
};

beforeAll(async () => {
  buildAdmin();
  cms = await startCms({ SERVE_ADMIN_PANEL: 'true', CMS_SEED_ON_START: 'true' });
  const adminJwt = await registerFirstAdmin(cms.url);
  editorJwt = await inviteEditor(cms.url, adminJwt, EDITOR);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'sv-SE' });
  await signInToAdmin(page, cms.url, EDITOR);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('addresses in the admin', () => {
  it('makes a new area’s address from its title as it is typed', async () => {
    await page.goto(`${cms.url}/admin${AREAS}/create?plugins[i18n][locale]=sv`);
    const slug = page.locator('input[name="slug"]');
    await slug.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    expect(await slug.inputValue()).toBe('');
    await page.locator('input[name="title"]').fill('Hållbar turism i Mälardalen');
    await expect.poll(() => slug.inputValue()).toBe('hallbar-turism-i-malardalen');
    // An address of the editor's own is kept when the title changes.
    await slug.fill('turism');
    await page.locator('input[name="title"]').fill('Hållbar turism i hela Mälardalen');
    await page.waitForTimeout(500);
    expect(await slug.inputValue()).toBe('turism');
  });

  it('says in the form that a published page’s old address will lead to the new one', async () => {
    const berlin = await areaId('studieresa-till-berlin');
    await page.goto(`${cms.url}/admin${AREAS}/${berlin}?plugins[i18n][locale]=sv`);
    const slug = page.locator('input[name="slug"]');
    await slug.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    const hint = page.locator('[data-address-hint]');
    expect(await hint.count()).toBe(0);
    await slug.fill('studieresa-berlin');
    await expect
      .poll(() => hint.textContent())
      .toBe(
        'Sidan är publicerad på /prioriterade-omraden/studieresa-till-berlin/. Den gamla adressen kommer att leda vidare till den nya (/prioriterade-omraden/studieresa-berlin/) när du publicerar.',
      );
    // The field with its label above and the hint below.
    const [input, said] = await Promise.all([slug.boundingBox(), hint.boundingBox()]);
    if (input && said) {
      const top = Math.max(0, input.y - 60);
      await guideShot('adress-ledtext', { x: Math.max(0, input.x - 24), y: top, width: input.width + 48, height: said.y + said.height + 24 - top });
    }
    await slug.fill('studieresa-till-berlin');
    await expect.poll(() => hint.count()).toBe(0);

    // A plan's year is its address too.
    const { results } = await adminJson<{ results: { documentId: string; year: number }[] }>(
      cms.url,
      editorJwt,
      '/content-manager/collection-types/api::plan.plan?locale=sv&pageSize=100',
    );
    const plan2018 = results.find((plan) => plan.year === 2018);
    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::plan.plan/${plan2018?.documentId}?plugins[i18n][locale]=sv`);
    const year = page.locator('input[name="year"]');
    await year.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    await year.fill('2028');
    await expect.poll(() => hint.textContent()).toContain('Sidan är publicerad på /verksamhetsplaner/2018/.');
  });

  it('lists the old addresses under "Omdirigeringar"', async () => {
    const berlin = await areaId('studieresa-till-berlin');
    await adminRequest(cms.url, editorJwt, `${AREAS}/${berlin}?locale=sv`, { method: 'PUT', json: { slug: 'studieresa-berlin' } });
    await adminRequest(cms.url, editorJwt, `${AREAS}/${berlin}/actions/publish?locale=sv`, { method: 'POST', json: {} });
    const skills = await areaId('strategisk-kompetensforsorjning');
    await adminRequest(cms.url, editorJwt, `${AREAS}/${skills}/actions/unpublish?locale=sv`, { method: 'POST', json: {} });

    await page.goto(`${cms.url}/admin`);
    await page.getByRole('link', { name: 'Omdirigeringar' }).click();
    const table = page.getByRole('grid', { name: 'Omdirigeringar' }).or(page.getByRole('table', { name: 'Omdirigeringar' }));
    await table.waitFor({ timeout: 30_000 });
    const text = (await table.textContent()) ?? '';
    for (const heading of ['Från', 'Till', 'Sedan', 'Dokument', 'Språk']) expect(text).toContain(heading);
    const moved = page.getByRole('row').filter({ hasText: '/prioriterade-omraden/studieresa-till-berlin/' });
    expect(await moved.textContent()).toContain('/prioriterade-omraden/studieresa-berlin/');
    expect(await moved.textContent()).toContain('Studieresa till Berlin');
    expect(await moved.textContent()).toContain('svenska');
    const removed = page.getByRole('row').filter({ hasText: '/prioriterade-omraden/strategisk-kompetensforsorjning/' });
    expect(await removed.textContent()).toContain('Borttagen');
    await page.mouse.move(1435, 450);
    await guideShot('omdirigeringar');
  });
});

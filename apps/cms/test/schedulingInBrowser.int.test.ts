import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminJson, inviteEditor, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { launchChromium, signInToAdmin } from '@malardalsradet/test-support/browser';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { formatStockholm, stockholmToUtc, utcToStockholm } from '../src/scheduling/stockholmTime';
import type { Schedule } from '../src/scheduling/types';
import { buildAdmin } from './support/builtAdmin';

// The editor's flow in the real admin (built as in production) in Chromium: schedule the English
// publication of a plan from its edit view in Swedish time, be refused a time that does not
// exist, see it on the start page under "Kommande publiceringar", and cancel it.
const EDITOR = { firstname: 'Kalle', lastname: 'Schemaläggare', email: 'kalle-schema@example.org', password: 'Kalle-schema-2026' };
const PLAN = 'api::plan.plan';

let cms: CmsProcess;
let browser: Browser;
let page: Page;
let jwt = '';
let documentId = '';

beforeAll(async () => {
  buildAdmin();
  cms = await startCms({ SERVE_ADMIN_PANEL: 'true' });
  const adminJwt = await registerFirstAdmin(cms.url);
  jwt = await inviteEditor(cms.url, adminJwt, EDITOR);
  const base = `/content-manager/collection-types/${PLAN}`;
  documentId = (
    await adminJson<{ data: { documentId: string } }>(cms.url, jwt, `${base}?locale=sv`, {
      method: 'POST',
      json: { title: 'Verksamhetsplan 2031', year: 2031 },
    })
  ).data.documentId;
  await adminJson(cms.url, jwt, `${base}/${documentId}?locale=en`, { method: 'PUT', json: { title: 'Operational plan 2031' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'sv-SE', timezoneId: 'America/New_York' });
  await signInToAdmin(page, cms.url, EDITOR);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

const schedules = async () => (await adminJson<{ data: Schedule[] }>(cms.url, jwt, `/scheduling?contentType=${PLAN}&documentId=${documentId}`)).data;

describe('scheduling in the admin, as an editor', () => {
  it('schedules the English publication in Swedish time from the edit view, shows it on the start page, and cancels it', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PLAN}/${documentId}?plugins[i18n][locale]=en`);
    await page.getByRole('button', { name: 'Schemalägg publicering' }).click();
    const form = page.getByRole('group', { name: 'Schemalägg: publiceras på engelska' });
    const refusal = () => form.getByRole('alert').textContent();

    // A time that does not exist in Sweden (summer time begins) is refused before anything is sent.
    await form.getByLabel('Datum').fill('2027-03-28');
    await form.getByLabel('Tid').fill('02:30');
    await page.getByRole('button', { name: 'Spara schemat' }).click();
    await expect.poll(refusal).toMatch(/Klockan 02:30 finns inte den 28 mars 2027/);
    // A time in the past is refused by the CMS, in Swedish.
    await form.getByLabel('Datum').fill('2020-01-01');
    await form.getByLabel('Tid').fill('12:00');
    await page.getByRole('button', { name: 'Spara schemat' }).click();
    await expect.poll(refusal).toMatch(/har redan passerat/);
    expect(await schedules()).toEqual([]);

    // Tomorrow at 00:00 Swedish time, whatever the browser's own time zone (New York here).
    const [tomorrow] = utcToStockholm(Date.now() + 24 * 60 * 60 * 1000);
    const expected = stockholmToUtc(tomorrow, '00:00');
    if (!expected.ok) throw new Error(expected.message);
    await form.getByLabel('Datum').fill(tomorrow);
    await form.getByLabel('Tid').fill('00:00');
    await page.getByRole('button', { name: 'Spara schemat' }).click();
    const list = page.getByRole('list', { name: 'Schemalagt på engelska' });
    await expect.poll(() => list.textContent()).toContain(`Publicering ${formatStockholm(expected.iso)}`);
    expect(await list.textContent()).toContain('Väntar. Schemalagd av Kalle Schemaläggare.');
    const [saved] = await schedules();
    expect(saved).toMatchObject({ locale: 'en', action: 'publish', at: expected.iso, status: 'pending' });

    // The start page lists it.
    await page.goto(`${cms.url}/admin`);
    const upcoming = page.getByRole('list', { name: 'Kommande publiceringar' });
    await expect.poll(() => upcoming.textContent(), { timeout: 20_000 }).toContain('Operational plan 2031');
    expect(await upcoming.textContent()).toContain(`(engelska): Publicering ${formatStockholm(expected.iso)}`);

    // Cancelled from the edit view.
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PLAN}/${documentId}?plugins[i18n][locale]=en`);
    await page.getByRole('button', { name: 'Avbryt schemat' }).click();
    await expect.poll(async () => (await schedules())[0]?.status).toBe('cancelled');
    await expect.poll(() => page.getByRole('list', { name: 'Schemalagt på engelska' }).textContent()).toContain('Avbruten av Kalle Schemaläggare');
  });
});

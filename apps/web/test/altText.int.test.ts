import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { imageBlock, uploadImage } from '@malardalsradet/test-support/images';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublishingStack, type SiteServerProcess } from './support/site';

// Text alternatives from the media library to the live page, with real processes: a seeded CMS
// sends its webhooks to a site server. The block editor stores a copy of the file in the text
// when an image is inserted; the page must show the alt text the file has now, per language.
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;

const GOALS = '/content-manager/collection-types/api::goal.goal';

const page = async (pathname: string) => {
  const response = await fetch(`${site.url}${pathname}`);
  return { status: response.status, text: await response.text() };
};

/**
 * The alt text of the page's image of the file, as a browser reads it: '' for `alt=""` and for
 * a bare `alt` (how Astro writes an empty attribute; the same in HTML), undefined without one.
 */
const altOf = (html: string, fileUrl: string): string | undefined => {
  const img = new RegExp(`<img[^>]*src="[^"]*${fileUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`).exec(html)?.[0];
  const alt = img && /\salt(?:="([^"]*)")?(?=[\s>/])/.exec(img);
  return alt ? (alt[1] ?? '') : undefined;
};

/** Waits until the page's image of the file has the alt text; returns how long it took from `since`. */
const liveWithin = async (pathname: string, fileUrl: string, alt: string, since: number) => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await page(pathname);
    if (answer.status === 200 && altOf(answer.text, fileUrl) === alt) return Date.now() - since;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for alt="${alt}" on ${pathname}:\n${site.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const imageTexts = (id: number, change: Record<string, unknown>) => adminRequest(cms.url, jwt, `/image-texts/${id}`, { method: 'PUT', json: change });

beforeAll(async () => {
  ({ cms, jwt, site } = await startPublishingStack('Webbplatsen (alternativtexter)', { RECONCILE_INTERVAL_MS: '600000', BURST_SIZE: '1000' }));
});

afterAll(async () => {
  await site?.stop();
  await cms?.stop();
});

describe('text alternatives on the live site', () => {
  it("shows each language's alt text of the file as it is now, and a change in the library reaches the page", async () => {
    const file = await uploadImage(cms.url, jwt, 'karta-over-malardalen.png');
    // The copy the block editor keeps: the file name as the alt text, since the file had none yet.
    const description = [{ type: 'paragraph', children: [{ type: 'text', text: 'Målet med en karta.' }] }, imageBlock(cms.url, file)];
    const goal = await adminRequest<{ documentId: string }>(cms.url, jwt, `${GOALS}?locale=sv`, {
      method: 'POST',
      json: { title: 'Mål med karta', order: 77, description },
    });
    await adminRequest(cms.url, jwt, `${GOALS}/${goal.documentId}?locale=en`, { method: 'PUT', json: { title: 'Goal with a map', description } });

    await imageTexts(file.id, { alternativeText: 'Karta över Mälardalen', alternativeTextEn: 'Map of the Mälaren region' });
    for (const locale of ['sv', 'en'])
      await adminRequest(cms.url, jwt, `${GOALS}/${goal.documentId}/actions/publish?locale=${locale}`, { method: 'POST', json: {} });
    await liveWithin('/inriktningsmal/', file.url, 'Karta över Mälardalen', Date.now());
    await liveWithin('/en/goals/', file.url, 'Map of the Mälaren region', Date.now());
    // Never the Swedish alt on the English page, never the file name.
    expect((await page('/en/goals/')).text).not.toContain('Karta över Mälardalen');
    expect((await page('/inriktningsmal/')).text).not.toContain('karta-over-malardalen.png"');

    // The media library's own dialog (Strapi's file info update) changes the Swedish alt text:
    // the page follows without a new publish.
    const form = new FormData();
    form.append('fileInfo', JSON.stringify({ name: file.name, alternativeText: 'Karta över Mälardalens kommuner', caption: null }));
    const since = Date.now();
    const updated = await fetch(`${cms.url}/upload?id=${file.id}`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    expect(updated.status).toBe(200);
    const swedishMs = await liveWithin('/inriktningsmal/', file.url, 'Karta över Mälardalens kommuner', since);

    // "Bilder och alternativtexter" changes the English one.
    const sinceEnglish = Date.now();
    await imageTexts(file.id, { alternativeTextEn: 'Map of the municipalities of the Mälaren region' });
    const englishMs = await liveWithin('/en/goals/', file.url, 'Map of the municipalities of the Mälaren region', sinceEnglish);

    // Decorative: alt="" in both languages.
    const sinceDecorative = Date.now();
    await imageTexts(file.id, { decorative: true });
    await liveWithin('/inriktningsmal/', file.url, '', sinceDecorative);
    expect((await page('/inriktningsmal/')).text).not.toContain('Karta över Mälardalens kommuner');
    await liveWithin('/en/goals/', file.url, '', sinceDecorative);

    console.log(`Alt text changed to live page: Swedish (media library) ${swedishMs} ms, English ("Bilder och alternativtexter") ${englishMs} ms`);
    expect(swedishMs).toBeLessThan(10_000);
    expect(englishMs).toBeLessThan(10_000);

    for (const locale of ['sv', 'en']) await adminJson(cms.url, jwt, `${GOALS}/${goal.documentId}?locale=${locale}`, { method: 'DELETE' });
  });
});

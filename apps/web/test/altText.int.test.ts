import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublishingStack, type SiteServerProcess } from './support/site';

// Text alternatives from the media library to the live page, with real processes: a seeded CMS
// sends its webhooks to a site server. The block editor stores a copy of the file in the text
// when an image is inserted; the page must show the alt text the file has now, per language.
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;

const GOALS = '/content-manager/collection-types/api::goal.goal';

const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A small black PNG, as an editor's image. */
const png = (width: number, height: number) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc((1 + Math.ceil(width / 8)) * height))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
};

// What the block editor copies of a file (content-manager's Blocks/Image IMAGE_SCHEMA_FIELDS).
const IMAGE_SCHEMA_FIELDS = [
  'name',
  'alternativeText',
  'url',
  'caption',
  'width',
  'height',
  'formats',
  'hash',
  'ext',
  'mime',
  'size',
  'previewUrl',
  'provider',
  'provider_metadata',
  'createdAt',
  'updatedAt',
];

const uploadImage = async (name: string) => {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(png(24, 16))], { type: 'image/png' }), name);
  const response = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  const [file] = (await response.json()) as (Record<string, unknown> & { id: number; name: string; url: string })[];
  if (!response.ok || !file) throw new Error(`Upload failed: ${response.status}`);
  return file;
};

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
    const file = await uploadImage('karta-over-malardalen.png');
    // The copy the block editor keeps: the file name as the alt text, since the file had none yet.
    const image = {
      ...Object.fromEntries(IMAGE_SCHEMA_FIELDS.map((field) => [field, file[field]])),
      alternativeText: file.name,
      url: `${cms.url}${file.url}`,
    };
    const description = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Målet med en karta.' }] },
      { type: 'image', image, children: [{ type: 'text', text: '' }] },
    ];
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

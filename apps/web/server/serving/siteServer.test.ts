import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createArchiveUrl, LOCALES, type Locale } from '@malardalsradet/site-contract';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_TEXT_KEYS, type ServerTextKey, type SiteDeclaration } from '../../renderer-contract/index.ts';
import { LiveRelease, type LoadedRelease } from '../publishing/liveRelease.ts';
import { ReleaseStore } from '../publishing/releases.ts';
import { manyRequests, noRequests, siteServerWithoutBuilds } from './siteServerFixture.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A declaration such as a release's code makes, with texts that name their key and language. */
const declaration = (search: Record<Locale, string>, feedback: Record<Locale, string>): SiteDeclaration => ({
  routes: { search, feedback, feedbackThanks: { sv: '/tack', en: '/en/thanks' }, feedbackBusy: { sv: '/upptaget/', en: '/en/busy/' } },
  texts: Object.fromEntries(
    LOCALES.map((locale) => [locale, Object.fromEntries(SERVER_TEXT_KEYS.map((key) => [key, `${key} (${locale})`]))]),
  ) as Record<Locale, Record<ServerTextKey, string>>,
});

/**
 * A real site server over a real releases folder, whose allowances refuse every on-demand
 * request: refusing needs no renderer, so the router's choices are seen without one.
 */
const startServer = async ({ archiveSecret, previewAdmits = false }: { archiveSecret?: string; previewAdmits?: boolean } = {}) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'router-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = new ReleaseStore(dir, 3, () => {});
  const live = new LiveRelease(store, [], () => {});
  const html = (title: string) => store.writeBlob(Buffer.from(`<!doctype html><html><body><h1>${title}</h1></body></html>`));
  let previous: LoadedRelease | null = null;
  const publish = (site: SiteDeclaration, start = 'start') => {
    const files = {
      '/index.html': html(start),
      '/en/index.html': html('start'),
      '/404.html': html('Sidan finns inte'),
      '/sitemap.xml': store.writeBlob(Buffer.from('<urlset><url><loc>https://example.org/</loc></url></urlset>')),
    };
    const made = { kind: 'full', codeVersion: 'code', contentHash: JSON.stringify(site.routes), fingerprint: 'cms' } as const;
    // The start page stands in for a document's own page: the archive finds a document by the page it owned.
    const pages = { '/': { file: '/index.html', owner: 'plan:sv:doc1', dependencies: [] } };
    previous = live.publish({ files, pages, site }, made, previous, new AbortController().signal);
  };
  const site = siteServerWithoutBuilds(live, {
    feedback: {
      receive: () => Promise.reject(new Error('no post reaches the form past its allowance')),
      outboxState: () => ({ waiting: 0, setAside: 0, full: false }),
    },
    previewLimits: previewAdmits ? manyRequests() : noRequests(),
    archive: { secret: archiveSecret },
  });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => site.server.close(resolve)));
  const url = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  const request = async (pathname: string, method = 'GET') => {
    const response = await fetch(`${url}${pathname}`, { method });
    return { status: response.status, text: await response.text(), allow: response.headers.get('allow') };
  };
  return { publish, request, url };
};

describe('the router', () => {
  it("takes its on-demand routes and its texts from the live release's declaration", async () => {
    const { publish, request } = await startServer();
    publish(declaration({ sv: '/hitta', en: '/en/find' }, { sv: '/tyck', en: '/en/say' }));
    expect(await request('/hitta?q=plan')).toEqual({ status: 429, text: 'searchRefusedClient (sv)\n', allow: null });
    expect(await request('/en/find/')).toEqual({ status: 429, text: 'searchRefusedClient (en)\n', allow: null });
    expect(await request('/tyck', 'POST')).toEqual({ status: 429, text: 'feedbackRefusedClient (sv)\n', allow: null });
    expect(await request('/hitta', 'POST')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    // What the release does not declare is a file or the 404 page: no route of the server's own.
    expect((await request('/sok?q=plan')).status).toBe(404);
    expect(await request('/synpunkter', 'POST')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    // The preview has no language: its text is said in every language.
    expect((await request('/preview/plan/abc')).text).toBe(`${LOCALES.map((locale) => `previewRefusedClient (${locale})`).join('\n')}\n`);

    // The next release declares other addresses: the table follows it with the switch.
    publish(declaration({ sv: '/sok', en: '/en/search' }, { sv: '/synpunkter', en: '/en/feedback' }));
    expect(await request('/sok?q=plan')).toMatchObject({ status: 429, text: 'searchRefusedClient (sv)\n' });
    expect((await request('/hitta?q=plan')).status).toBe(404);
  });
});

describe('archive links', () => {
  it('answer the page as the release live at their moment served it, privately; refuse altered or expired links; 404 before the first release', async () => {
    const secret = 'an-archive-secret-of-32-characters';
    const { publish, url } = await startServer({ archiveSecret: secret, previewAdmits: true });
    const site = declaration({ sv: '/sok', en: '/en/search' }, { sv: '/synpunkter', en: '/en/feedback' });
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const beforeAll = new Date();
    await pause();
    publish(site, 'first');
    await pause();
    const duringFirst = new Date();
    await pause();
    publish(site, 'second');
    const link = (page: Parameters<typeof createArchiveUrl>[0], at: Date, options: { secret?: string; now?: number } = {}) =>
      createArchiveUrl(page, at, { siteUrl: url, secret: options.secret ?? secret, now: options.now })!;
    const get = async (address: string) => {
      const response = await fetch(address, { headers: { 'accept-encoding': 'identity' } });
      return { status: response.status, text: await response.text(), headers: Object.fromEntries(response.headers) };
    };

    const first = await get(link({ path: '/' }, duringFirst));
    expect(first.status).toBe(200);
    expect(first.text).toContain('<h1>first</h1>');
    expect(first.headers).toMatchObject({
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
      'content-type': 'text/html; charset=utf-8',
    });
    // The same bytes as readers got then; now the live release serves the second.
    expect((await get(`${url}/`)).text).toContain('<h1>second</h1>');
    expect((await get(link({ uid: 'api::plan.plan', documentId: 'doc1', locale: 'sv' }, duringFirst))).text).toBe(first.text);
    expect((await get(link({ path: '/' }, new Date()))).text).toContain('<h1>second</h1>');

    const altered = new URL(link({ path: '/' }, duringFirst));
    altered.searchParams.set('at', new Date().toISOString());
    expect(await get(altered.href)).toMatchObject({ status: 403, text: `${LOCALES.map((locale) => `archiveRefused (${locale})`).join('\n')}\n` });
    expect((await get(link({ path: '/' }, duringFirst, { now: Date.now() - 5 * 3600 * 1000 }))).status).toBe(403);
    expect((await get(link({ path: '/' }, duringFirst, { secret: 'another-secret-of-32-characters!!' }))).status).toBe(403);
    expect(await get(link({ path: '/' }, beforeAll))).toMatchObject({
      status: 404,
      text: `${LOCALES.map((locale) => `archiveBeforeFirst (${locale})`).join('\n')}\n`,
    });
    expect(await get(link({ uid: 'api::plan.plan', documentId: 'other', locale: 'sv' }, duringFirst))).toMatchObject({
      status: 404,
      text: 'archiveNotFound (sv)\n',
      headers: { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' },
    });
  });
});

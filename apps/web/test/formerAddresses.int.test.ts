import { adminJson, adminRequest, inviteEditor } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import type { FormerAddress } from '@malardalsradet/site-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildDir, startPublishingStack, startSiteServer, type SiteServerProcess } from './support/site';

// Old addresses lead on (issue 24, Webbriktlinjer R56), with real processes: a seeded CMS sends
// its webhooks to a site server of its own; an editor renames, unpublishes and deletes a priority
// area through the admin API, and the site answers the old addresses 301 (one hop) or 410, at
// once with the publish, after a restart and from a full build; a never-used address stays 404.
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;
let token: string;

const AREAS = '/content-manager/collection-types/api::priority-area.priority-area';
const SV = (slug: string) => `/prioriterade-omraden/${slug}/`;
const EN = (slug: string) => `/en/priority-areas/${slug}/`;

const save = (documentId: string, locale: string, json: unknown) =>
  adminRequest<{ slug: string }>(cms.url, jwt, `${AREAS}/${documentId}?locale=${locale}`, { method: 'PUT', json });
const act = (documentId: string, locale: string, action: 'publish' | 'unpublish') =>
  adminRequest(cms.url, jwt, `${AREAS}/${documentId}/actions/${action}?locale=${locale}`, { method: 'POST', json: {} });

interface Answer {
  status: number;
  location: string | null;
  cacheControl: string | null;
  text: string;
}
/** One request, redirects not followed: what a reader's browser is answered first. */
const answer = async (pathname: string, server = site, method = 'GET'): Promise<Answer> => {
  const response = await fetch(`${server.url}${pathname}`, { redirect: 'manual', method });
  return {
    status: response.status,
    location: response.headers.get('location'),
    cacheControl: response.headers.get('cache-control'),
    text: await response.text(),
  };
};
const moved = (to: string) => (got: Answer) => got.status === 301 && got.location === to;
const removed = (title: string) => (got: Answer) => got.status === 410 && got.text.includes(title);
const shows = (text: string) => (got: Answer) => got.status === 200 && got.text.includes(text);

/** Waits until every check holds; answers how long that took (ms from `since`). */
const live = async (what: string, checks: [string, (got: Answer) => boolean][], since = Date.now(), server = site) => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const results = await Promise.all(checks.map(async ([pathname, check]) => check(await answer(pathname, server))));
    if (results.every(Boolean)) return Date.now() - since;
    if (Date.now() > deadline) {
      const got = await Promise.all(
        checks.map(async ([pathname]) => `${pathname}: ${JSON.stringify({ ...(await answer(pathname, server)), text: undefined })}`),
      );
      throw new Error(`Timed out waiting for ${what}:\n${got.join('\n')}\n${server.output().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

beforeAll(async () => {
  ({ cms, jwt, token, site } = await startPublishingStack('Webbplatsen (adresser)', { RECONCILE_INTERVAL_MS: '600000', BURST_SIZE: '1000' }));
});

afterAll(async () => {
  await site?.stop();
  await cms?.stop();
});

describe('old addresses', () => {
  const timings: Record<string, number> = {};
  let areaId = '';
  let otherId = '';

  it('makes a new area its address from its title, in each language, and refuses one over 80 characters', async () => {
    const created = await adminRequest<{ documentId: string; slug: string }>(cms.url, jwt, `${AREAS}?locale=sv`, {
      method: 'POST',
      json: { title: 'Hållbar mobilitet', summary: 'Resor utan utsläpp.', order: 20 },
    });
    areaId = created.documentId;
    expect(created.slug).toBe('hallbar-mobilitet');
    const english = await save(areaId, 'en', { title: 'Sustainable mobility', summary: 'Travel without emissions.' });
    expect(english.slug).toBe('sustainable-mobility');

    const long = await fetch(`${cms.url}${AREAS}/${areaId}?locale=sv`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: `${'lang-'.repeat(20)}adress` }),
    });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { message: string } }).error.message).toContain('högst 80 tecken');

    // A long title makes an address cut at a word, within 80 characters.
    const longTitle = await adminRequest<{ documentId: string; slug: string }>(cms.url, jwt, `${AREAS}?locale=sv`, {
      method: 'POST',
      json: {
        title: 'Ett prioriterat område med ett mycket långt namn som fortsätter långt efter vad någon vill skriva i en adress till en sida',
        order: 21,
      },
    });
    expect(longTitle.slug).toBe('ett-prioriterat-omrade-med-ett-mycket-langt-namn-som-fortsatter-langt-efter-vad');
    expect(longTitle.slug.length).toBeLessThanOrEqual(80);
    await adminRequest(cms.url, jwt, `${AREAS}/${longTitle.documentId}?locale=sv`, { method: 'DELETE' });

    await act(areaId, 'sv', 'publish');
    await act(areaId, 'en', 'publish');
    await live('the new area', [
      [SV('hallbar-mobilitet'), shows('Resor utan utsläpp.')],
      [EN('sustainable-mobility'), shows('Travel without emissions.')],
    ]);
  });

  it('answers a renamed page’s old address 301 to the new one, in both languages, at once with the publish', async () => {
    await save(areaId, 'sv', { slug: 'hallbar-mobilitet-i-regionen' });
    let since = Date.now();
    await act(areaId, 'sv', 'publish');
    timings.sv = await live(
      'the Swedish rename',
      [
        [SV('hallbar-mobilitet'), moved(SV('hallbar-mobilitet-i-regionen'))],
        [SV('hallbar-mobilitet-i-regionen'), shows('Resor utan utsläpp.')],
      ],
      since,
    );
    await save(areaId, 'en', { slug: 'sustainable-mobility-in-the-region' });
    since = Date.now();
    await act(areaId, 'en', 'publish');
    timings.en = await live(
      'the English rename',
      [
        [EN('sustainable-mobility'), moved(EN('sustainable-mobility-in-the-region'))],
        [EN('sustainable-mobility-in-the-region'), shows('Travel without emissions.')],
      ],
      since,
    );
    // Within the usual publish time (the site README: 0.3–1.5 s), with margin for a loaded machine.
    expect(timings.sv).toBeLessThan(10_000);
    expect(timings.en).toBeLessThan(10_000);

    const old = await answer(SV('hallbar-mobilitet'));
    // Cached as pages are: revalidated at every use (a new page may take the address).
    expect(old.cacheControl).toBe('public, max-age=0, must-revalidate');
    expect(old.text).toContain('Sidan har flyttat');
    expect(old.text).toContain(`href="${SV('hallbar-mobilitet-i-regionen')}"`);
    // Without the trailing slash, with a query (kept), and as HEAD.
    expect(await answer('/prioriterade-omraden/hallbar-mobilitet')).toMatchObject({ status: 301, location: SV('hallbar-mobilitet-i-regionen') });
    expect(await answer(`${SV('hallbar-mobilitet')}?utm_source=nyhetsbrev`)).toMatchObject({
      status: 301,
      location: `${SV('hallbar-mobilitet-i-regionen')}?utm_source=nyhetsbrev`,
    });
    expect(await answer(SV('hallbar-mobilitet'), site, 'HEAD')).toMatchObject({
      status: 301,
      location: SV('hallbar-mobilitet-i-regionen'),
      text: '',
    });
    // The files they are kept in are not pages of their own.
    expect((await answer(`/_former${SV('hallbar-mobilitet')}`)).status).toBe(404);
  });

  it('collapses a chain to one hop, and lets a new page take an old address', async () => {
    await save(areaId, 'sv', { slug: 'mobilitet' });
    await act(areaId, 'sv', 'publish');
    await live('the second rename', [
      [SV('hallbar-mobilitet'), moved(SV('mobilitet'))],
      [SV('hallbar-mobilitet-i-regionen'), moved(SV('mobilitet'))],
      [SV('mobilitet'), shows('Resor utan utsläpp.')],
    ]);

    const other = await adminRequest<{ documentId: string }>(cms.url, jwt, `${AREAS}?locale=sv`, {
      method: 'POST',
      json: { title: 'Hållbar mobilitet för alla', slug: 'hallbar-mobilitet', summary: 'Ett nytt område på en gammal adress.', order: 22 },
    });
    otherId = other.documentId;
    await act(otherId, 'sv', 'publish');
    await live('the new page at the old address', [
      [SV('hallbar-mobilitet'), shows('Ett nytt område på en gammal adress.')],
      [SV('hallbar-mobilitet-i-regionen'), moved(SV('mobilitet'))],
    ]);
  });

  it('answers 410 with what the page was once it is unpublished or deleted, and 404 for an address never used', async () => {
    await act(areaId, 'sv', 'unpublish');
    await live('the unpublish', [
      [SV('mobilitet'), removed('Hållbar mobilitet')],
      [SV('hallbar-mobilitet-i-regionen'), removed('Hållbar mobilitet')],
      // The English page is still published: its old address still leads there.
      [EN('sustainable-mobility'), moved(EN('sustainable-mobility-in-the-region'))],
    ]);
    const gone = await answer(SV('mobilitet'));
    expect(gone.text).toContain('<html lang="sv"');
    expect(gone.text).toContain('Sidan har tagits bort');
    expect(gone.text).toContain('Sidan ”Hållbar mobilitet” finns inte längre på webbplatsen.');
    expect(gone.text).toMatch(/<form[^>]*role="search"[^>]*action="\/sok"/);
    expect(gone.text).toContain('<a href="/">Gå till startsidan</a>');
    expect(gone.cacheControl).toBe('public, max-age=0, must-revalidate');
    expect(await answer(SV('mobilitet'), site, 'HEAD')).toMatchObject({ status: 410, text: '' });

    for (const locale of ['sv', 'en']) await adminRequest(cms.url, jwt, `${AREAS}/${areaId}?locale=${locale}`, { method: 'DELETE' });
    await live('the delete', [
      [EN('sustainable-mobility-in-the-region'), removed('Sustainable mobility')],
      [EN('sustainable-mobility'), removed('Sustainable mobility')],
      [SV('mobilitet'), removed('Hållbar mobilitet')],
    ]);
    const english = await answer(EN('sustainable-mobility-in-the-region'));
    expect(english.text).toContain('<html lang="en"');
    expect(english.text).toContain('The page “Sustainable mobility” is no longer on the site.');
    expect(english.text).toMatch(/<form[^>]*role="search"[^>]*action="\/en\/search"/);

    expect((await answer(SV('har-aldrig-funnits'))).status).toBe(404);
    expect((await answer(EN('never-existed'))).status).toBe(404);
    expect((await answer(SV('hallbar-mobilitet'))).status).toBe(200);
  });

  it('lists them for editors in the admin', async () => {
    const editor = await inviteEditor(cms.url, jwt, {
      firstname: 'Rita',
      lastname: 'Redaktör',
      email: 'rita@example.org',
      password: 'Redaktor2026!',
    });
    const { data } = await adminJson<{ data: FormerAddress[] }>(cms.url, editor, '/site-addresses');
    const byPath = new Map(data.map((entry) => [entry.path, entry]));
    expect(byPath.get(SV('hallbar-mobilitet-i-regionen'))).toMatchObject({ to: null, title: 'Hållbar mobilitet', documentId: areaId, locale: 'sv' });
    expect(byPath.get(EN('sustainable-mobility'))).toMatchObject({ to: null, title: 'Sustainable mobility', locale: 'en' });
    // A page published at an old address is no old address.
    expect(byPath.has(SV('hallbar-mobilitet'))).toBe(false);
    for (const entry of data) expect(Number.isNaN(Date.parse(entry.since))).toBe(false);
    // The site reads the same with its token; nobody without one.
    const bySite = await fetch(`${cms.url}/api/site-addresses`, { headers: { authorization: `Bearer ${token}` } });
    expect(bySite.status).toBe(200);
    expect(((await bySite.json()) as { data: FormerAddress[] }).data).toEqual(data);
    expect((await fetch(`${cms.url}/api/site-addresses`)).status).toBe(403);
  });

  it('keeps them after a restart of the site server, and in a full build from nothing', async () => {
    // Renamed once more in English before the restart, so that the table has a 301 too.
    await save(otherId, 'en', { title: 'Sustainable mobility for all', slug: 'mobility-for-all', summary: 'A new area.' });
    await act(otherId, 'en', 'publish');
    await save(otherId, 'en', { slug: 'mobility-for-everyone' });
    await act(otherId, 'en', 'publish');
    const checks: [string, (got: Answer) => boolean][] = [
      [EN('mobility-for-all'), moved(EN('mobility-for-everyone'))],
      [SV('mobilitet'), removed('Hållbar mobilitet')],
      [EN('sustainable-mobility'), removed('Sustainable mobility')],
      [SV('hallbar-mobilitet'), shows('Ett nytt område på en gammal adress.')],
      [SV('har-aldrig-funnits'), (got) => got.status === 404],
    ];
    await live('before the restart', checks);

    const port = new URL(site.url).port;
    const { releasesDir } = site;
    await site.crash();
    site = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, PORT: port }, { releasesDir });
    await live('after the restart', checks);

    const fullDir = makeBuildDir();
    const full = await buildSite(fullDir, { CMS_URL: cms.url, CMS_API_TOKEN: token });
    expect(full.status, full.output).toBe(0);
    const rebuilt = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token }, { releasesDir: fullDir });
    try {
      await live('from a full build', checks, Date.now(), rebuilt);
    } finally {
      await rebuilt.stop();
    }
    console.log(`Publish to old address answering 301: sv ${timings.sv} ms, en ${timings.en} ms.`);
  });
});

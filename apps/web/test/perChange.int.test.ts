import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAtomFeed } from './support/atomFeed';
import { buildSite, liveReleaseFiles, makeBuildDir, startPublishingStack, type SiteServerProcess } from './support/site';

// Per-change publishing with real processes: a seeded CMS sends its webhooks to a site server,
// an editor's every kind of change goes live by rendering only what it touches, and the result
// is then compared, file for file, with a full build of the same content.
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;
let token: string;

const collection = (type: string) => `/content-manager/collection-types/api::${type}.${type}`;

const documentsOf = async (type: string, locale: string) =>
  (
    await adminJson<{ results: ({ documentId: string } & Record<string, unknown>)[] }>(
      cms.url,
      jwt,
      `${collection(type)}?locale=${locale}&pageSize=100`,
    )
  ).results;

const findDocument = async (type: string, locale: string, field: string, value: unknown) => {
  const found = (await documentsOf(type, locale)).find((doc) => doc[field] === value);
  if (!found) throw new Error(`No ${type} with ${field} = ${String(value)} in ${locale}`);
  return found.documentId;
};

const save = (type: string, documentId: string, locale: string, json: unknown) =>
  adminRequest(cms.url, jwt, `${collection(type)}/${documentId}?locale=${locale}`, { method: 'PUT', json });
const act = (type: string, documentId: string, locale: string, action: 'publish' | 'unpublish') =>
  adminRequest(cms.url, jwt, `${collection(type)}/${documentId}/actions/${action}?locale=${locale}`, { method: 'POST', json: {} });

const page = async (pathname: string) => {
  // Redirects not followed: an old address's 301 is what is checked.
  const response = await fetch(`${site.url}${pathname}`, { redirect: 'manual' });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
};

/** Waits until every check on the served pages holds and the server is idle; returns its status. */
const live = async (what: string, checks: [string, (answer: { status: number; text: string; location: string | null }) => boolean][]) => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answers = await Promise.all(checks.map(async ([pathname, check]) => check(await page(pathname))));
    if (answers.every(Boolean)) break;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${site.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return site.waitForBuilds(0);
};
const has = (text: string) => (answer: { status: number; text: string }) => answer.status === 200 && answer.text.includes(text);
const lacks = (text: string) => (answer: { status: number; text: string }) => answer.status === 200 && !answer.text.includes(text);
// An old address (test/formerAddresses.int.test.ts): moved (301, one hop) or removed (410).
const movedTo = (to: string) => (answer: { status: number; location: string | null }) => answer.status === 301 && answer.location === to;
const removed = (answer: { status: number }) => answer.status === 410;

const MINIMAL_PDF = (padding: number) =>
  `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${'x'.repeat(padding)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;

const upload = async (name: string, content: string, replaces?: number) => {
  const form = new FormData();
  form.append('files', new Blob([content], { type: 'application/pdf' }), name);
  const response = await fetch(`${cms.url}/upload${replaces ? `?id=${replaces}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jwt}` },
    body: form,
  });
  const body = (await response.json()) as { id: number } | { id: number }[];
  if (!response.ok) throw new Error(`Upload failed: ${JSON.stringify(body)}`);
  return Array.isArray(body) ? (body[0] as { id: number }) : body;
};

beforeAll(async () => {
  // No bursts, so that every step below is rendered on its own and not checked by a full build.
  ({ cms, jwt, token, site } = await startPublishingStack('Webbplatsen (per ändring)', { RECONCILE_INTERVAL_MS: '600000', BURST_SIZE: '1000' }));
});

afterAll(async () => {
  await site?.stop();
  await cms?.stop();
});

describe('a publish renders only what it changes', () => {
  it('takes every kind of change live by a per-change render, ending identical to a full build', async () => {
    const kinds: string[] = [];
    // The release that made a step live must come from a per-change render. (Strapi may send
    // more events for one action, entry.delete twice: the later ones change nothing.)
    const step = async (what: string, checks: Parameters<typeof live>[1]) => {
      const status = await live(what, checks);
      kinds.push(`${what}: ${status.live?.kind}`);
      return status.lastSuccess;
    };
    const plan2018 = await findDocument('plan', 'sv', 'year', 2018);

    // Create and publish a new priority area, in Swedish.
    const area = await adminRequest<{ documentId: string }>(cms.url, jwt, `${collection('priority-area')}?locale=sv`, {
      method: 'POST',
      json: {
        title: 'Digital infrastruktur',
        slug: 'digital-infrastruktur',
        summary: 'Bredband i hela regionen.',
        order: 9,
        plan: { connect: [{ documentId: plan2018, locale: 'sv' }] },
      },
    });
    await act('priority-area', area.documentId, 'sv', 'publish');
    const created = await step('create', [
      ['/prioriterade-omraden/digital-infrastruktur/', has('Bredband i hela regionen.')],
      ['/verksamhetsplaner/2018/', has('Digital infrastruktur')],
      ['/', has('Digital infrastruktur')],
    ]);
    // Only what the new area touches: its page, the lists that show it, the sitemap's part that
    // lists it (not the index, nor the other parts); not every page.
    expect(created?.renderedPages).toEqual(
      expect.arrayContaining(['/', '/prioriterade-omraden/digital-infrastruktur/', '/sitemap-priority-area-1.xml', '/verksamhetsplaner/2018/']),
    );
    expect(created?.renderedPages).not.toContain('/sitemap.xml');
    expect(created?.renderedPages).not.toContain('/sitemap-plan-1.xml');
    expect(created?.renderedPages).not.toContain('/inriktningsmal/');
    expect(created?.renderedPages).not.toContain('/en/');
    expect(created?.renderedCount).toBeLessThan(10);

    // Its English version: the Swedish page gains the hreflang link.
    await save('priority-area', area.documentId, 'en', {
      title: 'Digital infrastructure',
      slug: 'digital-infrastructure',
      summary: 'Broadband across the region.',
      plan: { connect: [{ documentId: plan2018, locale: 'en' }] },
    });
    await act('priority-area', area.documentId, 'en', 'publish');
    await step('English version', [
      ['/en/priority-areas/digital-infrastructure/', has('Broadband across the region.')],
      ['/prioriterade-omraden/digital-infrastruktur/', has('hreflang="en" href="http://localhost:4321/en/priority-areas/digital-infrastructure/"')],
    ]);

    // A change in one language only.
    const report = await findDocument('report', 'en', 'year', 2017);
    await save('report', report, 'en', { summary: 'Summary edited in English only.' });
    await act('report', report, 'en', 'publish');
    const localeOnly = await step('English only', [['/en/reports/2017/', has('Summary edited in English only.')]]);
    // The Swedish pages that list reports are not touched (the Swedish report page is: it reads
    // its English version for the language switcher).
    expect(localeOnly?.renderedPages).not.toContain('/');
    expect(localeOnly?.renderedPages).not.toContain('/verksamhetsberattelser/');
    // No address moved: no part of the sitemap is rendered.
    expect(localeOnly?.renderedPages?.filter((path) => path.startsWith('/sitemap'))).toEqual([]);

    // A new slug: the old address leads to the new one, which has the page.
    await save('priority-area', area.documentId, 'sv', { slug: 'digital-infrastruktur-och-bredband' });
    await act('priority-area', area.documentId, 'sv', 'publish');
    await step('slug', [
      ['/prioriterade-omraden/digital-infrastruktur/', movedTo('/prioriterade-omraden/digital-infrastruktur-och-bredband/')],
      ['/prioriterade-omraden/digital-infrastruktur-och-bredband/', has('Bredband i hela regionen.')],
      ['/en/priority-areas/digital-infrastructure/', has('/prioriterade-omraden/digital-infrastruktur-och-bredband/')],
      ['/sitemap-priority-area-1.xml', has('<loc>http://localhost:4321/prioriterade-omraden/digital-infrastruktur-och-bredband/</loc>')],
    ]);

    // A new year for a report: the same.
    await save('report', report, 'sv', { year: 2016 });
    await act('report', report, 'sv', 'publish');
    await step('year', [
      ['/verksamhetsberattelser/2017/', movedTo('/verksamhetsberattelser/2016/')],
      ['/verksamhetsberattelser/2016/', has('Verksamhetsberättelse')],
      ['/verksamhetsberattelser/', has('/verksamhetsberattelser/2016/')],
    ]);

    // A relation: the 2019 plan is published, and an area moves to it.
    const plan2019 = await findDocument('plan', 'sv', 'year', 2019);
    await act('plan', plan2019, 'sv', 'publish');
    await step('new plan', [
      ['/verksamhetsplaner/2019/', has('Verksamhetsplan 2019 (utkast)')],
      ['/', has('Verksamhetsplan 2019 (utkast)')],
    ]);
    const berlin = await findDocument('priority-area', 'sv', 'slug', 'studieresa-till-berlin');
    await save('priority-area', berlin, 'sv', { plan: { connect: [{ documentId: plan2019, locale: 'sv' }] } });
    await act('priority-area', berlin, 'sv', 'publish');
    await step('relation', [
      ['/verksamhetsplaner/2019/', has('Studieresa till Berlin')],
      ['/verksamhetsplaner/2018/', lacks('Studieresa till Berlin')],
      ['/prioriterade-omraden/studieresa-till-berlin/', has('/verksamhetsplaner/2019/')],
    ]);

    // Unpublishing.
    const skills = await findDocument('priority-area', 'sv', 'slug', 'strategisk-kompetensforsorjning');
    await act('priority-area', skills, 'sv', 'unpublish');
    await step('unpublish', [
      ['/prioriterade-omraden/strategisk-kompetensforsorjning/', removed],
      ['/verksamhetsplaner/2018/', lacks('Strategisk kompetensförsörjning')],
      ['/en/priority-areas/strategic-skills-supply/', lacks('<link rel="alternate" hreflang="sv"')],
    ]);

    // Deleting (Strapi sends entry.delete twice; the second changes nothing).
    const goals = await documentsOf('goal', 'sv');
    const goal = goals.at(-1) as { documentId: string; title: string };
    for (const locale of ['sv', 'en']) {
      await adminRequest(cms.url, jwt, `${collection('goal')}/${goal.documentId}?locale=${locale}`, { method: 'DELETE' });
    }
    await step('delete', [['/inriktningsmal/', lacks(goal.title)]]);

    // An uploaded file: attached to a plan, then replaced by a larger one.
    const file = await upload('verksamhetsplan-2018.pdf', MINIMAL_PDF(100));
    await save('plan', plan2018, 'sv', { document: file.id });
    await act('plan', plan2018, 'sv', 'publish');
    await step('attach file', [['/verksamhetsplaner/2018/', has('(PDF, 1 kB)')]]);
    await upload('verksamhetsplan-2018.pdf', MINIMAL_PDF(5000), file.id);
    await step('replace file', [['/verksamhetsplaner/2018/', has('(PDF, 5 kB)')]]);
    // The English plan offers the same (Swedish) file: its link says so, for readers and screen
    // readers (WCAG 3.1.2).
    await save('plan', plan2018, 'en', { document: file.id });
    await act('plan', plan2018, 'en', 'publish');
    await step('same file in English', [
      ['/en/plans/2018/', has('hreflang="sv">Operational plan 2018 (PDF, 5 kB, in Swedish)</a>')],
      ['/verksamhetsplaner/2018/', has('(PDF, 5 kB)</a>')],
      ['/verksamhetsplaner/2018/', lacks('på svenska')],
    ]);

    // A new report: its page, the list, the start page and the Swedish reports feed, where a
    // feed reader finds it; not the plans' feed, nor the English one.
    const newReport = await adminRequest<{ documentId: string }>(cms.url, jwt, `${collection('report')}?locale=sv`, {
      method: 'POST',
      json: { title: 'Verksamhetsberättelse 2020', year: 2020, summary: 'Ett år av distansmöten.' },
    });
    await act('report', newReport.documentId, 'sv', 'publish');
    const reported = await step('new report', [
      ['/verksamhetsberattelser/2020/', has('Ett år av distansmöten.')],
      ['/verksamhetsberattelser/atom.xml', has('<id>http://localhost:4321/verksamhetsberattelser/2020/</id>')],
    ]);
    expect(reported?.renderedPages).toEqual(
      expect.arrayContaining(['/', '/verksamhetsberattelser/', '/verksamhetsberattelser/2020/', '/verksamhetsberattelser/atom.xml']),
    );
    expect(reported?.renderedPages).not.toContain('/verksamhetsplaner/atom.xml');
    expect(reported?.renderedPages).not.toContain('/en/reports/atom.xml');
    const feed = checkAtomFeed(await (await fetch(`${site.url}/verksamhetsberattelser/atom.xml`)).text());
    expect(feed.entries[0]).toMatchObject({ title: 'Verksamhetsberättelse 2020', link: 'http://localhost:4321/verksamhetsberattelser/2020/' });

    // Contact details filled in: the start page's "Kontakt" section (the feedback form alone until
    // now) gains them, and the organisation's structured data states them.
    const organisation = '/content-manager/single-types/api::organisation.organisation';
    expect((await page('/')).text).not.toContain('mailto:');
    await adminRequest(cms.url, jwt, `${organisation}?locale=sv`, {
      method: 'PUT',
      json: {
        contact: { intro: 'Kontakta oss gärna om du har frågor om vår organisation.', email: 'kansli@malardalsradet.se', phone: null, address: null },
      },
    });
    await adminRequest(cms.url, jwt, `${organisation}/actions/publish?locale=sv`, { method: 'POST', json: {} });
    await step('contact details', [
      ['/', has('<h2 id="contact-heading">Kontakt</h2>')],
      ['/', has('<a href="mailto:kansli@malardalsradet.se">kansli@malardalsradet.se</a>')],
      ['/', has('"email":"kansli@malardalsradet.se"')],
      ['/en/', lacks('mailto:')],
    ]);

    expect(kinds.filter((kind) => !kind.endsWith(': change'))).toEqual([]);

    // The source of truth: a full build of the same content, in a folder of its own.
    const fullDir = makeBuildDir();
    try {
      const full = await buildSite(fullDir, { CMS_URL: cms.url, CMS_API_TOKEN: token });
      expect(full.status, full.output).toBe(0);
      const perChange = liveReleaseFiles(site.releasesDir);
      const rebuilt = liveReleaseFiles(fullDir);
      expect([...perChange.keys()].sort()).toEqual([...rebuilt.keys()].sort());
      const differing = [...rebuilt].filter(([file, body]) => !perChange.get(file)?.equals(body)).map(([file]) => file);
      expect(differing).toEqual([]);
    } finally {
      rmSync(fullDir, { recursive: true, force: true });
    }
  });

  it('makes no release for a draft save, an unchanged re-publish or a replayed webhook', async () => {
    await site.waitForBuilds(0);
    const before = await site.status();
    const goal = (await documentsOf('goal', 'sv'))[0] as { documentId: string; title: string };

    // A draft save: the public site cannot change.
    await save('goal', goal.documentId, 'sv', { title: `${goal.title} (utkast, inte publicerat)` });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await site.waitForBuilds(0);
    expect((await site.status()).live?.id).toBe(before.live?.id);
    expect(await (await fetch(`${site.url}/inriktningsmal/`)).text()).not.toContain('(utkast, inte publicerat)');

    // Back to the published text, then Publicera three times: nothing public changes.
    await save('goal', goal.documentId, 'sv', { title: goal.title });
    for (let round = 0; round < 3; round++) {
      const builds = (await site.status()).buildsSinceStart;
      await act('goal', goal.documentId, 'sv', 'publish');
      const after = await site.waitForBuilds(builds + 1, 20_000);
      expect(after.lastBuild?.result).toBe('unchanged');
    }
    // A replayed webhook naming the same document.
    const builds = (await site.status()).buildsSinceStart;
    const body = JSON.stringify({ event: 'entry.publish', model: 'goal', entry: { documentId: goal.documentId, locale: 'sv' } });
    expect(await site.sendEvent('entry.publish', { body })).toBe(202);
    expect((await site.waitForBuilds(builds + 1)).lastBuild?.result).toBe('unchanged');
    expect((await site.status()).live?.id).toBe(before.live?.id);
  });
});

import { LOCALES, type Locale } from '@malardalsradet/site-contract';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '@malardalsradet/test-support/browser';
import { checkAtomFeed } from './support/atomFeed';

// The feeds, the pages' "last updated" dates, the organisation's structured data and the start
// page's sections, checked on the site the end-to-end setup built from a seeded CMS, against
// what the CMS itself says (its GraphQL API, read with the site's own token).
const SITE = 'https://www.example.org';

const FEEDS = [
  {
    path: '/verksamhetsberattelser/atom.xml',
    lang: 'sv',
    list: '/verksamhetsberattelser/',
    home: '/',
    type: 'reports',
    title: 'Verksamhetsberättelser – Mälardalsrådet',
  },
  {
    path: '/verksamhetsplaner/atom.xml',
    lang: 'sv',
    list: '/verksamhetsplaner/',
    home: '/',
    type: 'plans',
    title: 'Verksamhetsplaner – Mälardalsrådet',
  },
  { path: '/en/reports/atom.xml', lang: 'en', list: '/en/reports/', home: '/en/', type: 'reports', title: 'Annual reports – Mälardalsrådet' },
  { path: '/en/plans/atom.xml', lang: 'en', list: '/en/plans/', home: '/en/', type: 'plans', title: 'Operational plans – Mälardalsrådet' },
] as const;

interface Dated {
  updatedAt: string;
}
interface CmsContent {
  organisation: Dated;
  accessibilityStatement: Dated;
  goals: Dated[];
  plans: (Dated & { year: number; documentId: string })[];
  reports: (Dated & { year: number })[];
  priorityAreas: (Dated & { slug: string; plan: { documentId: string } | null })[];
}

const DATES_QUERY = (locale: string) => `{
  organisation(locale: "${locale}") { updatedAt }
  accessibilityStatement(locale: "${locale}") { updatedAt }
  goals(locale: "${locale}", pagination: { limit: 100 }) { updatedAt }
  plans(locale: "${locale}", pagination: { limit: 100 }) { documentId year updatedAt }
  reports(locale: "${locale}", pagination: { limit: 100 }) { year updatedAt }
  priorityAreas(locale: "${locale}", pagination: { limit: 100 }) { slug updatedAt plan { documentId } }
}`;

// Written here from the CMS's timestamps, independently of the site's own code (src/lib/dates.ts):
// the calendar date in Sweden, and that date as a reader reads it.
const swedishDate = (timestamp: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(timestamp));
const readableDate = (lang: Locale, timestamp: string) =>
  new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(new Date(timestamp));
const newest = (items: Dated[]) =>
  items
    .map((item) => item.updatedAt)
    .sort()
    .at(-1)!;

describe('feeds, dates and structured data', () => {
  let siteUrl: string;
  let browser: Browser;
  // Filled for every language of the contract before the tests run.
  const cms = new Map<Locale, CmsContent>();
  const cmsContent = (locale: Locale): CmsContent => {
    const content = cms.get(locale);
    if (!content) throw new Error(`No content was read from the CMS in ${locale}.`);
    return content;
  };

  beforeAll(async () => {
    const { siteUrl: url, cmsUrl, readToken } = inject('site');
    siteUrl = url;
    for (const locale of LOCALES) {
      const response = await fetch(`${cmsUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${readToken}` },
        body: JSON.stringify({ query: DATES_QUERY(locale) }),
      });
      const body = (await response.json()) as { data?: CmsContent; errors?: unknown };
      if (!body.data) throw new Error(`The CMS did not answer the dates query: ${JSON.stringify(body.errors)}`);
      cms.set(locale, body.data);
    }
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const get = async (path: string) => {
    const response = await fetch(`${siteUrl}${path}`);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it.each(FEEDS)('$path: Atom that a parser and a feed reader accept, with absolute links that resolve', async (feed) => {
    const answer = await get(feed.path);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/atom+xml; charset=utf-8');
    const checked = checkAtomFeed(answer.text);
    expect(checked).toMatchObject({
      lang: feed.lang,
      id: `${SITE}${feed.path}`,
      title: feed.title,
      selfLink: `${SITE}${feed.path}`,
      alternateLink: `${SITE}${feed.list}`,
    });

    const documents = cmsContent(feed.lang)[feed.type];
    const base = feed.list.replace(/\/$/, '');
    // Every published document, newest year first; nothing else (the 2019 plan is a draft).
    expect(checked.entries.map((entry) => entry.link)).toEqual(
      [...documents].sort((a, b) => b.year - a.year).map((doc) => `${SITE}${base}/${doc.year}/`),
    );
    for (const entry of checked.entries) {
      expect(entry.id).toBe(entry.link);
      const doc = documents.find((candidate) => entry.link.endsWith(`/${candidate.year}/`));
      // Kept to the day in Sweden, as the page says it (src/data/contentSnapshot.ts).
      expect(entry.updated.slice(0, 10)).toBe(swedishDate(doc?.updatedAt ?? ''));
      expect((await get(entry.link.slice(SITE.length))).status).toBe(200);
    }
    expect(checked.updated.slice(0, 10)).toBe(swedishDate(newest(documents)));
    expect(checked.reader.items.map((item) => item.url)).toEqual(checked.entries.map((entry) => entry.link));
    expect(checked.reader.title).toBe(feed.title);
  });

  it.each(FEEDS)('$path: announced on its list page and the start page', async (feed) => {
    for (const path of [feed.list, feed.home]) {
      const page = await browser.newPage();
      try {
        expect((await page.goto(`${siteUrl}${path}`))?.status()).toBe(200);
        const announced = await page.$$eval('head link[rel="alternate"][type="application/atom+xml"]', (links) =>
          links.map((link) => ({ title: link.getAttribute('title'), href: link.getAttribute('href') })),
        );
        expect(announced, path).toContainEqual({ title: feed.title, href: `${SITE}${feed.path}` });
      } finally {
        await page.close();
      }
    }
  });

  const datedPages = (lang: Locale) => {
    const content = cmsContent(lang);
    const year = <Doc extends Dated & { year: number }>(docs: Doc[], wanted: number) => docs.find((doc) => doc.year === wanted)!;
    const byYear = <Doc extends { year: number }>(docs: Doc[]) => [...docs].sort((a, b) => b.year - a.year);
    const areasOf = (plan: { documentId: string } | undefined) => content.priorityAreas.filter((area) => area.plan?.documentId === plan?.documentId);
    const planOf = (area: CmsContent['priorityAreas'][number]) => content.plans.filter((plan) => plan.documentId === area.plan?.documentId);
    // The start page shows the organisation, the goals, the current plan with its areas and the newest report.
    const currentPlan = byYear(content.plans)[0];
    const home = [
      content.organisation,
      ...content.goals,
      ...(currentPlan ? [currentPlan] : []),
      ...areasOf(currentPlan),
      ...byYear(content.reports).slice(0, 1),
    ];
    const paths =
      lang === 'sv'
        ? {
            home: '/',
            goals: '/inriktningsmal/',
            plan: '/verksamhetsplaner/2018/',
            report: '/verksamhetsberattelser/2017/',
            areas: '/prioriterade-omraden/',
            accessibility: '/tillganglighet/',
          }
        : {
            home: '/en/',
            goals: '/en/goals/',
            plan: '/en/plans/2018/',
            report: '/en/reports/2017/',
            areas: '/en/priority-areas/',
            accessibility: '/en/accessibility/',
          };
    return [
      // Every page's date is the newest of what it shows (issue 24), not only its own document's.
      [paths.home, newest(home)],
      // The goals have no pages of their own: their page shows the newest of them.
      [paths.goals, newest(content.goals)],
      [paths.plan, newest([year(content.plans, 2018), ...areasOf(year(content.plans, 2018))])],
      [paths.report, year(content.reports, 2017).updatedAt],
      [paths.accessibility, content.accessibilityStatement.updatedAt],
      ...content.priorityAreas.map((area) => [`${paths.areas}${encodeURIComponent(area.slug)}/`, newest([area, ...planOf(area)])]),
    ] as [string, string][];
  };

  it.each(LOCALES)('every %s content page says when it was last updated, as the CMS has it', async (lang) => {
    const label = lang === 'sv' ? 'Senast uppdaterad' : 'Last updated';
    for (const [path, updatedAt] of datedPages(lang)) {
      const { status, text } = await get(path);
      expect(status, path).toBe(200);
      const dates = [...text.matchAll(/<p class="meta">([^<]*)<time datetime="([^"]+)">([^<]+)<\/time><\/p>/g)];
      expect(
        dates.map((match) => [match[1], match[2], match[3]]),
        path,
      ).toEqual([[`${label} `, swedishDate(updatedAt), readableDate(lang, updatedAt)]]);
    }
    // The lists of plans and reports have none: each document's own page has its date.
    for (const path of lang === 'sv' ? ['/verksamhetsplaner/', '/verksamhetsberattelser/'] : ['/en/plans/', '/en/reports/']) {
      expect((await get(path)).text, path).not.toContain('<time');
    }
  });

  it.each(['/', '/en/'])('%s: the organisation as schema.org JSON-LD, and a "Kontakt" section with the feedback form only', async (path) => {
    const page = await browser.newPage();
    try {
      await page.goto(`${siteUrl}${path}`);
      const blocks = await page.$$eval('script[type="application/ld+json"]', (scripts) => scripts.map((script) => script.textContent ?? ''));
      expect(blocks).toHaveLength(1);
      const data = JSON.parse(blocks[0] ?? '') as Record<string, unknown> & { member: Record<string, unknown>[] };
      expect(data).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'Organization',
        '@id': `${SITE}/#organisation`,
        name: 'Mälardalsrådet',
        url: `${SITE}/`,
      });
      // The organisation's lead, as the page states it.
      expect(data.description).toBe(await page.innerText('main p.lead'));
      // The seeded members: the five founding regions, with their web addresses.
      expect(data.member).toHaveLength(5);
      expect(data.member.every((member) => member['@type'] === 'GovernmentOrganization' && String(member.url).startsWith('https://'))).toBe(true);
      // The seed has no contact details: nothing of them in the data, and the section offers the
      // feedback form alone (issue 15), without the invitation to use contact details.
      expect(data).not.toHaveProperty('email');
      const section = page.locator('section[aria-labelledby="contact-heading"]');
      expect(await section.locator('dl').count()).toBe(0);
      expect(await section.getByRole('link').getAttribute('href')).toBe(path === '/' ? '/synpunkter?sida=%2F' : '/en/feedback?page=%2Fen%2F');
      expect(await page.innerText('main')).not.toMatch(/Kontakta oss gärna|Please get in touch/);
    } finally {
      await page.close();
    }
  });

  it('has structured data on the start page only', async () => {
    for (const path of ['/verksamhetsplaner/', '/en/reports/2017/', '/tillganglighet/']) {
      expect((await get(path)).text, path).not.toContain('application/ld+json');
    }
  });
});

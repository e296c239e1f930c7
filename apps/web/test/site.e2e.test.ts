import AxeBuilder from '@axe-core/playwright';
import type { Locale } from '@malardalsradet/site-contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '@malardalsradet/test-support/browser';
import { htmlErrors } from './support/htmlValidity';

const SITE = 'https://www.example.org';

interface PageCase {
  path: string;
  lang: Locale;
  /** The same page in the other language, where the language switcher must lead. */
  counterpart: string;
  /** hreflang alternates the page must declare (its own language included). */
  alternates: Record<string, string>;
  /** Seed text the page must carry. */
  texts: string[];
}

const AREAS = [
  {
    sv: [
      'infrastruktur-och-transporter-en-battre-sits-storregionala-systemanalys',
      'Infrastruktur och transporter – En Bättre Sits storregionala systemanalys',
      'arbeta för att Stockholm-Mälarregionens prioriteringar för transportinfrastrukturen ska få genomslag i den nationella åtgärdsplaneringen samt påbörja nästa planperiod med en ny storregional godsstrategi.',
    ],
    en: [
      'infrastructure-and-transport-en-battre-sits-the-regional-system-analysis',
      'Infrastructure and transport – En Bättre Sits, the regional system analysis',
    ],
  },
  {
    sv: [
      'strategisk-kompetensforsorjning',
      'Strategisk kompetensförsörjning',
      'etablera en storregional strategisk samverkan som resulterar i framtagandet av en gemensam systembild inom kompetensförsörjnings området.',
    ],
    en: ['strategic-skills-supply', 'Strategic skills supply'],
  },
  {
    sv: [
      'en-starkt-innovationsformaga-i-offentlig-sektor',
      'En stärkt innovationsförmåga i offentlig sektor',
      'sprida exempel och lärdomar kring innovation i offentlig sektor från Stockholm-Mälarregionen.',
    ],
    en: ['stronger-capacity-for-innovation-in-the-public-sector', 'Stronger capacity for innovation in the public sector'],
  },
  {
    sv: [
      'studieresa-till-berlin',
      'Studieresa till Berlin',
      'genomföra en högkvalitativ resa för en delegation med representanter från politik, akademi och näringsliv i Stockholm-Mälarregionen, breddning av lärandet från resan samt etableringen av ett strategiskt samverkansnätverk över sektorsgränser.',
    ],
    en: ['study-trip-to-berlin', 'Study trip to Berlin'],
  },
] as const;

const pair = (sv: string, en: string, svTexts: string[], enTexts: string[]): PageCase[] => [
  { path: sv, lang: 'sv', counterpart: en, alternates: { sv, en }, texts: svTexts },
  { path: en, lang: 'en', counterpart: sv, alternates: { sv, en }, texts: enTexts },
];

const PAGES: PageCase[] = [
  ...pair(
    '/',
    '/en/',
    [
      'Våra medlemmar är kommuner och regioner i Stockholm-Mälarregionen. Vår roll är att vara en storregional aktör för frågor inom regional utveckling och mötesplatsen för politik, akademi och näringsliv.',
      'Mälardalsrådets uppgift är att vara forum för samverkan i strategiska frågor och främja utvecklingen av Stockholm-Mälarregionen.',
      'Den starkaste trenden som påverkar Stockholm-Mälarregionens utveckling är den ökande befolkningen',
      'Mälardalsrådets inriktningsmål',
      'En sammanhållen region',
      'En stark kunskapsregion',
      'Prioriterade områden 2018',
      ...AREAS.map((area) => area.sv[1]),
      'Verksamhetsberättelse 2017',
      'Verksamhetsplan 2018',
    ],
    [
      'Our members are the municipalities and regions of the Stockholm-Mälaren region.',
      'A cohesive region',
      'Priority areas 2018',
      'Annual report 2017',
      'Operational plan 2018',
    ],
  ),
  ...pair(
    '/inriktningsmal/',
    '/en/goals/',
    ['En sammanhållen region', 'En stark kunskapsregion'],
    ['A cohesive region', 'A strong knowledge region'],
  ),
  ...pair('/verksamhetsplaner/', '/en/plans/', ['Verksamhetsplan 2018'], ['Operational plan 2018']),
  ...pair(
    '/verksamhetsplaner/2018/',
    '/en/plans/2018/',
    ['Verksamhetsplan 2018', 'De prioriterade områdena för 2018 är följande:', ...AREAS.flatMap((area) => [area.sv[1], area.sv[2]])],
    ['Operational plan 2018', 'The priority areas for 2018 are the following:', ...AREAS.map((area) => area.en[1])],
  ),
  ...pair('/verksamhetsberattelser/', '/en/reports/', ['Verksamhetsberättelse 2017'], ['Annual report 2017']),
  ...pair('/verksamhetsberattelser/2017/', '/en/reports/2017/', ['Verksamhetsberättelse 2017', 'En Bättre Sits'], ['Annual report 2017']),
  ...AREAS.flatMap((area) =>
    pair(
      `/prioriterade-omraden/${area.sv[0]}/`,
      `/en/priority-areas/${area.en[0]}/`,
      [area.sv[1], area.sv[2], 'Verksamhetsplan 2018'],
      [area.en[1], 'Operational plan 2018'],
    ),
  ),
  ...pair(
    '/tillganglighet/',
    '/en/accessibility/',
    [
      'Tillgänglighet för malardalsradet.se',
      'Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service',
      'Kända brister',
      'Anmäl bristande tillgänglighet till Digg',
    ],
    ['Accessibility of malardalsradet.se', 'partially compliant', 'Known shortcomings', 'Report inaccessibility to Digg'],
  ),
];

// The unpublished 2019 plan's words must appear nowhere on the public site.
const DRAFT_TEXTS = ['Verksamhetsplan 2019', 'Operational plan 2019', 'utkast', 'Ej beslutat'];

describe('the public site', () => {
  let browser: Browser;
  let siteUrl: string;

  beforeAll(async () => {
    siteUrl = inject('site').siteUrl;
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** Opens a page in a fresh context, recording every request it makes. */
  const open = async (path: string, viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const response = await page.goto(`${siteUrl}${path}`);
    return { context, page, response, requests, consoleErrors };
  };

  const hreflangs = (page: Page) =>
    page.$$eval('link[rel="alternate"][hreflang]', (links) =>
      Object.fromEntries(links.map((link) => [String(link.getAttribute('hreflang')), link.getAttribute('href')] as const)),
    );

  it.each(PAGES)('$path: content, language, alternates, no JS, no cookies, nothing third-party', async (pageCase) => {
    const { context, page, response, requests, consoleErrors } = await open(pageCase.path);
    try {
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(pageCase.lang);

      const text = await page.innerText('body');
      for (const expected of pageCase.texts) expect(text).toContain(expected);
      for (const draft of DRAFT_TEXTS) expect(text).not.toContain(draft);

      const { 'x-default': xDefault, ...alternates } = await hreflangs(page);
      expect(alternates).toEqual(Object.fromEntries(Object.entries(pageCase.alternates).map(([lang, path]) => [lang, `${SITE}${path}`])));
      expect(xDefault).toBe(`${SITE}${pageCase.alternates.sv}`);
      expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(`${SITE}${pageCase.path}`);
      expect(await page.getAttribute('meta[name="description"]', 'content')).toMatch(/\S.{19,}/);
      expect(await page.getAttribute('meta[property="og:title"]', 'content')).toMatch(/\S/);
      expect(await page.getAttribute('meta[property="og:description"]', 'content')).toMatch(/\S.{19,}/);
      expect(await page.getAttribute('meta[property="og:locale"]', 'content')).toBe(pageCase.lang === 'sv' ? 'sv_SE' : 'en_GB');
      expect(await page.getAttribute('meta[property="og:url"]', 'content')).toBe(`${SITE}${pageCase.path}`);

      const switcher = page.locator('a.language-switcher');
      expect(await switcher.getAttribute('href')).toBe(pageCase.counterpart);
      expect(await switcher.getAttribute('lang')).toBe(pageCase.lang === 'sv' ? 'en' : 'sv');

      // No JavaScript. JSON-LD (the start page's structured data) is a data block that browsers
      // never run, so it is not counted; nothing on the page may trip the CSP either.
      expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
      expect(consoleErrors).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(siteUrl))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(PAGES)('$path: no WCAG 2.1 A/AA violations (axe-core)', async ({ path }) => {
    const { context, page } = await open(path);
    try {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(PAGES)('$path: the first Tab reaches the skip link, which leads to the main content', async ({ path }) => {
    const { context, page } = await open(path);
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        className: document.activeElement?.className,
        href: document.activeElement?.getAttribute('href'),
      }));
      expect(focused).toEqual({ className: 'skip-link', href: '#main' });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    } finally {
      await context.close();
    }
  });

  // A heading over nothing (the start page's "Kontakt" over an invitation without any contact
  // details, a text the editor left empty) is not shown: every section heading has content.
  it.each(PAGES)('$path: no section heading without content', async ({ path }) => {
    const { context, page } = await open(path);
    try {
      const empty = await page.$$eval('main h2', (headings) =>
        headings
          .filter((heading) => {
            // A heading that is a link (a report in the list of reports) leads to its content.
            if (heading.querySelector('a')) return false;
            const next = heading.nextElementSibling;
            return !next || /^H[12]$/.test(next.tagName) || !next.textContent?.trim();
          })
          .map((heading) => heading.textContent),
      );
      expect(empty).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // 400 % zoom of a 1280 px window is a 320 px viewport: content must reflow, not scroll sideways (WCAG 1.4.10).
  it.each(PAGES)('$path: reflows at 320 CSS pixels (400 % zoom)', async ({ path }) => {
    const { context, page } = await open(path, { width: 320, height: 256 });
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it('passes the Nu Html Checker on every page, the not-found page included', async () => {
    const pages: Record<string, string> = {};
    for (const path of [...PAGES.map((pageCase) => pageCase.path), '/finns-inte/']) pages[path] = await (await fetch(`${siteUrl}${path}`)).text();
    expect(htmlErrors(pages)).toEqual([]);
  });

  it('answers 404 with a page in both languages for unknown paths and for the draft plan', async () => {
    for (const path of ['/finns-inte/', '/verksamhetsplaner/2019/', '/en/plans/2019/']) {
      const { context, page, response } = await open(path);
      try {
        expect(response?.status(), path).toBe(404);
        const text = await page.innerText('body');
        expect(text).toContain('Sidan finns inte');
        expect(text).toContain('Page not found');
        expect(await page.getAttribute('div[lang="en"]', 'lang')).toBe('en');
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(results.violations.map((violation) => violation.id)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('sends security headers, revalidation for pages, and HSTS only behind TLS', async () => {
    const plain = await fetch(`${siteUrl}/`);
    const csp = plain.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plain.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const overTls = await fetch(`${siteUrl}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(overTls.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    const missing = await fetch(`${siteUrl}/finns-inte/`);
    expect(missing.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('publishes sitemap.xml, an index of parts with every page and its alternates, and robots.txt pointing to it', async () => {
    const index = await (await fetch(`${siteUrl}/sitemap.xml`)).text();
    expect(index).toContain('<sitemapindex');
    const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc = '']) => new URL(loc).pathname);
    expect(parts).toEqual(['/sitemap-pages.xml', '/sitemap-plan-1.xml', '/sitemap-report-1.xml', '/sitemap-priority-area-1.xml']);
    const sitemap = (await Promise.all(parts.map(async (part) => (await fetch(`${siteUrl}${part}`)).text()))).join('\n');
    for (const { path } of PAGES) expect(sitemap).toContain(`<loc>${SITE}${path}</loc>`);
    expect(sitemap).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${SITE}/en/plans/2018/"/>`);
    expect(sitemap).not.toContain('2019');
    const robots = await (await fetch(`${siteUrl}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  });
});

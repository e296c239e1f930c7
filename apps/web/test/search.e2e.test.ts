import http from 'node:http';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '@malardalsradet/test-support/browser';
import { htmlErrors } from './support/htmlValidity';

// Search as readers use it: the header's GET form, answered by the site server on demand, with
// JavaScript off; over the seeded site that the e2e setup serves.

let siteUrl: string;
let browser: Browser;

/**
 * A search as one reader: each test has its own client address (the site server believes
 * X-Forwarded-For from loopback, its default TRUSTED_PROXIES), so that the rate limit of one
 * test does not spill into another.
 */
const search = async (path: string, client = '203.0.113.10') => {
  const response = await fetch(`${siteUrl}${path}`, { headers: { 'x-forwarded-for': client } });
  return { status: response.status, headers: response.headers, html: await response.text() };
};

const q = (query: string) => encodeURIComponent(query);
const headingOf = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.trim();

beforeAll(async () => {
  siteUrl = inject('site').siteUrl;
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('search', () => {
  it('finds Swedish word forms, and words typed without å, ä and ö', async () => {
    for (const query of ['kompetensförsörjningen', 'kompetensforsorjning', 'Kompetensförsörjning']) {
      const { status, html } = await search(`/sok?q=${q(query)}`);
      expect(status, query).toBe(200);
      expect(headingOf(html), query).toMatch(new RegExp(`^\\d+ träffar för ”${query}”$`));
      expect(html, query).toContain(
        '<a href="/prioriterade-omraden/strategisk-kompetensforsorjning/">Strategisk <mark>kompetensförsörjning</mark></a>',
      );
    }
  });

  it('shows each hit with its kind, its year and an excerpt with the matched words marked', async () => {
    const hitsOf = (html: string) => (/<ol class="search-results">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '').split('<li>').slice(1);
    const berlin = hitsOf((await search(`/sok?q=${q('studieresa Berlin')}`)).html);
    const area = berlin.find((item) => item.includes('studieresa-till-berlin')) ?? '';
    expect(area).toContain('<mark>Studieresa</mark> till <mark>Berlin</mark>');
    expect(area).toContain('Prioriterat område, 2018');
    const innovation = hitsOf((await search(`/sok?q=${q('innovation')}`)).html);
    expect(innovation.length).toBeGreaterThan(1);
    // The excerpt: a paragraph of the page's text around the first matched word.
    expect(innovation.some((item) => /<p>[^<]*<mark>innovation<\/mark>[^<]*<\/p>/i.test(item))).toBe(true);
  });

  it('uses English stemming on the English site', async () => {
    const { status, html } = await search(`/en/search?q=${q('innovations')}`);
    expect(status).toBe(200);
    expect(headingOf(html)).toMatch(/^\d+ results for “innovations”$/);
    expect(html).toContain('/en/priority-areas/stronger-capacity-for-innovation-in-the-public-sector/');
    expect(html).toContain('<mark>innovation</mark>');
    expect(html).toContain('<html lang="en"');
  });

  it('gives help, not an empty page, when nothing is found, and never shows drafts', async () => {
    for (const query of ['xyzzyplugh', 'Verksamhetsplan 2019', 'Ej beslutat']) {
      const { status, html } = await search(`/sok?q=${q(query)}`);
      expect(status).toBe(200);
      expect(headingOf(html)).toBe(`Inga träffar för ”${query}”`);
      expect(html).toContain('kontrollera stavningen');
      expect(html).toContain('href="/verksamhetsplaner/"');
    }
  });

  it('asks for words when the query is empty', async () => {
    for (const path of ['/sok', '/sok?q=', '/sok/?q=+++', '/en/search']) {
      const { status, html } = await search(path);
      expect(status, path).toBe(200);
      expect(html).toMatch(/Skriv ett eller flera ord|Type one or more words/);
    }
  });

  it('echoes a hostile query as text only', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const { status, html } = await search(`/sok?q=${q(hostile)}`);
    expect(status).toBe(200);
    // Read by a browser (JavaScript off), the page holds no element the query made, and shows the
    // query as the reader typed it: in the heading and in the search box.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.setContent(html);
      expect(await page.locator('script, img, iframe, object').count()).toBe(0);
      expect(await page.locator('h1').innerText()).toBe(`Inga träffar för ”${hostile}”`);
      expect(await page.locator('#site-search-query').inputValue()).toBe(hostile);
    } finally {
      await context.close();
    }
  });

  it('refuses a query longer than 100 characters with a clear message', async () => {
    const { status, html } = await search(`/sok?q=${'a'.repeat(101)}`);
    expect(status).toBe(400);
    expect(html).toContain('Sökfrågan är för lång. Skriv högst 100 tecken.');
    expect((await search(`/en/search?q=${'a'.repeat(101)}`)).html).toContain('The search is too long. Type at most 100 characters.');
  });

  it('limits the searches of one reader, behind the proxy, and not of the next', async () => {
    const reader = '198.51.100.7';
    const statuses: number[] = [];
    for (let index = 0; index < 70; index += 1) statuses.push((await search(`/sok?q=region`, reader)).status);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(60)).toContain(429);
    const refused = await search(`/sok?q=region`, reader);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.html).toContain('Du har sökt många gånger på kort tid');
    expect((await search(`/en/search?q=region`, reader)).html).toContain('You have searched many times');
    // Another reader is served.
    expect((await search(`/sok?q=region`, '198.51.100.8')).status).toBe(200);
  });

  it('cannot be reached around its limits through the preview route', async () => {
    // Sent as written (fetch would resolve the dots itself), as a client or a proxy may pass them.
    const raw = (path: string, client: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(siteUrl);
        http
          .get({ host: url.hostname, port: url.port, path, headers: { 'x-forwarded-for': client } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          })
          .on('error', reject);
      });
    const reader = '198.51.100.9';
    for (let index = 0; index < 60; index += 1) await search(`/sok?q=region`, reader);
    for (const path of ['/preview/../sok?q=region', '/preview/%2e%2e/sok?q=region', '/preview/%2E%2E/en/search?q=region']) {
      expect(await raw(path, reader), path).toBe(429);
    }
    // Nor does the preview's route render other pages: without a signed link it shows nothing.
    expect(await raw('/preview/../verksamhetsplaner/?q=1', '198.51.100.10')).not.toBe(200);
  });

  it('is never indexed or cached, keeps the site headers and has no JavaScript', async () => {
    const { headers, html } = await search(`/sok?q=region`);
    expect(headers.get('x-robots-tag')).toBe('noindex');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<meta name="robots" content="noindex"');
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  });

  it('keeps a full page of hits within 15 KB compressed, its stylesheet included', async () => {
    const { html } = await search(`/sok?q=${q('region')}`, '203.0.113.50');
    expect((/<ol class="search-results">[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '').split('<li>').length - 1).toBeGreaterThan(5);
    expect(gzipSync(html, { level: 9 }).length).toBeLessThanOrEqual(15 * 1024);
  });

  it('has the search form in the header of every page: a GET form with a visible label', async () => {
    for (const path of ['/', '/en/', '/verksamhetsplaner/2018/', '/tillganglighet/']) {
      const html = await (await fetch(`${siteUrl}${path}`)).text();
      const form = /<form[^>]*role="search"[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
      expect(form, path).toMatch(/method="get"/);
      expect(form, path).toMatch(path.startsWith('/en/') ? /action="\/en\/search"/ : /action="\/sok"/);
      expect(form, path).toMatch(/<label for="site-search-query">[^<]+<\/label>/);
      expect(form, path).toMatch(/<input id="site-search-query" type="search" name="q"/);
    }
  });

  it('works in Chromium with JavaScript off: type, submit, read the results', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.20' } });
    const page = await context.newPage();
    try {
      await page.goto(`${siteUrl}/verksamhetsplaner/`);
      await page.getByLabel('Sök på webbplatsen').fill('kompetensförsörjningen');
      await page.getByRole('button', { name: 'Sök' }).click();
      await page.waitForURL(/\/sok\?q=/);
      expect(await page.locator('h1').innerText()).toMatch(/träffar för ”kompetensförsörjningen”/);
      await page.getByRole('link', { name: 'Strategisk kompetensförsörjning' }).click();
      expect(new URL(page.url()).pathname).toBe('/prioriterade-omraden/strategisk-kompetensforsorjning/');
    } finally {
      await context.close();
    }
  });

  const SEARCH_PAGES = [
    '/sok?q=kompetensf%C3%B6rs%C3%B6rjningen',
    '/sok?q=xyzzyplugh',
    '/sok',
    `/sok?q=${'a'.repeat(101)}`,
    '/en/search?q=innovation',
    '/en/search?q=xyzzyplugh',
  ];

  it.each(SEARCH_PAGES)('%s: no WCAG 2.1 A/AA violations (axe-core)', async (path) => {
    // JavaScript on for axe itself, which runs as a script; the page has none of its own.
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.30' } });
    const page = await context.newPage();
    try {
      await page.goto(`${siteUrl}${path}`);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    } finally {
      await context.close();
    }
  });

  it('passes the Nu Html Checker on every kind of search page', async () => {
    const pages: Record<string, string> = {};
    for (const path of SEARCH_PAGES) pages[path] = (await search(path, '203.0.113.40')).html;
    expect(htmlErrors(pages)).toEqual([]);
  });
});

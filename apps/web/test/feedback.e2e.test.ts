import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { FEEDBACK_FORBIDDEN_CHARACTERS } from '@malardalsradet/site-contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '@malardalsradet/test-support/browser';
import { htmlErrors } from './support/htmlValidity';
import { makeBuildDir, startSiteServer, type SiteServerProcess } from './support/site';
import { startStubFeedbackCms } from './support/stubFeedbackCms';

// The feedback form as readers use it, with JavaScript off: from the accessibility statement to
// the thank-you page, the error pattern, the limits, and delivery to the CMS that loses nothing.
// The site server reads the seeded CMS of the e2e setup through a stub that takes the feedback
// create itself and records every delivery, so that the CMS can be "down" for feedback while the
// site keeps reading it, and every attempt can be counted (feedback.int.test.ts delivers to the
// real CMS).
const FEEDBACK_TOKEN = 'test-feedback-token-0123456789';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser: Browser;
let stub: Awaited<ReturnType<typeof startStubFeedbackCms>>;
let site: SiteServerProcess;
let outboxDir: string;
let releasesDir: string;
let clients = 0;

const siteEnv = (overrides: Record<string, string> = {}) => ({
  CMS_URL: stub.url,
  CMS_API_TOKEN: inject('site').readToken,
  CMS_FEEDBACK_TOKEN: FEEDBACK_TOKEN,
  FEEDBACK_OUTBOX_DIR: outboxDir,
  FEEDBACK_RETRY_MIN_MS: '100',
  FEEDBACK_RETRY_MAX_MS: '400',
  FEEDBACK_PER_CLIENT: '3',
  FEEDBACK_RETENTION_MONTHS: '18',
  SITE_URL: 'https://www.example.org',
  RECONCILE_INTERVAL_MS: String(60 * 60_000),
  // The tests ask for the form faster than readers do: the totals and each reader's share of a
  // second are tested on their own, below.
  FEEDBACK_TOTAL_PER_SECOND: '1000',
  FEEDBACK_POSTS_TOTAL_PER_SECOND: '1000',
  ON_DEMAND_PER_CLIENT_PER_SECOND: '1000',
  ...overrides,
});

/** The site server again, on the same releases and outbox, with other settings. */
const restartSite = async (overrides: Record<string, string> = {}) => {
  await site.stop();
  site = await startSiteServer(siteEnv(overrides), { releasesDir });
};

/** A reader of their own (X-Forwarded-For from loopback, a trusted proxy), so that one test's rate limit stays its own. */
const newReader = () => `203.0.113.${++clients}`;

const post = async (path: string, fields: Record<string, string> | string, client = newReader(), headers: Record<string, string> = {}) => {
  const response = await fetch(`${site.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client, ...headers },
    body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
};

const outboxFiles = () => readdirSync(outboxDir).filter((name) => name.endsWith('.json'));
const until = async (check: () => boolean, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${site.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const deliveredIds = () => stub.deliveries.filter((delivery) => delivery.status === 201).map((delivery) => delivery.body.data.submissionId);

beforeAll(async () => {
  stub = await startStubFeedbackCms(inject('site').cmsUrl);
  outboxDir = mkdtempSync(path.join(os.tmpdir(), 'feedback-outbox-'));
  releasesDir = makeBuildDir();
  site = await startSiteServer(siteEnv(), { releasesDir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await stub?.stop();
  rmSync(outboxDir, { recursive: true, force: true });
});

/** A page with JavaScript off, as one reader. */
const readerPage = async (javaScriptEnabled = false) => {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'x-forwarded-for': newReader() } });
  const page = await context.newPage();
  return { page, close: () => context.close() };
};

const expectAccessible = async (page: Page, name: string) => {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(
    results.violations.map((violation) => `${name}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
};

describe('the feedback form, JavaScript off', () => {
  it('is reached from the accessibility statement, sends, thanks, and the CMS gets the message once', async () => {
    const { page, close } = await readerPage();
    try {
      await page.goto(`${site.url}/tillganglighet/`);
      await page.getByRole('link', { name: 'Lämna synpunkter om webbplatsens tillgänglighet' }).click();
      expect(new URL(page.url()).pathname).toBe('/synpunkter');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Lämna synpunkter');
      // Prefilled with the page the reader came from, and editable.
      expect(await page.getByLabel('Vilken sida gäller det?').inputValue()).toBe('/tillganglighet/');
      await expect.poll(() => page.locator('script').count()).toBe(0);
      expect(await page.innerText('main')).toContain('raderas automatiskt efter 18 månader');
      expect(await page.innerText('main')).toMatch(/inte heller din IP-adress/);
      // The honeypot is neither seen nor in the accessibility tree.
      expect(await page.locator('input[name="website"]').isVisible()).toBe(false);
      expect(await page.getByRole('textbox').count()).toBe(3);

      await page.getByLabel('Vad gäller det?').fill('Jag kan inte läsa PDF:en med verksamhetsplanen.\nKan ni skicka den som text?');
      await page.getByLabel('Din e-postadress (frivilligt)').fill('lasare@example.se');
      const before = deliveredIds().length;
      await page.getByRole('button', { name: 'Skicka' }).click();
      expect(new URL(page.url()).pathname).toBe('/synpunkter/tack');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Tack för dina synpunkter');
      expect(await page.innerText('main')).toMatch(/svarar vi dig där/);
      // The definite form, as the sentence needs it (issue 24: "står i tillgänglighetsredogörelse").
      expect(await page.getByRole('link', { name: 'tillgänglighetsredogörelsen', exact: true }).getAttribute('href')).toBe('/tillganglighet/');
      expect(await page.innerText('main')).toContain('Hur det går till står i tillgänglighetsredogörelsen.');
      expect(await page.locator('script').count()).toBe(0);

      await until(() => deliveredIds().length === before + 1 && outboxFiles().length === 0, 'the delivery');
      const delivery = stub.deliveries.at(-1);
      expect(delivery?.authorization).toBe(`Bearer ${FEEDBACK_TOKEN}`);
      // The contract's fields and nothing else: no address, no browser, no time of day.
      expect(Object.keys(delivery?.body.data ?? {}).sort()).toEqual(['locale', 'message', 'page', 'replyTo', 'submissionId']);
      expect(delivery?.body.data).toMatchObject({
        message: 'Jag kan inte läsa PDF:en med verksamhetsplanen.\nKan ni skicka den som text?',
        page: '/tillganglighet/',
        replyTo: 'lasare@example.se',
        locale: 'sv',
      });
      expect(site.output()).not.toMatch(/203\.0\.113\./);
    } finally {
      await close();
    }
  });

  it('is linked from every page’s footer with that page, in both languages, and takes the Referer of the site’s own pages', async () => {
    const { page, close } = await readerPage();
    try {
      await page.goto(`${site.url}/en/goals/`);
      await page.locator('footer').getByRole('link', { name: 'Give feedback' }).click();
      expect(page.url()).toBe(`${site.url}/en/feedback?page=%2Fen%2Fgoals%2F`);
      expect(await page.getByLabel('Which page is it about?').inputValue()).toBe('/en/goals/');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.goto(`${site.url}/`);
      expect(await page.locator('#contact-heading + * a, #contact-heading ~ p a').last().getAttribute('href')).toBe('/synpunkter?sida=%2F');
    } finally {
      await close();
    }
    const fromHere = async (referer: string) => {
      const html = await (await fetch(`${site.url}/synpunkter`, { headers: { referer } })).text();
      return /id="feedback-page"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? /value="([^"]*)"[^>]*id="feedback-page"/.exec(html)?.[1] ?? '';
    };
    expect(await fromHere('https://www.example.org/inriktningsmal/')).toBe('/inriktningsmal/');
    expect(await fromHere(`${site.url}/verksamhetsplaner/`)).toBe('/verksamhetsplaner/');
    expect(await fromHere('https://elsewhere.example/inriktningsmal/')).toBe('');
    expect(await fromHere('https://www.example.org/sok/%E0%A4%A')).toBe('/sok/%E0%A4%A');
    expect(await fromHere('https://www.example.org/prioriterade-omr%C3%A5den/')).toBe('/prioriterade-områden/');
  });

  it('shows what is wrong at the top, with links to the fields, and beside each field, keeping the text', async () => {
    const { page, close } = await readerPage();
    try {
      await page.goto(`${site.url}/en/feedback?page=/en/plans/`);
      await page.getByLabel('Your email address (optional)').fill('not-an-address');
      await page.getByLabel('Which page is it about?').fill('/en/plans/2026/');
      const answer = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.getByRole('button', { name: 'Send' }).click();
      expect((await answer).status()).toBe(400);
      expect(await page.title()).toMatch(/^Error: Give feedback/);
      const summary = page.getByRole('alert');
      expect(await summary.getByRole('heading', { level: 2 }).innerText()).toBe('There is a problem');
      // Focused as the page loads, so that it is read first.
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
      const links = summary.getByRole('link');
      expect(await links.allInnerTexts()).toEqual([
        'Write what it is about',
        'Enter the email address like name@example.com, or leave the field empty',
      ]);
      expect(await links.first().getAttribute('href')).toBe('#feedback-message');
      expect(await page.getByLabel('Which page is it about?').inputValue()).toBe('/en/plans/2026/');
      expect(await page.getByLabel('Your email address (optional)').inputValue()).toBe('not-an-address');
      const email = page.locator('#feedback-replyTo');
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await email.getAttribute('aria-describedby')).toBe('feedback-replyTo-hint feedback-replyTo-error');
      expect((await page.locator('#feedback-replyTo-error').textContent())?.trim()).toBe(
        'Error: Enter the email address like name@example.com, or leave the field empty',
      );
      await links.first().click();
      expect(await page.locator('#feedback-message').evaluate((element) => element === document.activeElement)).toBe(true);
      // Corrected, it goes through.
      await page.getByLabel('What is it about?').fill('The table on this page has no headers.');
      await page.getByLabel('Your email address (optional)').fill('');
      await page.getByRole('button', { name: 'Send' }).click();
      expect(new URL(page.url()).pathname).toBe('/en/feedback/thanks');
    } finally {
      await close();
    }
  });

  it('keeps hostile text as text: delivered verbatim, and shown inert when the form comes back', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)></textarea><b>fet</b> & &amp; \u202e';
    const shown = await post('/synpunkter', { message: hostile, page: '"><svg onload=alert(3)>', replyTo: '<x@y>' });
    expect(shown.status).toBe(400);
    expect(shown.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const { page, close } = await readerPage();
    try {
      await page.setContent(shown.html);
      expect(await page.locator('main').locator('script, img, svg, b').count()).toBe(0);
      expect(await page.locator('#feedback-message').inputValue()).toBe(hostile);
      expect(await page.locator('#feedback-page').inputValue()).toBe('"><svg onload=alert(3)>');
      expect(await page.locator('#feedback-replyTo').inputValue()).toBe('<x@y>');
    } finally {
      await close();
    }
    const before = deliveredIds().length;
    const accepted = await post('/synpunkter', { message: hostile, page: '"><svg onload=alert(3)>' });
    expect(accepted.status).toBe(303);
    await until(() => deliveredIds().length === before + 1, 'the hostile delivery');
    expect(stub.deliveries.at(-1)?.body.data).toMatchObject({ message: hostile, page: '"><svg onload=alert(3)>', replyTo: '' });
  });

  it('refuses control characters with the error beside the field, showing each as U+FFFD and keeping the rest of the text', async () => {
    const before = stub.deliveries.length;
    const shown = await post('/synpunkter', { message: 'Före\u0000efter\u001b[31m', page: '/sida\u0007' });
    expect(shown.status).toBe(400);
    expect(shown.html).toContain('Meddelandet innehåller osynliga styrtecken som inte kan tas emot');
    expect(shown.html).not.toMatch(FEEDBACK_FORBIDDEN_CHARACTERS);
    const { page, close } = await readerPage();
    try {
      await page.setContent(shown.html);
      expect(await page.locator('#feedback-message').inputValue()).toBe('Före\uFFFDefter\uFFFD[31m');
      expect(await page.locator('#feedback-message').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#feedback-page').inputValue()).toBe('/sida\uFFFD');
      expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
        'Meddelandet innehåller osynliga styrtecken som inte kan tas emot. De visas som \uFFFD i texten: ta bort dem och skicka igen',
        'Sidan innehåller osynliga styrtecken som inte kan tas emot. De visas som \uFFFD: ta bort dem och skicka igen',
      ]);
    } finally {
      await close();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(outboxFiles()).toEqual([]);
    expect(stub.deliveries.length).toBe(before);
  });

  it('refuses a post from another site with 403, the form empty and a text that says why, keeping nothing', async () => {
    const before = stub.deliveries.length;
    for (const [path, headers, text] of [
      ['/synpunkter', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 'Formuläret skickades från en annan webbplats'],
      ['/en/feedback', { origin: 'https://evil.example' }, 'The form was sent from another website'],
      ['/synpunkter', { 'sec-fetch-site': 'cross-site' }, 'Formuläret skickades från en annan webbplats'],
    ] as const) {
      const refused = await post(path, { message: 'Köp billiga klockor' }, newReader(), headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(refused.html).toContain(text);
      expect(refused.html).not.toContain('Köp billiga klockor');
      // The form itself, to write in.
      expect(refused.html).toMatch(new RegExp(`<form[^>]*action="${path}"`));
    }
    // The site's own page, at its public address.
    const own = await post('/synpunkter', { message: 'Från sidan själv' }, newReader(), {
      origin: 'https://www.example.org',
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(303);
    await until(() => stub.deliveries.length === before + 1 && outboxFiles().length === 0, 'the delivery of the site’s own post');
    expect(stub.deliveries.at(-1)?.body.data.message).toBe('Från sidan själv');
  });

  it('thanks a bot that fills the hidden field, and keeps nothing of it', async () => {
    const before = stub.deliveries.length;
    const answer = await post('/synpunkter', { message: 'Cheap pills', website: 'https://spam.example' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/synpunkter/tack');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(outboxFiles()).toEqual([]);
    expect(stub.deliveries.length).toBe(before);
  });

  it('refuses more than the allowance per reader with 429 and Retry-After, keeping the text', async () => {
    const reader = newReader();
    for (let index = 0; index < 3; index++) expect((await post('/synpunkter', { message: `Meddelande ${index}` }, reader)).status).toBe(303);
    // Mistakes cost nothing: the reader correcting one is not held back.
    expect((await post('/synpunkter', { message: '' }, reader)).status).toBe(400);
    const refused = await post('/en/feedback', { message: 'One more thing' }, reader);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.html).toContain('You have sent a lot of feedback in a short while');
    expect(refused.html).toContain('>One more thing</textarea>');
    // Another reader behind the same proxy is not.
    expect((await post('/synpunkter', { message: 'Hej' })).status).toBe(303);
  });

  it('refuses a body over the limit with 413 and a page that says so, and anything but a form with 415', async () => {
    const tooLarge = await post('/synpunkter', { message: 'x'.repeat(70 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.html).toContain('för stort för att tas emot');
    const json = await post('/synpunkter', '{"message":"x"}', newReader(), { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    const put = await fetch(`${site.url}/synpunkter`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    // A reader cannot hand the form a verdict of their own.
    const forged = await fetch(`${site.url}/synpunkter`, {
      headers: { 'x-feedback-form-state': encodeURIComponent(JSON.stringify({ values: { message: 'forged' }, errors: { message: 'required' } })) },
    });
    expect(await forged.text()).not.toContain('forged');
  });
});

describe('nothing lost', () => {
  it('keeps a message while the CMS is down, across a crash of the site server, and delivers it once when the CMS is back', async () => {
    stub.setDown(true);
    const accepted = await post('/synpunkter', { message: 'Skickat medan CMS:et låg nere', page: '/inriktningsmal/' });
    expect(accepted.status).toBe(303);
    expect(outboxFiles()).toHaveLength(1);
    const [file] = outboxFiles();
    const kept = JSON.parse(readFileSync(path.join(outboxDir, file ?? ''), 'utf8')) as { submissionId: string };
    await until(() => stub.deliveries.filter((delivery) => delivery.body.data.submissionId === kept.submissionId).length >= 2, 'a retry');

    // kill -9 while the message waits; the new server finds it on disk.
    await site.crash();
    site = await startSiteServer(siteEnv(), { releasesDir });
    expect(outboxFiles()).toEqual([file]);
    await until(() => site.output().includes(`Feedback ${kept.submissionId} not delivered yet`), 'a try at start');

    stub.setDown(false);
    await until(() => outboxFiles().length === 0, 'the delivery after the CMS is back');
    expect(deliveredIds().filter((id) => id === kept.submissionId)).toHaveLength(1);
    expect(stub.stored.get(kept.submissionId)).toMatchObject({ message: 'Skickat medan CMS:et låg nere', page: '/inriktningsmal/', locale: 'sv' });
  });
});

describe('an outbox at its cap', () => {
  it('refuses one more message with 503 while the CMS is unreachable, keeping the reader’s text and every message, and delivers each once when the CMS is back', async () => {
    await restartSite({ FEEDBACK_OUTBOX_MAX_MESSAGES: '3' });
    stub.setUnreachable(true);
    const waiting = ['Väntar 1', 'Väntar 2', 'Väntar 3'];
    try {
      for (const message of waiting) expect((await post('/synpunkter', { message })).status).toBe(303);
      await until(() => site.output().includes('not delivered yet'), 'a failed delivery');
      const contents = () => outboxFiles().map((name) => readFileSync(path.join(outboxDir, name), 'utf8'));
      const before = contents();
      expect(before).toHaveLength(3);

      // As a reader meets it: the form again, their text in it, and why (the page runs no script; axe, run after, does).
      const { page, close } = await readerPage(true);
      try {
        await page.goto(`${site.url}/synpunkter`);
        await page.getByLabel('Vad gäller det?').fill('Den fjärde <b>texten</b>\nmed två rader');
        await page.getByLabel('Din e-postadress (frivilligt)').fill('lasare@example.se');
        const answer = page.waitForResponse((response) => response.request().method() === 'POST');
        await page.getByRole('button', { name: 'Skicka' }).click();
        const refused = await answer;
        expect(refused.status()).toBe(503);
        expect(refused.headers()['retry-after']).toBe('900');
        expect(refused.headers()['cache-control']).toBe('no-store');
        expect(await page.locator('html').getAttribute('lang')).toBe('sv');
        expect(await page.getByRole('alert').innerText()).toMatch(/Vi kan inte ta emot fler synpunkter just nu.*försök igen om 15 minuter/s);
        expect(await page.getByRole('alert').evaluate((element) => element === document.activeElement)).toBe(true);
        expect(await page.getByLabel('Vad gäller det?').inputValue()).toBe('Den fjärde <b>texten</b>\nmed två rader');
        expect(await page.getByLabel('Din e-postadress (frivilligt)').inputValue()).toBe('lasare@example.se');
        expect(await page.locator('script').count()).toBe(0);
        await expectAccessible(page, 'outbox full');
      } finally {
        await close();
      }
      const english = await post('/en/feedback', { message: 'One more, in English' });
      expect(english.status).toBe(503);
      expect(english.html).toMatch(/<html lang="en"/);
      expect(english.html).toContain('We cannot receive more feedback right now');
      expect(english.html).toContain('>One more, in English</textarea>');
      expect(english.html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
      expect(htmlErrors({ 'outbox full': english.html })).toEqual([]);

      // Nothing kept was touched, and the operator was told once.
      expect(contents()).toEqual(before);
      expect(site.output().match(/ERROR: the feedback outbox .* is full/g)).toHaveLength(1);

      stub.setUnreachable(false);
      await until(() => outboxFiles().length === 0, 'the delivery after the CMS is back');
      const stored = [...stub.stored.values()].filter((submission) => waiting.includes(submission.message));
      expect(stored.map((submission) => submission.message).sort()).toEqual(waiting);
      for (const { submissionId } of stored) expect(deliveredIds().filter((id) => id === submissionId)).toHaveLength(1);
      expect(site.output()).toMatch(/The feedback outbox has room again/);
      expect((await post('/synpunkter', { message: 'Efteråt' })).status).toBe(303);
    } finally {
      stub.setUnreachable(false);
      await restartSite();
    }
  });
});

describe('too many requests at once', () => {
  it('refuses one client over its share with 429, Retry-After and a text in the reader’s language, and takes the next reader’s post', async () => {
    // The defaults: 20 requests a second for the form's page, 20 posts, 5 a second per reader.
    await restartSite({ FEEDBACK_TOTAL_PER_SECOND: '20', FEEDBACK_POSTS_TOTAL_PER_SECOND: '20', ON_DEMAND_PER_CLIENT_PER_SECOND: '5' });
    try {
      const loud = newReader();
      const get = async (path: string, client: string) => {
        const response = await fetch(`${site.url}${path}`, { headers: { 'x-forwarded-for': client } });
        return { status: response.status, headers: response.headers, text: await response.text() };
      };
      // 25 quick GETs of the form from one address used to take the whole total, and the next reader's post got 503.
      const flood = await Promise.all(
        Array.from({ length: 25 }, async (_, index) => ({
          path: index % 5 === 4 ? '/en/feedback' : '/synpunkter',
          ...(await get(index % 5 === 4 ? '/en/feedback' : '/synpunkter', loud)),
        })),
      );
      expect(flood.filter((answer) => answer.status === 503)).toEqual([]);
      const refused = flood.filter((answer) => answer.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(15);
      for (const answer of refused) {
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(answer.text).toContain(
          answer.path === '/synpunkter'
            ? 'Du har hämtat eller skickat formuläret för synpunkter många gånger på kort tid'
            : 'You have opened or sent the feedback form many times in a short while',
        );
      }
      expect(new Set(refused.map((answer) => answer.path))).toEqual(new Set(['/synpunkter', '/en/feedback']));
      // Its posts, its thank-you pages and its previews have shares of their own, as small.
      const posts = await Promise.all(Array.from({ length: 12 }, () => post('/synpunkter', { message: 'Flod' }, loud)));
      expect(posts.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(5);
      expect(posts.filter((answer) => answer.status === 503)).toEqual([]);
      const thanks = await Promise.all(Array.from({ length: 12 }, () => get('/en/feedback/thanks', loud)));
      expect(thanks.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(5);
      expect(thanks.find((answer) => answer.status === 429)?.text).toContain('You have opened this page many times');
      const previews = await Promise.all(Array.from({ length: 12 }, () => get('/preview/plan/x', loud)));
      expect(previews.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(5);
      expect(previews.find((answer) => answer.status === 429)?.text).toContain('Du har förhandsgranskat många gånger på kort tid');

      // Meanwhile another reader reads the form and sends a message.
      const other = newReader();
      expect((await get('/synpunkter', other)).status).toBe(200);
      const sent = await post('/synpunkter', { message: `Medan någon annan hamrade ${Date.now()}` }, other);
      expect(sent.status).toBe(303);
      expect(sent.headers.get('location')).toBe('/synpunkter/tack');
      expect((await get('/synpunkter/tack', other)).status).toBe(200);
    } finally {
      await restartSite();
    }
  });

  it('refuses the form’s pages and posts beyond the total per second with 503, Retry-After and the busy page, keeping nothing refused', async () => {
    await restartSite({ FEEDBACK_TOTAL_PER_SECOND: '3', FEEDBACK_POSTS_TOTAL_PER_SECOND: '3' });
    try {
      // A crowd, each reader within their own allowance.
      const crowd = await Promise.all(
        Array.from({ length: 12 }, async (_, index) => {
          if (index % 2 === 0) return { message: `Trängsel ${index}`, ...(await post('/synpunkter', { message: `Trängsel ${index}` })) };
          const response = await fetch(`${site.url}/en/feedback`, { headers: { 'x-forwarded-for': newReader() } });
          return { message: undefined, status: response.status, headers: response.headers, html: await response.text() };
        }),
      );
      const refused = crowd.filter((answer) => answer.status === 503);
      // Three a second: twelve at once cannot all be served, even across the turn of a second.
      expect(refused.length).toBeGreaterThanOrEqual(6);
      expect(crowd.every((answer) => [200, 303, 503].includes(answer.status))).toBe(true);
      for (const answer of refused) {
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
        if (answer.message) {
          expect(answer.html).toMatch(/<html lang="sv"/);
          expect(answer.html).toContain('Synpunkter kan inte tas emot just nu');
        } else {
          expect(answer.html).toMatch(/<html lang="en"/);
          expect(answer.html).toContain('Feedback cannot be received right now');
        }
      }
      const sent = crowd.filter((answer) => answer.message && answer.status === 303).map((answer) => answer.message);
      const turnedAway = refused.flatMap((answer) => (answer.message ? [answer.message] : []));
      await until(() => outboxFiles().length === 0, 'the delivery of what was taken');
      const stored = [...stub.stored.values()].map((submission) => submission.message);
      for (const message of sent) expect(stored).toContain(message);
      for (const message of turnedAway) expect(stored).not.toContain(message);
      expect(site.output().match(/WARNING: the feedback form is busy/g)).toHaveLength(1);

      // The next second serves again.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await fetch(`${site.url}/synpunkter`)).status).toBe(200);

      // The busy pages themselves: accessible, valid, without scripts.
      const { page, close } = await readerPage(true);
      const pages: Record<string, string> = {};
      try {
        for (const [path, lang] of [
          ['/synpunkter/upptaget/', 'sv'],
          ['/en/feedback/busy/', 'en'],
        ] as const) {
          const response = await page.goto(`${site.url}${path}`);
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          expect(await page.locator('script').count()).toBe(0);
          expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
          await expectAccessible(page, path);
          pages[path] = await response!.text();
        }
      } finally {
        await close();
      }
      expect(htmlErrors(pages)).toEqual([]);
    } finally {
      await restartSite();
    }
  });
});

describe('the feedback pages', () => {
  it('pass axe and the Nu Html Checker, with no scripts, in every state', async () => {
    const pages: Record<string, string> = {};
    const { page, close } = await readerPage(true);
    try {
      for (const path of ['/synpunkter?sida=/tillganglighet/', '/en/feedback', '/synpunkter/tack', '/en/feedback/thanks']) {
        const response = await page.goto(`${site.url}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(response?.headers()['x-robots-tag'], path).toBe('noindex');
        expect(response?.headers()['cache-control'], path).toBe('no-store');
        expect(await page.locator('script').count(), path).toBe(0);
        await expectAccessible(page, path);
        pages[path] = await response!.text();
      }
      // The error state, reached as a reader reaches it (the page itself runs no script; axe does).
      await page.goto(`${site.url}/synpunkter`);
      await page.getByLabel('Din e-postadress (frivilligt)').fill('fel');
      await page.getByRole('button', { name: 'Skicka' }).click();
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('script').count()).toBe(0);
      await expectAccessible(page, 'error state');
      pages['error state'] = await page.content();
    } finally {
      await close();
    }
    const reader = newReader();
    for (let index = 0; index < 3; index++) await post('/synpunkter', { message: `m${index}` }, reader);
    pages['429'] = (await post('/synpunkter', { message: 'Väntar' }, reader)).html;
    pages['413'] = (await post('/en/feedback', { message: 'x'.repeat(70 * 1024) })).html;
    pages['control characters'] = (await post('/synpunkter', { message: 'a\u0000b\u0001' })).html;
    pages['403'] = (await post('/en/feedback', { message: 'Spam' }, newReader(), { origin: 'https://evil.example' })).html;
    for (const [name, html] of Object.entries(pages)) expect(html, name).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(htmlErrors(pages)).toEqual([]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminJson, createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { FEEDBACK_UID, type FeedbackSubmission } from '@malardalsradet/site-contract';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@malardalsradet/test-support/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackOutbox, REFUSED_FOLDER } from '../server/feedback/feedbackOutbox.ts';
import { makeBuildDir, startSiteServer, type SiteServerProcess } from './support/site';

// The feedback function end to end against the real CMS: a reader with JavaScript off reports a
// problem from the accessibility statement, and the message is in the CMS for the editors; with
// the CMS down, it waits on disk (a crash of the site server included), up to the outbox's cap,
// and arrives once.
const FEEDBACK_KEY = 'test-feedback-key-0123456789abcdef';

/** A Synpunkt as the admin API gives it (the language is `language`: `locale` is Strapi's own; no address is null). */
interface StoredFeedback {
  submissionId: string;
  message: string;
  page: string;
  replyTo: string | null;
  language: string;
}

/** A site server that delivers feedback from its outbox to this CMS with the feedback token, retrying fast. */
const deliveringSiteEnv = (cms: CmsProcess, readToken: string, outboxDir: string): NodeJS.ProcessEnv => ({
  CMS_URL: cms.url,
  CMS_API_TOKEN: readToken,
  CMS_FEEDBACK_TOKEN: FEEDBACK_KEY,
  FEEDBACK_OUTBOX_DIR: outboxDir,
  FEEDBACK_RETRY_MIN_MS: '200',
  FEEDBACK_RETRY_MAX_MS: '1000',
  RECONCILE_INTERVAL_MS: String(60 * 60_000),
});

describe('feedback delivered to the real CMS', () => {
  let cms: CmsProcess;
  let jwt: string;
  let site: SiteServerProcess;
  let browser: Browser;
  let outboxDir: string;
  let releasesDir: string;
  let siteEnv: NodeJS.ProcessEnv;

  const storedFeedback = async (): Promise<StoredFeedback[]> =>
    (await adminJson<{ results: StoredFeedback[] }>(cms.url, jwt, `/content-manager/collection-types/${FEEDBACK_UID}?page=1&pageSize=100`)).results;
  const until = async <T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await check().catch(() => undefined);
      if (result !== undefined) return result;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${site.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const outboxFiles = () => readdirSync(outboxDir).filter((name) => name.endsWith('.json'));
  const postFeedback = (address: string, fields: Record<string, string>) =>
    fetch(`${site.url}${address}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    cms = await startCms({ CMS_SEED_ON_START: 'true', CMS_FEEDBACK_TOKEN: FEEDBACK_KEY });
    jwt = await registerFirstAdmin(cms.url);
    const readToken = await createApiToken(cms.url, jwt, 'Webbplatsen (feedback test)');
    outboxDir = mkdtempSync(path.join(os.tmpdir(), 'feedback-outbox-'));
    releasesDir = makeBuildDir();
    siteEnv = deliveringSiteEnv(cms, readToken, outboxDir);
    site = await startSiteServer(siteEnv, { releasesDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    await cms?.stop();
    if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
  });

  it('takes a report from the statement page, with JavaScript off, into the CMS, text as written', async () => {
    const message = 'Tabellen på sidan saknar rubriker. <script>alert("x")</script> & "citat"';
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}/tillganglighet/`);
      await page.getByRole('link', { name: 'Lämna synpunkter om webbplatsens tillgänglighet' }).click();
      await page.getByLabel('Vad gäller det?').fill(message);
      await page.getByLabel('Din e-postadress (frivilligt)').fill('lasare@example.se');
      await page.getByRole('button', { name: 'Skicka' }).click();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Tack för dina synpunkter');
    } finally {
      await context.close();
    }
    const stored = await until(async () => (await storedFeedback()).find((entry) => entry.message === message), 'the feedback in the CMS');
    expect(stored).toMatchObject({ message, page: '/tillganglighet/', replyTo: 'lasare@example.se', language: 'sv' });
    expect(outboxFiles()).toEqual([]);
  });

  it('keeps a message while the CMS is down, across a crash of the site server, and stores it once when the CMS is back', async () => {
    await cms.kill();
    const message = `Skickat medan CMS:et låg nere ${Date.now()}`;
    const answer = await postFeedback('/en/feedback', { message, page: '/en/goals/', replyTo: '' });
    expect(answer.status).toBe(303);
    expect(outboxFiles()).toHaveLength(1);
    await until(async () => (site.output().includes('not delivered yet') ? true : undefined), 'a failed delivery');

    // Started again with room for two: one more message fills the outbox, and the next is refused
    // with its text given back, leaving the two on disk as they were.
    await site.crash();
    site = await startSiteServer({ ...siteEnv, FEEDBACK_OUTBOX_MAX_MESSAGES: '2' }, { releasesDir, waitForLive: false });
    expect(outboxFiles()).toHaveLength(1);
    const second = `Också medan CMS:et låg nere ${Date.now()}`;
    expect((await postFeedback('/synpunkter', { message: second, page: '/', replyTo: '' })).status).toBe(303);
    const kept = outboxFiles();
    expect(kept).toHaveLength(2);
    const refused = await postFeedback('/synpunkter', { message: 'Den tredje får vänta', page: '/', replyTo: '' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(await refused.text()).toContain('>Den tredje får vänta</textarea>');
    expect(outboxFiles()).toEqual(kept);

    await cms.restart();
    await until(async () => (outboxFiles().length === 0 ? true : undefined), 'the delivery after the CMS is back', 60_000);
    const stored = await storedFeedback();
    const copies = stored.filter((entry) => entry.message === message);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ page: '/en/goals/', replyTo: null, language: 'en' });
    expect(stored.filter((entry) => entry.message === second)).toHaveLength(1);
    expect(stored.filter((entry) => entry.message === 'Den tredje får vänta')).toHaveLength(0);
  });
});

// On PostgreSQL whatever database the suite runs on: it refuses NUL in text (22021), which made
// the CMS answer 500 to such a message, and the courier retried it for ever while every message
// behind it waited. The form refuses such text now, so the hostile messages are written straight
// into the outbox, as a site server of an older version (or a hand) could have left them.
describe('a message the CMS refuses for good, on PostgreSQL', () => {
  let cms: CmsProcess;
  let jwt: string;
  let site: SiteServerProcess | undefined;
  let outboxDir: string;

  beforeAll(async () => {
    cms = await startCms({ CMS_SEED_ON_START: 'true', CMS_FEEDBACK_TOKEN: FEEDBACK_KEY }, { database: 'postgres' });
    jwt = await registerFirstAdmin(cms.url);
    outboxDir = mkdtempSync(path.join(os.tmpdir(), 'feedback-outbox-'));
  });
  afterAll(async () => {
    await site?.stop();
    await cms?.stop();
    if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
  });

  it('is set aside with the CMS’s answer, logged once, shown in the status, and holds up none of the good ones', async () => {
    const submission = (submissionId: string, message: string, page = '/'): FeedbackSubmission => ({
      submissionId,
      message,
      page,
      replyTo: '',
      locale: 'sv',
    });
    const messages = [
      submission('10000000-0000-4000-8000-000000000001', 'Först, före de fientliga'),
      submission('10000000-0000-4000-8000-000000000002', 'a\u0000b'),
      submission('10000000-0000-4000-8000-000000000003', 'Efter NUL-tecknet'),
      submission('10000000-0000-4000-8000-000000000004', 'Sidan har ett styrtecken', '/a\u0001'),
      submission('10000000-0000-4000-8000-000000000005', 'Sist av alla'),
    ];
    const outbox = new FeedbackOutbox(outboxDir, () => {});
    messages.forEach((message, index) => outbox.add(message, 1000 + index));
    const good = messages.filter((_, index) => index !== 1 && index !== 3);

    const readToken = await createApiToken(cms.url, jwt, 'Webbplatsen (feedback on PostgreSQL)');
    site = await startSiteServer(deliveringSiteEnv(cms, readToken, outboxDir));
    const running = site;
    const deadline = Date.now() + 60_000;
    while (readdirSync(outboxDir).some((name) => name.endsWith('.json'))) {
      if (Date.now() > deadline) throw new Error(`The outbox did not empty:\n${running.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const stored = (
      await adminJson<{ results: StoredFeedback[] }>(cms.url, jwt, `/content-manager/collection-types/${FEEDBACK_UID}?page=1&pageSize=100`)
    ).results;
    for (const { submissionId, message } of good)
      expect(
        stored.filter((entry) => entry.submissionId === submissionId),
        message,
      ).toHaveLength(1);
    expect(stored).toHaveLength(good.length);

    const refused = readdirSync(path.join(outboxDir, REFUSED_FOLDER)).sort();
    expect(refused).toEqual([
      `000000000001001-${messages[1]?.submissionId}.json`,
      `000000000001001-${messages[1]?.submissionId}.json.answer.txt`,
      `000000000001003-${messages[3]?.submissionId}.json`,
      `000000000001003-${messages[3]?.submissionId}.json.answer.txt`,
    ]);
    // Kept as they were, with the CMS's reason beside them.
    expect(new FeedbackOutbox(path.join(outboxDir, REFUSED_FOLDER), () => {}).pending().map((entry) => entry.submission)).toEqual([
      messages[1],
      messages[3],
    ]);
    expect(readFileSync(path.join(outboxDir, REFUSED_FOLDER, refused[1] ?? ''), 'utf8')).toMatch(
      /the CMS answered 400: .*message must not hold control characters/,
    );
    expect(readFileSync(path.join(outboxDir, REFUSED_FOLDER, refused[3] ?? ''), 'utf8')).toMatch(
      /the CMS answered 400: .*page must not hold control characters/,
    );
    const errors = running.output().match(/ERROR: the CMS refuses feedback \S+/g) ?? [];
    expect(errors).toEqual([
      `ERROR: the CMS refuses feedback ${messages[1]?.submissionId}`,
      `ERROR: the CMS refuses feedback ${messages[3]?.submissionId}`,
    ]);
    expect((await running.status()).feedback).toEqual({ waiting: 0, setAside: 2, full: false });
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReplayGuard, verifyWebhook } from '@malardalsradet/site-contract';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteWebhookSender } from './siteWebhook';

const SECRET = 'webhook-secret-for-tests-0123456789';

/** A real HTTP server in the site's place: checks each request as the site does, and answers as told. */
const startSite = async (answer: (body: string) => number) => {
  const received: { verdict: string; body: string; status: number }[] = [];
  const guard = new ReplayGuard();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verdict = verifyWebhook(SECRET, { method: request.method ?? '', path: request.url ?? '', body, headers: request.headers }, { guard });
      const status = verdict.ok ? answer(body) : 401;
      received.push({ verdict: verdict.ok ? 'ok' : verdict.reason, body, status });
      response.writeHead(status).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/publish`, received, close: () => server.close() };
};

const logs: string[] = [];
const log = {
  error: (message: string) => void logs.push(`error ${message}`),
  warn: (message: string) => void logs.push(`warn ${message}`),
};
const DOC = 'abcdefghijklmnopqrstuvwx';
let close = () => {};
afterEach(() => {
  close();
  logs.length = 0;
});

describe('SiteWebhookSender', () => {
  it("sends the site's events signed, once each, in order, and only for the site's models", async () => {
    const site = await startSite(() => 202);
    close = site.close;
    const sender = new SiteWebhookSender(site.url, SECRET, log);
    sender.accept('entry.publish', { model: 'plan', uid: 'api::plan.plan', entry: { documentId: DOC, locale: 'sv', title: 'not sent' } });
    // Strapi emits entry.delete once per stored version: one request.
    sender.accept('entry.delete', { model: 'goal', entry: { documentId: DOC, locale: 'sv' } });
    sender.accept('entry.delete', { model: 'goal', entry: { documentId: DOC, locale: 'sv' } });
    sender.accept('entry.publish', { model: 'feedback', entry: { documentId: DOC } });
    sender.accept('entry.publish', { model: 'organisation', entry: null });
    sender.accept('media.update', { media: { documentId: DOC } });
    await sender.idle();
    expect(site.received.map(({ verdict }) => verdict)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const bodies = site.received.map(({ body }) => JSON.parse(body) as Record<string, unknown>);
    expect(bodies).toMatchObject([
      { event: 'entry.publish', model: 'plan', uid: 'api::plan.plan', entry: { documentId: DOC, locale: 'sv' } },
      { event: 'entry.delete', model: 'goal', entry: { documentId: DOC, locale: 'sv' } },
      { event: 'entry.publish', model: 'organisation', entry: null },
      { event: 'media.update', media: { documentId: DOC } },
    ]);
    // Only what names the change: the entry's fields stay in the CMS.
    expect(site.received[0]?.body).not.toContain('not sent');
  });

  it('tries a failed send again, signed afresh, a bounded number of times, and logs the failure', async () => {
    let failures = 1;
    const site = await startSite(() => (failures-- > 0 ? 503 : 202));
    close = site.close;
    const sender = new SiteWebhookSender(site.url, SECRET, log, { retryWaitsMs: [10, 10] });
    sender.accept('entry.publish', { model: 'plan', entry: { documentId: DOC } });
    await sender.idle();
    expect(site.received.map(({ verdict, status }) => `${verdict} ${status}`)).toEqual(['ok 503', 'ok 202']);

    failures = 10;
    sender.accept('entry.unpublish', { model: 'plan', entry: { documentId: DOC } });
    await sender.idle();
    expect(site.received.slice(2).map(({ status }) => status)).toEqual([503, 503, 503]);
    expect(logs.at(-1)).toMatch(/^error Site webhook to .* failed 3 times, last: 503/);
  });

  it('does not try a refused request again', async () => {
    const site = await startSite(() => 400);
    close = site.close;
    const sender = new SiteWebhookSender(site.url, SECRET, log, { retryWaitsMs: [10, 10] });
    sender.accept('entry.publish', { model: 'plan', entry: { documentId: DOC } });
    await sender.idle();
    expect(site.received).toHaveLength(1);
    expect(logs).toEqual([expect.stringMatching(/^error Site webhook refused by http:\/\/127\.0\.0\.1:\d+: 400/) as unknown]);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackOutbox } from './feedbackOutbox.ts';
import { FeedbackReceiver, type FeedbackOutcome } from './feedbackReceiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A receiver behind a real HTTP server (as the site server reads requests), answering its outcome as JSON. */
const startReceiver = async ({ canDeliver = true, cap = { messages: Infinity, bytes: Infinity } } = {}) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'receiver-'));
  const lines: string[] = [];
  const outbox = new FeedbackOutbox(dir, (line) => lines.push(line), cap);
  let deliveriesAsked = 0;
  const delivery = {
    deliverWaiting: () => {
      deliveriesAsked += 1;
    },
  };
  const receiver = new FeedbackReceiver({
    outbox,
    delivery,
    perClient: 2,
    windowSeconds: 60,
    trustedProxies: ['loopback'],
    siteOrigins: ['https://www.example.org'],
    canDeliver,
    log: (line) => lines.push(line),
  });
  const server = http.createServer((request, response) => {
    receiver.receive(request, 'sv', '/synpunkter/tack').then(
      (outcome) => response.end(JSON.stringify(outcome)),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () => new Promise((resolve) => server.close(resolve)),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/synpunkter`;
  const send = async (
    body: string,
    {
      client = '198.51.100.1',
      type = 'application/x-www-form-urlencoded',
      headers = {},
    }: { client?: string; type?: string; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': type, 'x-forwarded-for': client, ...headers }, body });
    return (await response.json()) as FeedbackOutcome;
  };
  return { outbox, lines, send, deliveriesAsked: () => deliveriesAsked, dir, url };
};

describe('FeedbackReceiver', () => {
  it('refuses a post from another site with 403 and the form empty, keeping nothing; takes the site’s own and an old browser’s', async () => {
    const { outbox, send, url } = await startReceiver();
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      { origin: 'https://www.example.org.evil.example' },
      { origin: 'http://www.example.org' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://www.example.org', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const outcome = await send('message=Köp%20billigt', { client: '198.51.100.50', headers });
      expect(outcome, JSON.stringify(headers)).toEqual({
        status: 403,
        state: { values: { message: '', page: '', replyTo: '' }, errors: {}, refusal: 'crossSite' },
      });
    }
    expect(outbox.count()).toBe(0);
    // The site's own page (at SITE_URL, or at the host the browser addressed), and an old browser that says nothing.
    expect(
      (await send('message=1', { client: '198.51.100.51', headers: { origin: 'https://www.example.org', 'sec-fetch-site': 'same-origin' } })).status,
    ).toBe(303);
    expect((await send('message=2', { client: '198.51.100.52', headers: { origin: new URL(url).origin } })).status).toBe(303);
    expect((await send('message=3', { client: '198.51.100.53' })).status).toBe(303);
    expect(outbox.count()).toBe(3);
  });

  it('keeps an accepted message on disk before thanking, and sets its delivery going', async () => {
    const { outbox, send, deliveriesAsked } = await startReceiver();
    expect(await send('message=Hej&page=%2F&replyTo=&website=')).toEqual({ status: 303, location: '/synpunkter/tack' });
    expect(outbox.pending().map((entry) => entry.submission.message)).toEqual(['Hej']);
    expect(deliveriesAsked()).toBe(1);
  });

  it('counts only messages that would be kept against the reader, and keeps the text when it refuses', async () => {
    const { send } = await startReceiver();
    expect((await send('message=')).status).toBe(400);
    expect((await send('message=1')).status).toBe(303);
    expect((await send('message=2')).status).toBe(303);
    const refused = await send('message=3');
    expect(refused).toMatchObject({ status: 429, state: { values: { message: '3' }, refusal: 'rateLimited' } });
    expect(refused.status === 429 && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Another reader behind the same (trusted) proxy has their own allowance.
    expect((await send('message=4', { client: '198.51.100.2' })).status).toBe(303);
  });

  it('refuses what is not a form (415) or too large (413)', async () => {
    const { send, outbox } = await startReceiver();
    expect(await send('{"message":"x"}', { type: 'application/json' })).toMatchObject({ status: 415, state: { refusal: 'unreadable' } });
    expect(await send(`message=${'x'.repeat(70 * 1024)}`)).toMatchObject({ status: 413, state: { refusal: 'tooLarge' } });
    expect(outbox.count()).toBe(0);
  });

  it('keeps nothing of a filled honeypot, and thanks it all the same', async () => {
    const { send, outbox, deliveriesAsked } = await startReceiver();
    expect(await send('message=Spam&website=x')).toEqual({ status: 303, location: '/synpunkter/tack' });
    expect(outbox.count()).toBe(0);
    expect(deliveriesAsked()).toBe(0);
  });

  it('gives the text back (503) when it cannot be kept, and says loudly when it cannot be delivered', async () => {
    const full = await startReceiver();
    rmSync(full.dir, { recursive: true, force: true });
    expect(await full.send('message=Viktigt')).toMatchObject({ status: 503, state: { values: { message: 'Viktigt' }, refusal: 'unavailable' } });
    expect(full.lines.join('\n')).toMatch(/could not be kept/);

    const tokenless = await startReceiver({ canDeliver: false });
    expect((await tokenless.send('message=V%C3%A4ntar')).status).toBe(303);
    expect(tokenless.outbox.count()).toBe(1);
    expect(tokenless.deliveriesAsked()).toBe(0);
    expect(tokenless.lines.join('\n')).toMatch(/CMS_FEEDBACK_TOKEN is not set/);
    // Nothing about the reader in the log.
    expect([...full.lines, ...tokenless.lines].join('\n')).not.toMatch(/198\.51\.100/);
  });

  it('refuses a message when the outbox is full (503, the text kept, a time to wait), without counting it against the reader', async () => {
    const { send, outbox, deliveriesAsked, lines } = await startReceiver({ cap: { messages: 1, bytes: 1024 * 1024 } });
    expect((await send('message=F%C3%B6rsta')).status).toBe(303);
    const refused = await send('message=Andra&page=%2Fsok&replyTo=a%40example.se');
    expect(refused).toEqual({
      status: 503,
      state: { values: { message: 'Andra', page: '/sok', replyTo: 'a@example.se' }, errors: {}, refusal: 'full', retryAfterSeconds: 900 },
      retryAfterSeconds: 900,
    });
    expect(outbox.pending().map((entry) => entry.submission.message)).toEqual(['Första']);
    expect(deliveriesAsked()).toBe(1);
    // The reader's allowance (2) is not spent by what the server could not take: once there is room, it goes.
    expect((await send('message=Tredje')).status).toBe(503);
    outbox.remove(outbox.pending()[0]?.name ?? '');
    expect((await send('message=Fj%C3%A4rde')).status).toBe(303);
    expect(lines.filter((line) => line.includes('is full'))).toHaveLength(1);
  });
});

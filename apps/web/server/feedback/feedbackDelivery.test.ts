import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FEEDBACK_API_PATH, type FeedbackSubmission } from '@malardalsradet/site-contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverToCms, FeedbackDelivery, type DeliveryResult } from './feedbackDelivery.ts';
import { FeedbackOutbox, REFUSED_FOLDER } from './feedbackOutbox.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const submission = (id: string): FeedbackSubmission => ({ submissionId: id, message: `<b>${id}</b>`, page: '/', replyTo: '', locale: 'sv' });

/** The CMS's create endpoint: records what it is sent, and answers each request as told. */
const stubCms = async (answer: (count: number) => number) => {
  const received: { path: string; authorization: string | undefined; body: unknown }[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(text) as unknown });
      response.writeHead(answer(received.length), { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
};

describe('deliverToCms', () => {
  it('creates the feedback with the token, as Strapi’s REST API takes it', async () => {
    const cms = await stubCms(() => 201);
    expect(await deliverToCms({ cmsUrl: cms.url, token: 'create-only', timeoutMs: 1000 }, submission('a'))).toEqual({ delivered: true });
    expect(cms.received).toEqual([{ path: FEEDBACK_API_PATH, authorization: 'Bearer create-only', body: { data: submission('a') } }]);
  });

  it('counts a 409 (the CMS has it already) as delivered, and anything else as to be tried again', async () => {
    const statuses = [409, 500, 401, 400];
    const cms = await stubCms((count) => statuses[count - 1] ?? 500);
    const target = { cmsUrl: cms.url, token: 't', timeoutMs: 1000 };
    const results: DeliveryResult[] = [];
    for (const id of ['a', 'b', 'c', 'd']) results.push(await deliverToCms(target, submission(id)));
    expect(results.map((result) => result.delivered)).toEqual([true, false, false, false]);
    expect(results[1]).toMatchObject({ reason: expect.stringMatching(/answered 500/) as unknown });
    expect(results.map((result) => !result.delivered && result.refused === true)).toEqual([false, false, false, true]);
  });

  it('refuses for good only what the CMS refuses for what the message holds: 400, 413 and 422', async () => {
    const statuses = [400, 413, 422, 401, 403, 404, 408, 429, 500, 502, 503];
    const cms = await stubCms((count) => statuses[count - 1] ?? 500);
    const target = { cmsUrl: cms.url, token: 't', timeoutMs: 1000 };
    const refusedForGood: number[] = [];
    for (const status of statuses) {
      const result = await deliverToCms(target, submission(String(status)));
      expect(result.delivered, String(status)).toBe(false);
      if (!result.delivered && result.refused) refusedForGood.push(status);
    }
    expect(refusedForGood).toEqual([400, 413, 422]);
  });

  it('says why when the CMS cannot be reached or does not answer in time', async () => {
    const refused = await deliverToCms({ cmsUrl: 'http://127.0.0.1:1', token: 't', timeoutMs: 1000 }, submission('a'));
    expect(refused).toMatchObject({ delivered: false, reason: expect.stringMatching(/ECONNREFUSED|fetch failed/) as unknown });
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      silent.closeAllConnections();
      return new Promise((resolve) => silent.close(resolve));
    });
    const late = await deliverToCms(
      { cmsUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, token: 't', timeoutMs: 200 },
      submission('a'),
    );
    expect(late).toMatchObject({ delivered: false, reason: expect.stringMatching(/timeout|aborted/i) as unknown });
  });
});

describe('FeedbackDelivery', () => {
  // Delivery's back-off runs on vitest's fake clock (Date included): exact, and no wall-clock waits.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const outboxWith = (...ids: string[]) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'delivery-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const outbox = new FeedbackOutbox(dir, () => {});
    ids.forEach((id, index) => outbox.add(submission(id), 1000 + index));
    return outbox;
  };
  /** Runs the fake clock, 10 ms at a time, until `check` holds (at most `timeoutMs` of fake time). */
  const waitFor = async (check: () => boolean, timeoutMs = 5000) => {
    for (let waited = 0; !check(); waited += 10) {
      if (waited > timeoutMs) throw new Error('timed out');
      await vi.advanceTimersByTimeAsync(10);
    }
  };

  it('delivers what waits, oldest first, and empties the outbox', async () => {
    const outbox = outboxWith('a', 'b', 'c');
    const sent: string[] = [];
    const delivery = new FeedbackDelivery({
      outbox,
      deliver: (item) => {
        sent.push(item.submissionId);
        return Promise.resolve({ delivered: true });
      },
      retryMinMs: 10,
      retryMaxMs: 100,
      log: () => {},
    });
    delivery.deliverWaiting();
    delivery.deliverWaiting();
    await delivery.settled();
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(outbox.count()).toBe(0);
  });

  it('keeps a message while the CMS is down, tries again with a growing wait, and delivers it once when it is back', async () => {
    const outbox = outboxWith('a', 'b');
    const attempts: { id: string; at: number }[] = [];
    let up = false;
    const lines: string[] = [];
    const delivery = new FeedbackDelivery({
      outbox,
      deliver: (item) => {
        attempts.push({ id: item.submissionId, at: Date.now() });
        return Promise.resolve(up ? { delivered: true } : { delivered: false, reason: 'the CMS answered 503' });
      },
      retryMinMs: 20,
      retryMaxMs: 80,
      log: (line) => lines.push(line),
    });
    cleanups.push(() => delivery.stop());
    delivery.deliverWaiting();
    await waitFor(() => attempts.length >= 5);
    // While down, only the oldest is tried, and nothing leaves the outbox.
    expect(new Set(attempts.map((attempt) => attempt.id))).toEqual(new Set(['a']));
    expect(outbox.count()).toBe(2);
    const gaps = attempts.slice(1).map((attempt, index) => attempt.at - (attempts[index]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(Math.max(...gaps)).toBeLessThan(500);
    expect(lines.join('\n')).toMatch(/not delivered yet \(the CMS answered 503\); 2 message\(s\) wait/);
    up = true;
    await waitFor(() => outbox.count() === 0);
    await delivery.settled();
    const delivered = attempts.slice(-2).map((attempt) => attempt.id);
    expect(delivered).toEqual(['a', 'b']);
  });

  it('sets aside a message the CMS refuses for what it holds, and delivers the others', async () => {
    const outbox = outboxWith('a', 'bad', 'c');
    const sent: string[] = [];
    const lines: string[] = [];
    const delivery = new FeedbackDelivery({
      outbox,
      deliver: (item) => {
        sent.push(item.submissionId);
        return Promise.resolve(
          item.submissionId === 'bad' ? { delivered: false, reason: 'the CMS answered 400: …', refused: true } : { delivered: true },
        );
      },
      retryMinMs: 10,
      retryMaxMs: 10,
      log: (line) => lines.push(line),
    });
    delivery.deliverWaiting();
    await delivery.settled();
    expect(sent).toEqual(['a', 'bad', 'c']);
    expect(outbox.count()).toBe(0);
    expect(readdirSync(path.join(outbox.dir, REFUSED_FOLDER)).sort()).toEqual(['000000000001001-bad.json', '000000000001001-bad.json.answer.txt']);
    // The CMS's answer beside it, for the operator; once in the log, at ERROR.
    expect(readFileSync(path.join(outbox.dir, REFUSED_FOLDER, '000000000001001-bad.json.answer.txt'), 'utf8')).toMatch(
      /^\d{4}-\d\d-\d\dT.* the CMS answered 400: …\n$/,
    );
    expect(lines.filter((line) => line.includes('ERROR'))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/ERROR: the CMS refuses feedback bad/);
    expect(outbox.state()).toEqual({ waiting: 0, setAside: 1, full: false });
  });

  it('tries the messages behind one the CMS answers 500, keeps that one for later, and waits when several in a row fail', async () => {
    const outbox = outboxWith('a', 'poison', 'c', 'd');
    const attempts: string[] = [];
    let failing = new Set(['poison']);
    const delivery = new FeedbackDelivery({
      outbox,
      deliver: (item) => {
        attempts.push(item.submissionId);
        return Promise.resolve(
          failing.has(item.submissionId) ? { delivered: false, reason: 'the CMS answered 500: …', status: 500 } : { delivered: true },
        );
      },
      retryMinMs: 60_000,
      retryMaxMs: 60_000,
      log: () => {},
    });
    cleanups.push(() => delivery.stop());
    delivery.deliverWaiting();
    await delivery.settled();
    expect(attempts).toEqual(['a', 'poison', 'c', 'd']);
    expect(outbox.pending().map((entry) => entry.submission.submissionId)).toEqual(['poison']);

    // A CMS that answers 500 to everything is failing itself: three tries, then the back-off.
    const more = outboxWith('e', 'f', 'g', 'h', 'i');
    failing = new Set(['e', 'f', 'g', 'h', 'i']);
    attempts.length = 0;
    const second = new FeedbackDelivery({
      outbox: more,
      deliver: (item) => {
        attempts.push(item.submissionId);
        return Promise.resolve({ delivered: false, reason: 'the CMS answered 500: …', status: 500 });
      },
      retryMinMs: 60_000,
      retryMaxMs: 60_000,
      log: () => {},
    });
    cleanups.push(() => second.stop());
    second.deliverWaiting();
    await second.settled();
    expect(attempts).toEqual(['e', 'f', 'g']);
    expect(more.count()).toBe(5);
  });

  it('delivers nothing without a token, and leaves the messages waiting', async () => {
    const outbox = outboxWith('a');
    const delivery = new FeedbackDelivery({ outbox, deliver: undefined, retryMinMs: 10, retryMaxMs: 10, log: () => {} });
    delivery.deliverWaiting();
    await delivery.settled();
    expect(outbox.count()).toBe(1);
  });
});

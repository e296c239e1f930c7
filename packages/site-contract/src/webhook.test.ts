import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isDocumentId,
  isSiteContentModel,
  ReplayGuard,
  signWebhook,
  verifyWebhook,
  WEBHOOK_MAX_SKEW_SECONDS,
  WEBHOOK_NONCE_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './webhook.ts';

const SECRET = 'webhook-secret-for-tests-0123456789';
const now = Date.UTC(2026, 11, 7, 10, 0, 0);
const body = JSON.stringify({ event: 'entry.publish', model: 'plan', entry: { documentId: 'abcdefghijklmnopqrstuvwx' } });
const parts = { method: 'POST', path: '/hooks/publish', body };
const verify = (headers: Record<string, string>, overrides: Partial<typeof parts> = {}, options: Parameters<typeof verifyWebhook>[2] = { now }) =>
  verifyWebhook(SECRET, { ...parts, ...overrides, headers }, options);

describe('signWebhook / verifyWebhook', () => {
  it('accepts a request signed with the secret, and signs with HMAC-SHA256 over time, nonce, method, path and body', () => {
    const headers = signWebhook(SECRET, parts, now);
    expect(headers[WEBHOOK_TIMESTAMP_HEADER]).toBe(String(now / 1000));
    const nonce = headers[WEBHOOK_NONCE_HEADER] ?? '';
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const expected = createHmac('sha256', SECRET)
      .update(`v1\n${now / 1000}\n${nonce}\nPOST\n/hooks/publish\n${body}`)
      .digest('hex');
    expect(headers[WEBHOOK_SIGNATURE_HEADER]).toBe(`v1=${expected}`);
    expect(verify(headers)).toMatchObject({ ok: true, timestamp: now / 1000 });
    // Bytes and text sign alike.
    expect(verify(signWebhook(SECRET, { ...parts, body: Buffer.from(body) }, now)).ok).toBe(true);
  });

  it('refuses a missing, malformed or wrong signature, and any altered part', () => {
    const headers = signWebhook(SECRET, parts, now);
    expect(verify({})).toMatchObject({ ok: false, reason: 'missing' });
    expect(verify({ [WEBHOOK_SIGNATURE_HEADER]: headers[WEBHOOK_SIGNATURE_HEADER] ?? '' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(verify({ ...headers, [WEBHOOK_SIGNATURE_HEADER]: 'sha256=abc' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify({ ...headers, [WEBHOOK_TIMESTAMP_HEADER]: 'yesterday' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signWebhook('another-secret-0123456789', parts, now))).toMatchObject({ ok: false, reason: 'wrong' });
    expect(verify(headers, { body: body.replace('plan', 'goal') })).toMatchObject({ ok: false, reason: 'wrong' });
    expect(verify(headers, { path: '/hooks/status' })).toMatchObject({ ok: false, reason: 'wrong' });
    expect(verify(headers, { method: 'PUT' })).toMatchObject({ ok: false, reason: 'wrong' });
    expect(verify({ ...headers, [WEBHOOK_TIMESTAMP_HEADER]: String(now / 1000 + 1) })).toMatchObject({ ok: false, reason: 'wrong' });
    expect(verify({ ...headers, [WEBHOOK_NONCE_HEADER]: 'another-nonce-0123456789' })).toMatchObject({ ok: false, reason: 'wrong' });
    expect(verify({ ...headers, [WEBHOOK_NONCE_HEADER]: 'short' })).toMatchObject({ ok: false, reason: 'malformed' });
    // An empty secret on the checking side accepts nothing.
    expect(verifyWebhook('', { ...parts, headers: signWebhook('', parts, now) }, { now }).ok).toBe(false);
  });

  it('refuses a request signed too long ago or too far ahead, saying why', () => {
    const window = WEBHOOK_MAX_SKEW_SECONDS * 1000;
    expect(verify(signWebhook(SECRET, parts, now - window + 1000)).ok).toBe(true);
    const old = verify(signWebhook(SECRET, parts, now - window - 2000));
    expect(old).toMatchObject({ ok: false, reason: 'stale' });
    expect(!old.ok && old.message).toMatch(/ago.*replayed request, or a clock/);
    const ahead = verify(signWebhook(SECRET, parts, now + window + 2000));
    expect(!ahead.ok && ahead.message).toMatch(/in the future/);
  });

  it('refuses a replayed signature within the window, with bounded memory', () => {
    const guard = new ReplayGuard(3);
    const headers = signWebhook(SECRET, parts, now);
    expect(verify(headers, {}, { now, guard }).ok).toBe(true);
    expect(verify(headers, {}, { now: now + 1000, guard })).toMatchObject({ ok: false, reason: 'replayed' });
    // The same request signed again in the same second is another request (its own nonce).
    expect(verify(signWebhook(SECRET, parts, now), {}, { now, guard }).ok).toBe(true);
    // A wrong signature is not remembered: nobody without the secret can fill the guard.
    verify(signWebhook('another-secret-0123456789', parts, now), {}, { now, guard });
    expect(guard.size).toBe(2);
    for (let second = 1; second <= 10; second++) verify(signWebhook(SECRET, parts, now + second * 1000), {}, { now: now + second * 1000, guard });
    expect(guard.size).toBeLessThanOrEqual(3);
    // Entries older than the window are dropped: the timestamp refuses those requests by itself.
    const later = now + (WEBHOOK_MAX_SKEW_SECONDS + 60) * 1000;
    expect(verify(signWebhook(SECRET, parts, later), {}, { now: later, guard }).ok).toBe(true);
    expect(guard.size).toBe(1);
  });
});

describe('what a webhook may name', () => {
  it("knows Strapi's documentIds and the site's models", () => {
    expect(isDocumentId('abcdefghijklmnopqrstuvwx')).toBe(true);
    expect(isDocumentId('x')).toBe(false);
    expect(isDocumentId('a'.repeat(33))).toBe(false);
    expect(isDocumentId('ABCDEFGHIJKLMNOPQRSTUVWX')).toBe(false);
    expect(isDocumentId('abcdefghijklmnop/../qrst')).toBe(false);
    expect(isDocumentId(42)).toBe(false);
    expect(isSiteContentModel('organisation')).toBe(true);
    expect(isSiteContentModel('priority-area')).toBe(true);
    expect(isSiteContentModel('feedback')).toBe(false);
    expect(isSiteContentModel('user')).toBe(false);
  });
});

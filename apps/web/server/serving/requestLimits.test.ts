import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { RequestLimits } from './requestLimits.ts';

/** A request as Node gives it: the peer's address, and the headers it sent. */
const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe('request limits', () => {
  const limits = () =>
    new RequestLimits({ perClient: { requests: 3, seconds: 60 }, totalPerSecond: 100, trustedProxies: ['loopback', '172.16.0.0/12'] });

  it('believes X-Forwarded-For from a trusted proxy only', () => {
    const search = limits();
    expect(search.clientOf(request('127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    expect(search.clientOf(request('172.17.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    // Anyone else names themselves in vain.
    expect(search.clientOf(request('203.0.113.9', '198.51.100.7'))).toBe('203.0.113.9');
    // The client is the last address the trusted proxy added, not one the client wrote before it.
    expect(search.clientOf(request('127.0.0.1', '10.9.9.9, 198.51.100.7'))).toBe('198.51.100.7');
  });

  it('counts an IPv6 client by its /64', () => {
    const search = limits();
    expect(search.clientOf(request('2001:db8:1:2::1'))).toBe('2001:db8:1:2::/64');
    expect(search.clientOf(request('2001:db8:1:2:ffff::9'))).toBe('2001:db8:1:2::/64');
    expect(search.clientOf(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('refuses a reader over their allowance, with the time to wait, and serves the next reader', async () => {
    const search = limits();
    for (let index = 0; index < 3; index += 1) expect(await search.admit(request('203.0.113.9'))).toEqual({ ok: true });
    const refused = await search.admit(request('203.0.113.9'));
    expect(refused).toMatchObject({ ok: false, reason: 'client' });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await search.admit(request('203.0.113.10'))).toEqual({ ok: true });
  });

  it('refuses everyone once the server-wide allowance is used', async () => {
    const search = new RequestLimits({ perClient: { requests: 100, seconds: 60 }, totalPerSecond: 2, trustedProxies: ['loopback'] });
    expect(await search.admit(request('203.0.113.1'))).toEqual({ ok: true });
    expect(await search.admit(request('203.0.113.2'))).toEqual({ ok: true });
    expect(await search.admit(request('203.0.113.3'))).toMatchObject({ ok: false, reason: 'total' });
  });

  it('counts all clients together only, when there is no per-client allowance', async () => {
    const feedback = new RequestLimits({ totalPerSecond: 2, trustedProxies: ['loopback'] });
    expect(await feedback.admit(request('203.0.113.1'))).toEqual({ ok: true });
    expect(await feedback.admit(request('203.0.113.1'))).toEqual({ ok: true });
    const refused = await feedback.admit(request('203.0.113.2'));
    expect(refused).toMatchObject({ ok: false, reason: 'total', retryAfterSeconds: 1 });
  });

  it('keeps one client to its share of a second, so that it cannot use up the total for all', async () => {
    const form = new RequestLimits({ perClient: { requests: 30, seconds: 60, perSecond: 2 }, totalPerSecond: 5, trustedProxies: ['loopback'] });
    const loud = request('127.0.0.1', '203.0.113.1');
    expect(await form.admit(loud)).toEqual({ ok: true });
    expect(await form.admit(loud)).toEqual({ ok: true });
    const refused = await form.admit(loud);
    expect(refused).toMatchObject({ ok: false, reason: 'client', retryAfterSeconds: 1 });
    for (let index = 0; index < 20; index += 1) expect(await form.admit(loud)).toMatchObject({ ok: false, reason: 'client' });
    // The total still has room for the others.
    expect(await form.admit(request('127.0.0.1', '203.0.113.2'))).toEqual({ ok: true });
    expect(await form.admit(request('127.0.0.1', '203.0.113.3'))).toEqual({ ok: true });
  });

  it('gives a reader back a request the server failed to serve', async () => {
    const limits = new RequestLimits({ perClient: { requests: 1, seconds: 600 }, trustedProxies: ['loopback'] });
    expect(await limits.admit(request('203.0.113.9'))).toEqual({ ok: true });
    await limits.giveBack(request('203.0.113.9'));
    expect(await limits.admit(request('203.0.113.9'))).toEqual({ ok: true });
    expect(await limits.admit(request('203.0.113.9'))).toMatchObject({ ok: false, reason: 'client' });
  });
});

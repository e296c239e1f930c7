import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFirstAdmin, TEST_ADMIN } from '@malardalsradet/test-support/adminApi';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { cms } from './support/contentApi';
import { forwardRequest } from '@malardalsradet/test-support/forwardRequest';

// Secrets a production CMS needs beyond those every scratch CMS gets.
const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  SITE_WEBHOOK_SECRET: 'a-long-random-webhook-value-0123456789',
  PREVIEW_SECRET: 'a-long-random-preview-value-0123456789',
  // The small proxy below connects from 127.0.0.2; tests talk to the CMS directly from 127.0.0.1.
  TRUSTED_PROXIES: '127.0.0.2',
};

/**
 * A TLS proxy's stand-in: forwards to the CMS from 127.0.0.2, adding the client's address (here
 * chosen by the test with x-test-client) to X-Forwarded-For and X-Forwarded-Proto: https, as
 * nginx or Caddy do.
 */
const startProxy = async (target: string) => {
  const { hostname, port } = new URL(target);
  const server = http.createServer((request, response) => {
    const { 'x-test-client': client = '203.0.113.99', ...headers } = request.headers;
    const forwardedFor = headers['x-forwarded-for'] ? `${String(headers['x-forwarded-for'])}, ${String(client)}` : String(client);
    forwardRequest(request, response, {
      host: hostname,
      port,
      localAddress: '127.0.0.2',
      headers: { ...headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'https' },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
};

/** One admin login attempt; the status and the cookies it set. */
const logIn = async (url: string, password: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: TEST_ADMIN.email, password, rememberMe: true }),
  });
  await response.arrayBuffer();
  return { status: response.status, cookies: response.headers.getSetCookie() };
};

describe('production start', () => {
  it('refuses placeholder or missing secrets, naming them in one message without a stack trace', async () => {
    const failure = await startCms({ ...PRODUCTION_ENV, APP_KEYS: 'change-me-1,change-me-2', PREVIEW_SECRET: '' }).then(
      () => new Error('The CMS started'),
      (error: unknown) => error as Error,
    );
    expect(failure.message).toMatch(
      /\[cms\] Cannot start: the environment is wrong \(see apps\/cms\/.env.example\):\n {2}APP_KEYS is still a placeholder;.*\n {2}PREVIEW_SECRET is not set;/,
    );
    expect(failure.message).not.toMatch(/^\s+at /m);
  });
});

// A second CMS, started as in production, on its own scratch database.
describe('GraphQL in production', () => {
  let production: CmsProcess;
  beforeAll(async () => {
    production = await startCms(PRODUCTION_ENV);
  });
  afterAll(() => production?.stop());

  it('turns introspection off', async () => {
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('answers GraphQL errors without stack traces or file paths', async () => {
    const queries = [
      '{ plans { noSuchField } }',
      '{ plans(pagination: { limit: 1000 }) { title } }',
      '{ plan(documentId: "x", status: DRAFT) { title } }',
      'query { plans(filters: { year: { eq: "not a number" } }) { title } }',
      '{',
    ];
    for (const query of queries) {
      const response = await fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      expect(text, query).toContain('"errors"');
      expect(text, query).not.toMatch(/stacktrace|node_modules|\/app\/|\.js:\d+|\bat [A-Za-z.]+ \(/);
    }
  });

  it('spells out no part of the schema in its errors ("Did you mean …")', async () => {
    const requests = [
      { query: '{ plans { titl } }' },
      { query: '{ plan { title } }' },
      { query: 'query Plans($status: PublicationStatus) { plans(status: $status) { title } }', variables: { status: 'PUBLISHE' } },
      { query: '{ plans(sort: "title", filter: { year: { eq: 2018 } }) { title } }' },
    ];
    for (const request of requests) {
      const response = await fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      expect(body.errors?.length, request.query).toBeGreaterThan(0);
      expect(JSON.stringify(body), request.query).not.toMatch(/Did you mean/i);
    }
  });

  it('serves no Apollo landing page', async () => {
    const response = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    const body = await response.text();
    expect(response.headers.get('content-type')).not.toMatch(/html/);
    expect(body).not.toMatch(/<html|sandbox|playground/i);
  });
});

// The production CMS behind the proxy: the throttle counts per real client, the proxy alone says
// who that is, and cookies are Secure when the public side is https.
describe('behind the TLS proxy', () => {
  let production: CmsProcess;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    production = await startCms(PRODUCTION_ENV);
    await registerFirstAdmin(production.url);
    proxy = await startProxy(production.url);
  });
  afterAll(async () => {
    proxy?.close();
    await production?.stop();
  });

  it("refuses client A's sixth wrong password while client B still logs in, with a Secure cookie", async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await logIn(proxy.url, 'wrong-password-1', { 'x-test-client': '203.0.113.10' })).status, `attempt ${attempt}`).toBe(400);
    }
    expect((await logIn(proxy.url, 'wrong-password-1', { 'x-test-client': '203.0.113.10' })).status).toBe(429);
    const b = await logIn(proxy.url, TEST_ADMIN.password, { 'x-test-client': '203.0.113.20' });
    expect(b.status).toBe(200);
    expect(b.cookies.length).toBeGreaterThan(0);
    for (const cookie of b.cookies) expect(cookie.toLowerCase()).toContain('; secure');
  });

  it('does not let a client that talks to the CMS directly pick its address or protocol', async () => {
    // Forwarded headers from anyone but the proxy are dropped: no Secure cookie over plain HTTP…
    const direct = await logIn(production.url, TEST_ADMIN.password, { 'x-forwarded-for': '198.51.100.1', 'x-forwarded-proto': 'https' });
    expect(direct.status).toBe(200);
    for (const cookie of direct.cookies) expect(cookie.toLowerCase()).not.toContain('; secure');
    // …and a new forged address on every try still counts as the same client.
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      statuses.push((await logIn(production.url, 'wrong-password-2', { 'x-forwarded-for': `198.51.100.${attempt + 10}` })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });
});

// Slowloris: a client that sends its request a byte at a time holds a connection (and the CMS's
// memory for it) for as long as the server waits for the headers.
describe('slow clients', () => {
  it('are cut off within 15 s when their headers do not arrive', async () => {
    const { hostname, port } = new URL(cms().url);
    const socket = net.connect({ host: hostname, port: Number(port) });
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const started = Date.now();
    socket.write('GET /_health HT');
    const answer: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => answer.push(chunk));
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('close', resolve));
    const held = Date.now() - started;
    expect(held).toBeLessThanOrEqual(15_000);
    // Node answers 408 when it can, or just closes the connection.
    expect(['', 'HTTP/1.1 408']).toContain(Buffer.concat(answer).toString().slice(0, 12));
  }, 30_000);
});

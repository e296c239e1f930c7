import { readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signWebhook } from '@malardalsradet/site-contract';
import { hookHeaders, TEST_SITE_WEBHOOK_SECRET } from './support/site';

// The site server as HTTP clients and caches see it, over real connections to the server that
// the end-to-end setup started.
let siteUrl: string;
let agent: http.Agent;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with full control over method, headers and body (fetch forbids TRACE and some headers). */
const send = (pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) =>
  new Promise<Answer>((resolve, reject) => {
    const request = http.request(`${siteUrl}${pathname}`, { method: init.method ?? 'GET', headers: init.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(init.body);
  });

/**
 * A raw request, bytes as given (Node's own client will not send some of them); resolves with
 * the status line's code (0 when the server just closes) and the response head.
 */
const sendRawAnswer = (bytes: string) =>
  new Promise<{ status: number; head: string }>((resolve) => {
    const { port } = new URL(siteUrl);
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0), head: answer.split('\r\n\r\n')[0]?.toLowerCase() ?? '' }),
    );
    socket.on('error', () => resolve({ status: 0, head: '' }));
    socket.setTimeout(5000, () => socket.destroy());
  });
const sendRaw = async (bytes: string) => (await sendRawAnswer(bytes)).status;

const status = async () => {
  const answer = await send('/hooks/status', { headers: hookHeaders('GET', '/hooks/status') });
  return JSON.parse(answer.body.toString()) as {
    buildsSinceStart: number;
    live: { id: string };
    building: boolean;
    queued: boolean;
    lastBuild: { result: string };
  };
};

const expectSecurityHeaders = (answer: Answer, label: string) => {
  expect(answer.headers['content-security-policy'], label).toContain("default-src 'self'");
  expect(answer.headers['x-content-type-options'], label).toBe('nosniff');
};

beforeAll(() => {
  siteUrl = inject('site').siteUrl;
  agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
});

describe('methods and addresses', () => {
  it('answers methods other than GET and HEAD with 405 and Allow, security headers included', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
      const body = method === 'TRACE' ? '' : 'x';
      const { status: code, head } = await sendRawAnswer(
        `${method} / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      expect(code, method).toBe(405);
      expect(head, method).toContain('\r\nallow: get, head');
      expect(head, method).toContain("\r\ncontent-security-policy: default-src 'self'");
      expect(head, method).toContain('\r\nx-content-type-options: nosniff');
    }
    const hook = await send('/hooks/publish');
    expect(hook.status).toBe(405);
    expect(hook.headers.allow).toBe('POST');
    expectSecurityHeaders(hook, 'GET /hooks/publish');
  });

  it('answers internal routes of Astro (/_image) and unknown addresses with the 404 page', async () => {
    for (const pathname of ['/_image?href=https://example.org/a.png&w=100', '/_server-islands/x', '/finns-inte/']) {
      const answer = await send(pathname);
      expect(answer.status, pathname).toBe(404);
      expect(answer.body.toString(), pathname).toContain('Sidan finns inte');
      expectSecurityHeaders(answer, pathname);
    }
  });
});

describe('content negotiation', () => {
  it('sends brotli, gzip or the plain page as the client prefers, each with its own ETag', async () => {
    const plain = await send('/', { headers: { 'accept-encoding': 'identity' } });
    const br = await send('/', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    const gzip = await send('/', { headers: { 'accept-encoding': 'br;q=0.5, gzip;q=0.8' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    for (const answer of [plain, br, gzip]) expect(answer.headers.vary).toBe('accept-encoding');
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
  });

  it('honours refusals: q=0, identity, and nothing acceptable', async () => {
    expect((await send('/', { headers: { 'accept-encoding': 'gzip;q=0' } })).headers['content-encoding']).toBeUndefined();
    expect((await send('/', { headers: { 'accept-encoding': 'br;q=0, gzip' } })).headers['content-encoding']).toBe('gzip');
    expect((await send('/', { headers: { 'accept-encoding': '' } })).headers['content-encoding']).toBeUndefined();
    expect((await send('/', { headers: { 'accept-encoding': '*' } })).headers['content-encoding']).toBe('br');
    expect((await send('/', { headers: { 'accept-encoding': 'identity;q=0, *;q=0' } })).status).toBe(406);
  });
});

describe('conditional requests', () => {
  it('answers 304 to a matching strong or weak tag, a list that holds it, and *', async () => {
    const first = await send('/inriktningsmal/', { headers: { 'accept-encoding': 'gzip' } });
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^"[^"]+-gz"$/);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"something-else", ${etag}`, '*']) {
      const answer = await send('/inriktningsmal/', { headers: { 'accept-encoding': 'gzip', 'if-none-match': ifNoneMatch } });
      expect(answer.status, ifNoneMatch).toBe(304);
      expect(answer.body.length).toBe(0);
      expect(answer.headers.etag).toBe(etag);
    }
    expect((await send('/inriktningsmal/', { headers: { 'accept-encoding': 'gzip', 'if-none-match': '"something-else"' } })).status).toBe(200);
    // The tag of another coding is another representation.
    expect((await send('/inriktningsmal/', { headers: { 'accept-encoding': 'br', 'if-none-match': etag } })).status).toBe(200);
  });

  it('sends Last-Modified and answers If-Modified-Since', async () => {
    const first = await send('/en/');
    const lastModified = first.headers['last-modified'] ?? '';
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    expect((await send('/en/', { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await send('/en/', { headers: { 'if-modified-since': 'Thu, 01 Jan 2004 00:00:00 GMT' } })).status).toBe(200);
    expect((await send('/en/', { headers: { 'if-modified-since': 'not a date' } })).status).toBe(200);
  });
});

describe('byte ranges', () => {
  it('sends a single range of the plain body, refuses one outside the file, and follows If-Range', async () => {
    const whole = await send('/sitemap.xml', { headers: { 'accept-encoding': 'identity' } });
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const part = await send('/sitemap.xml', { headers: { 'accept-encoding': 'identity', range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${whole.body.length}`);
    expect(part.body.equals(whole.body.subarray(0, 10))).toBe(true);
    const tail = await send('/sitemap.xml', { headers: { 'accept-encoding': 'identity', range: 'bytes=-5' } });
    expect(tail.body.equals(whole.body.subarray(-5))).toBe(true);
    const outside = await send('/sitemap.xml', { headers: { 'accept-encoding': 'identity', range: `bytes=${whole.body.length + 10}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${whole.body.length}`);
    const stale = await send('/sitemap.xml', { headers: { 'accept-encoding': 'identity', range: 'bytes=0-9', 'if-range': '"old"' } });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(whole.body.length);
  });
});

describe('slow clients', () => {
  /** A raw connection that sends `head` and then one more header byte every `dripMs` (none when 0); resolves with what came back and when. */
  const slowClient = (head: string, dripMs: number) =>
    new Promise<{ answer: string; closedAfterMs: number }>((resolve) => {
      const { port } = new URL(siteUrl);
      const started = Date.now();
      let answer = '';
      let drip: NodeJS.Timeout | undefined;
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(head);
        if (dripMs > 0) drip = setInterval(() => socket.write('a'), dripMs);
      });
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ answer, closedAfterMs: Date.now() - started });
      });
      // The test's own bound: far beyond what the server may take.
      setTimeout(() => socket.destroy(), 40_000).unref();
    });

  it('cuts off a client that sends its headers slowly, or stops sending them, within 15 s, and keeps an idle keep-alive connection', async () => {
    const idleKeepAlive = new Promise<{ first: number; second: number }>((resolve, reject) => {
      const { port } = new URL(siteUrl);
      const socket = net.connect(Number(port), '127.0.0.1');
      let answer = '';
      const statuses = () => [...answer.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      // Idle between two requests for longer than the headers may take: that is keep-alive's time, not a slow request.
      setTimeout(() => socket.write('GET /en/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 12_000);
      socket.on('close', () => resolve({ first: statuses()[0] ?? 0, second: statuses()[1] ?? 0 }));
    });
    const [dripping, stalled] = await Promise.all([
      slowClient('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ', 500),
      slowClient('POST /synpunkter HTTP/1.1\r\nHost: x\r\n', 0),
    ]);
    for (const [name, client] of Object.entries({ dripping, stalled })) {
      expect(client.answer, name).toMatch(/^HTTP\/1\.1 408 /);
      expect(client.closedAfterMs, name).toBeLessThanOrEqual(15_000);
    }
    expect(await idleKeepAlive).toEqual({ first: 200, second: 200 });
  }, 60_000);
});

describe('hostile and malformed requests', () => {
  it('answers 10,000 of them without a 5xx, stays up and builds nothing', async () => {
    const before = await status();
    // A small seeded generator: the same requests on every run.
    let seed = 20261127;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    // Methods Node's own client sends without trouble; the others go raw below.
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PROPFIND'];
    const paths = [
      '/',
      '/en/',
      '/inriktningsmal/',
      '/verksamhetsplaner/2018/',
      '/sitemap.xml',
      '/favicon.svg',
      '/404.html',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%ff%fe',
      '/%00',
      '/%',
      '//',
      '/a%2fb',
      '/?<script>alert(1)</script>',
      `/${'a'.repeat(4000)}`,
      '/_image?href=//evil.example&w=9',
      '/preview/plan/x',
      '/preview/plan/x?signature=abc&expires=99999999999',
      '/preview/../hooks/status',
      '/hooks/publish',
      '/hooks/status',
      '/hooks/publish?x=1',
      '/verksamhetsplaner/2018/..%2f..%2f',
      '/prioriterade-omraden/%E2%80%AE',
      '/en/reports/2017/?utm=1',
      '/index.html',
      '/en/index.html/',
      // Search and the feedback form: control characters, quotes and FTS5's syntax, in both languages.
      '/sok?q=%00plan',
      '/sok?q=plan%00',
      '/sok?q=%01%02%03%1b%7f',
      `/sok?q=${'%00'.repeat(40)}`,
      '/en/search?q=%C2%85%C2%9F',
      '/en/search?q=%22plan%22*%20OR%20NEAR(a%20b)',
      '/sok?q=%ff%fe%00',
      '/sok?q=%E2%80%AE%00%0B%0C',
      '/synpunkter',
      '/synpunkter?sida=%00%01',
      '/en/feedback?page=%1b[2J',
      '/synpunkter/tack',
      '/en/feedback/thanks',
    ];
    const encodings = ['', 'br', 'gzip;q=0', 'br;q=abc', '*;q=-1', 'gzip;q=1.5', 'identity;q=0', 'x'.repeat(500), 'br, gzip, '.repeat(50), ';;;,,,'];
    const validators = ['*', 'W/', '"', '""', 'W/"x", *', 'garbage', 'Thu, 99 Foo 2004', '"a"'.repeat(200)];
    const ranges = ['bytes=0-', 'bytes=-0', 'bytes=5-1', 'bytes=abc', 'items=0-1', 'bytes=0-1,2-3,4-5', `bytes=0-${2 ** 60}`, 'bytes='];
    const bodies = ['', '{', 'null', '[]', '{"event":1}', '{"event":"entry.explode"}', 'x'.repeat(70_000), '\u0000\u0001'];
    // Bodies the hook refuses even when signed right (no model, another model, ids that are not documentIds).
    const hookBodies = [
      '{"event":"entry.publish"}',
      '{"event":"entry.update","model":"plan"}',
      '{"event":"entry.publish","model":"user","entry":{"documentId":"abcdefghijklmnopqrstuvwx"}}',
      '{"event":"entry.publish","model":"organisation","entry":{"documentId":"x"}}',
      '{"event":"entry.delete","model":"plan","entry":{"documentId":42}}',
      '{"event":"media.update","media":{"documentId":"../../etc/passwd"}}',
      `{"event":"entry.publish","model":"plan","entry":{"documentId":"${'a'.repeat(5000)}"}}`,
    ];
    /** Signed right, with another secret, for another path, or ten minutes ago. */
    const hookSignature = (method: string, pathname: string, body = '') => {
      const roll = random();
      if (roll < 0.4) return hookHeaders(method, pathname, body);
      if (roll < 0.6) return hookHeaders(method, pathname, body, 'wrong-secret-123456');
      if (roll < 0.8) return hookHeaders(method, pathname === '/hooks/status' ? '/hooks/publish' : '/hooks/status', body);
      return signWebhook(TEST_SITE_WEBHOOK_SECRET, { method, path: pathname, body }, Date.now() - 600_000);
    };
    const raw = [
      'TRACE / HTTP/1.1\r\nHost: x\r\n\r\n',
      'PATCH /hooks/publish HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx',
      'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org\r\n\r\n',
      'BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'GET /\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nBad Header: \u0001\r\n\r\n',
      `GET /${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      'POST /hooks/publish HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'GARBAGE\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'GET /preview/plan/x?locale=sv HTTP/1.1\r\nHost: exa mple:99999\r\nX-Forwarded-For: 192.0.2.200\r\n\r\n',
      'GET /preview/plan/x HTTP/1.1\r\nHost: [::1\r\nX-Forwarded-For: 192.0.2.200\r\n\r\n',
      'GET /sok?q=%00plan HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.200\r\n\r\n',
      'POST /synpunkter HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.200\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 12\r\n\r\nmessage=a%00',
    ];
    // Posts of the form: hostile text, which is refused and kept nowhere; a valid message only
    // from another site, which is refused too; the honeypot, which is thanked and kept nowhere.
    const feedbackBodies = [
      'message=a%00b',
      'message=%01%02&page=%00',
      'message=ok&page=%1b[2J',
      'message=%C2%85',
      'website=x&message=spam',
      'message=',
      '%%%&&&===',
    ];
    const crossSite = [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    const isFeedback = (pathname: string) => /^\/(synpunkter|en\/feedback)(\?|$)/.test(pathname);
    const outboxBefore = readdirSync(inject('site').feedbackOutboxDir);

    const TOTAL = 10_000;
    const serverErrors: string[] = [];
    const seen = new Map<number, number>();
    const count = (code: number) => seen.set(code, (seen.get(code) ?? 0) + 1);
    let sent = 0;
    const worker = async () => {
      while (sent < TOTAL) {
        sent++;
        if (random() < 0.08) {
          const request = pick(raw);
          const code = await sendRaw(request);
          count(code);
          if (code >= 500) serverErrors.push(`raw ${JSON.stringify(request.slice(0, 60))}: ${code}`);
          continue;
        }
        const method = pick(methods);
        const pathname = pick(paths);
        const headers: Record<string, string> = {};
        if (random() < 0.6) headers['accept-encoding'] = pick(encodings);
        if (random() < 0.3) headers['if-none-match'] = pick(validators);
        if (random() < 0.2) headers['if-modified-since'] = pick(validators);
        if (random() < 0.3) headers.range = pick(ranges);
        if (random() < 0.1) headers['if-range'] = pick(validators);
        if (random() < 0.2) headers['x-forwarded-proto'] = pick(['https', 'http', 'https, http', '']);
        const hook = pathname.startsWith('/hooks/') && random() < 0.5;
        // On-demand pages count against one reader's share: the fuzz is one reader, whose share never reaches the totals.
        if (!pathname.startsWith('/hooks/')) headers['x-forwarded-for'] = '192.0.2.200';
        let body = ['POST', 'PUT', 'PATCH'].includes(method) ? pick(hook ? hookBodies : bodies) : undefined;
        if (method === 'POST' && isFeedback(pathname)) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          if (random() < 0.3) {
            Object.assign(headers, pick(crossSite));
            body = 'message=Billiga%20klockor';
          } else body = pick(feedbackBodies);
        }
        // Signed right, only bodies the hook refuses: nothing may be built.
        if (hook) Object.assign(headers, hookSignature(method, pathname, body));
        const answer = await send(pathname, { method, headers, body }).catch((error: Error) => ({ status: 0, error: error.message }));
        count(answer.status);
        if (answer.status >= 500 && answer.status !== 503)
          serverErrors.push(`${method} ${pathname.slice(0, 60)} ${JSON.stringify(headers)}: ${answer.status}`);
        if (answer.status === 503) serverErrors.push(`${method} ${pathname.slice(0, 60)}: 503 (the live release went away)`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(serverErrors.slice(0, 20)).toEqual([]);
    // Every request was answered (or, for raw bytes Node's parser refuses, closed), and the mix
    // reached every kind of answer.
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
    for (const code of [200, 206, 304, 400, 401, 403, 404, 405, 416, 429]) expect(seen.get(code) ?? 0, `answers ${code}`).toBeGreaterThan(0);
    // Nothing hostile, and nothing from another site, was kept for the CMS.
    expect(readdirSync(inject('site').feedbackOutboxDir)).toEqual(outboxBefore);
    expect((await send('/')).status).toBe(200);
    const after = await status();
    expect(after.buildsSinceStart).toBe(before.buildsSinceStart);
    expect(after.live.id).toBe(before.live.id);

    // Bursts of correctly signed events that name nothing the site has (or the organisation under
    // another documentId), and a replay: they may make a build that changes nothing, never a release.
    const hits = async () => /(\d+) träffar för|(1) träff för/.exec((await send('/sok?q=ideell')).body.toString());
    const hitsBefore = (await hits())?.slice(1).join('');
    const unknown = (index: number) => `zz${String(index).padStart(22, '0')}`;
    const events = [
      ...Array.from({ length: 300 }, (_, index) => ({
        event: 'entry.publish',
        model: pick(['organisation', 'accessibility-statement', 'goal', 'plan']),
        entry: { documentId: unknown(index) },
      })),
      ...Array.from({ length: 300 }, (_, index) => ({ event: 'entry.delete', model: 'report', entry: { documentId: unknown(index % 3) } })),
      ...Array.from({ length: 500 }, (_, index) => ({ event: 'media.update', media: { documentId: unknown(index) } })),
      { event: 'entry.publish', model: 'plan', entry: null },
    ];
    const hookAnswers = await Promise.all(
      events.map((event) => {
        const body = JSON.stringify(event);
        return send('/hooks/publish', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...hookHeaders('POST', '/hooks/publish', body) },
          body,
        });
      }),
    );
    expect(new Set(hookAnswers.map((answer) => answer.status))).toEqual(new Set([202]));
    const captured = {
      method: 'POST',
      headers: hookHeaders('POST', '/hooks/publish', '{"event":"entry.publish","model":"plan"}'),
      body: '{"event":"entry.publish","model":"plan"}',
    };
    expect((await send('/hooks/publish', captured)).status).toBe(202);
    expect((await send('/hooks/publish', captured)).status).toBe(401);
    let settled = await status();
    for (let waited = 0; settled.building || settled.queued; waited += 100) {
      if (waited > 60_000) throw new Error('The bursts never settled');
      await new Promise((resolve) => setTimeout(resolve, 100));
      settled = await status();
    }
    expect(settled.lastBuild.result).toBe('unchanged');
    expect(settled.live.id).toBe(before.live.id);
    expect((await hits())?.slice(1).join('')).toBe(hitsBefore);
    expect((await send('/')).status).toBe(200);
  });
});

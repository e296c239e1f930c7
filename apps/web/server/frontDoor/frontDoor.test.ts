// The front door against a real Varnish (Debian's varnishd with vmod xkey, as apps/front-door's
// image has them), started on this machine by the image's own start.sh and VCL, in front of a
// real site server over a real releases folder: the keys the server sends, the purges a publish
// makes, what passes through, and what is served while the site server is down.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, type Locale } from '@malardalsradet/site-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_TEXT_KEYS, type ServerTextKey, type SiteDeclaration } from '../../renderer-contract/index.ts';
import { LiveRelease, type LoadedRelease } from '../publishing/liveRelease.ts';
import type { BuildOutcome } from '../publishing/rebuildQueue.ts';
import { ReleaseStore, type PageRecord } from '../publishing/releases.ts';
import type { SiteServer } from '../serving/siteServer.ts';
import { manyRequests, siteServerWithoutBuilds } from '../serving/siteServerFixture.ts';
import { keysOfPage, MAX_KEYS_BYTES, pathKey, purgeKeysOfChange } from './cacheKeys.ts';
import { FrontDoorPurge } from './frontDoorPurge.ts';

const FRONT_DOOR_DIR = fileURLToPath(new URL('../../../front-door/', import.meta.url));
const SECRET = 'a-purge-secret-of-32-characters-x';
// Debian's packages (apt-get install varnish varnish-modules); without them this part is skipped, and says so.
const hasVarnish = spawnSync('sh', ['-c', 'command -v varnishd && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so']).status === 0;
if (!hasVarnish)
  console.warn('varnishd with vmod xkey is not installed here: the front door tests are skipped (apt-get install varnish varnish-modules).');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const site: SiteDeclaration = {
  routes: {
    search: { sv: '/sok', en: '/en/search' },
    feedback: { sv: '/synpunkter', en: '/en/feedback' },
    feedbackThanks: { sv: '/tack', en: '/en/thanks' },
    feedbackBusy: { sv: '/upptaget/', en: '/en/busy/' },
  },
  texts: Object.fromEntries(
    LOCALES.map((locale) => [locale, Object.fromEntries(SERVER_TEXT_KEYS.map((key) => [key, `${key} (${locale})`]))]),
  ) as Record<Locale, Record<ServerTextKey, string>>,
};

describe.skipIf(!hasVarnish)('the front door (Varnish with xkey) in front of a site server', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'front-door-'));
  const logs: string[] = [];
  let varnish: ChildProcess;
  let frontDoor = '';
  let siteServer: SiteServer;
  let sitePort = 0;
  let store: ReleaseStore;
  let live: LiveRelease;
  let previous: LoadedRelease | null = null;
  /** What reached the site server: path and X-Forwarded-For. */
  const reached: { url: string; forwardedFor: string | undefined }[] = [];
  let purger: FrontDoorPurge;

  const html = (title: string) => store.writeBlob(Buffer.from(`<!doctype html><html><body><h1>${title}</h1></body></html>`));
  /** Publishes a release of three pages, `/a/` reading doc1, `/b/` reading doc2, the start page reading the list. */
  const publish = (titles: { a: string; b: string; start: string }, extraPages: Record<string, { title: string; dependencies: string[] }> = {}) => {
    const files: Record<string, string> = {
      '/index.html': html(titles.start),
      '/en/index.html': html('Start (en)'),
      '/a/index.html': html(titles.a),
      '/b/index.html': html(titles.b),
      '/robots.txt': store.writeBlob(Buffer.from('User-agent: *\n')),
      '/404.html': html('Sidan finns inte'),
      '/sitemap.xml': store.writeBlob(Buffer.from('<urlset><url><loc>https://example.org/</loc></url></urlset>')),
      '/_astro/site.css': store.writeBlob(Buffer.from('body { color: black }')),
    };
    const pages: Record<string, PageRecord> = {
      '/': { file: '/index.html', dependencies: ['plan:sv:*'] },
      '/a/': { file: '/a/index.html', owner: 'plan:sv:doc1', dependencies: ['plan:sv:doc1'] },
      '/b/': { file: '/b/index.html', owner: 'plan:sv:doc2', dependencies: ['plan:sv:doc2'] },
      '/robots.txt': { file: '/robots.txt', dependencies: [] },
    };
    for (const [pagePath, page] of Object.entries(extraPages)) {
      files[`${pagePath}index.html`] = html(page.title);
      pages[pagePath] = { file: `${pagePath}index.html`, dependencies: page.dependencies };
    }
    const made = { kind: 'change', codeVersion: 'code', contentHash: JSON.stringify(titles), fingerprint: 'cms' } as const;
    previous = live.publish({ files, pages, site }, made, previous, new AbortController().signal);
  };

  const get = async (pathname: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${frontDoor}${pathname}`, { headers: { 'accept-encoding': 'identity', ...headers } });
    return { status: response.status, body: await response.text(), headers: response.headers };
  };
  const debug = (pathname: string) => get(pathname, { 'x-front-door-debug': SECRET });
  const outcome = (changes?: BuildOutcome['changes']): BuildOutcome => ({
    kind: changes ? 'change' : 'full',
    result: 'success',
    renderedPages: [],
    renderedCount: 0,
    ...(changes ? { changes } : {}),
  });

  const startSiteServer = async () => {
    siteServer = siteServerWithoutBuilds(live, {
      feedback: {
        receive: () => Promise.resolve({ status: 303, location: '/tack' }),
        outboxState: () => ({ waiting: 0, setAside: 0, full: false }),
      },
      feedbackPostLimits: manyRequests(),
    });
    siteServer.server.on('request', (request: { url?: string; headers: Record<string, string | string[] | undefined> }) => {
      if (request.headers.host !== 'front-door-probe')
        reached.push({ url: request.url ?? '', forwardedFor: request.headers['x-forwarded-for'] as string | undefined });
    });
    await new Promise<void>((resolve) => siteServer.server.listen(sitePort, '127.0.0.1', resolve));
  };
  const stopSiteServer = () =>
    new Promise<void>((resolve) => {
      siteServer.server.close(() => resolve());
      siteServer.server.closeAllConnections();
    });

  beforeAll(async () => {
    chmodSync(work, 0o755);
    store = new ReleaseStore(path.join(work, 'releases'), 3, () => {});
    live = new LiveRelease(store, [], () => {});
    publish({ a: 'A1', b: 'B1', start: 'Start1' });
    sitePort = await freePort();
    await startSiteServer();

    const vclDir = path.join(work, 'vcl');
    mkdirSync(vclDir, { recursive: true });
    chmodSync(vclDir, 0o755);
    copyFileSync(path.join(FRONT_DOOR_DIR, 'front-door.vcl'), path.join(vclDir, 'front-door.vcl'));
    const listen = await freePort();
    frontDoor = `http://127.0.0.1:${listen}`;
    varnish = spawn('sh', [path.join(FRONT_DOOR_DIR, 'start.sh')], {
      env: {
        ...process.env,
        FRONT_DOOR_BACKENDS: `127.0.0.1:${sitePort}`,
        FRONT_DOOR_PURGE_SECRET: SECRET,
        FRONT_DOOR_LISTEN: `127.0.0.1:${listen}`,
        FRONT_DOOR_VCL_DIR: vclDir,
        FRONT_DOOR_STATE_DIR: path.join(work, 'state'),
        FRONT_DOOR_WORKDIR: path.join(work, 'varnish'),
        // Short, so that the test sees an expired page served from grace (grace itself as the
        // stack configures it, 24 h), and long enough that pages do not expire during the purges' checks.
        FRONT_DOOR_TTL: '10s',
        FRONT_DOOR_CACHE_SIZE: '32m',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    varnish.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    varnish.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    const started = Date.now();
    for (;;) {
      const health = await fetch(`${frontDoor}/.front-door/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (health === 204) break;
      if (Date.now() - started > 20_000) throw new Error(`varnishd did not start:\n${logs.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    purger = new FrontDoorPurge({ url: `${frontDoor}/`, secret: SECRET, log: (message) => logs.push(`${message}\n`), repeatAfterMs: 0 });
  }, 30_000);

  afterAll(async () => {
    purger?.stop();
    if (varnish?.exitCode === null) {
      const exited = new Promise((resolve) => varnish.once('exit', resolve));
      varnish.kill('SIGTERM');
      await exited;
    }
    await stopSiteServer().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps pages with their validators, with the keys the site server sends; readers never see the keys', async () => {
    const first = await debug('/a/');
    expect(first.status).toBe(200);
    expect(first.body).toContain('<h1>A1</h1>');
    expect(first.headers.get('xkey')).toBe(`release ${pathKey('/a/')} plan:sv:doc1`);
    expect(first.headers.get('x-front-door')).toBe('miss');
    const again = await debug('/a/');
    expect(again.headers.get('x-front-door')).toMatch(/^hit/);
    // A reader: no keys, no debug; the validators as the site server made them.
    const reader = await get('/a/');
    expect(reader.headers.get('xkey')).toBeNull();
    expect(reader.headers.get('x-front-door')).toBeNull();
    const etag = reader.headers.get('etag');
    expect(etag).toBe(first.headers.get('etag'));
    expect(reader.headers.get('last-modified')).toBeTruthy();
    expect(reader.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    // The front door answers a browser's revalidation itself.
    const revalidated = await fetch(`${frontDoor}/a/`, { headers: { 'accept-encoding': 'identity', 'if-none-match': etag! } });
    expect(revalidated.status).toBe(304);
    // A file that is not a page: its path and the release.
    expect((await debug('/_astro/site.css')).headers.get('xkey')).toBe(`release ${pathKey('/_astro/site.css')}`);
  });

  it('passes search, the feedback form and the preview through uncached, with the reader address in X-Forwarded-For', async () => {
    reached.length = 0;
    for (let i = 0; i < 2; i++) {
      expect((await get('/sok?q=plan')).status).toBe(429); // the site server's own answer, every time
      expect((await get('/synpunkter')).status).toBe(429);
      expect((await get('/preview/plan/abc')).status).toBe(429);
    }
    const posted = await fetch(`${frontDoor}/synpunkter`, { method: 'POST', redirect: 'manual', body: 'message=hej' });
    expect(posted.status).toBe(303);
    expect(reached.map((request) => request.url)).toEqual([
      '/sok?q=plan',
      '/synpunkter',
      '/preview/plan/abc',
      '/sok?q=plan',
      '/synpunkter',
      '/preview/plan/abc',
      '/synpunkter',
    ]);
    expect(new Set(reached.map((request) => request.forwardedFor))).toEqual(new Set(['127.0.0.1']));
    // What the front door tells an operator of them.
    expect((await debug('/sok?q=plan')).headers.get('x-front-door')).toBe('pass');
    expect((await debug('/preview/plan/abc')).headers.get('x-front-door')).toBe('pass');
  });

  it('a publish purges exactly the pages that read what it changed; a full build purges everything', async () => {
    await purger.purgeAll('the test starts from an empty cache');
    for (const page of ['/', '/a/', '/b/']) await get(page);
    for (const page of ['/', '/a/', '/b/']) expect((await debug(page)).headers.get('x-front-door')).toMatch(/^hit, ttl [5-9]\./);
    publish({ a: 'A2', b: 'B1', start: 'Start2' });
    // What the site server would be told by its per-change render of doc1.
    await purger.afterPublish(outcome({ dependencyKeys: ['plan:sv:doc1', 'plan:sv:*'], pagePaths: ['/a/', '/'] }));
    expect((await get('/a/')).body).toContain('<h1>A2</h1>');
    expect((await get('/')).body).toContain('<h1>Start2</h1>');
    // /b/ read nothing that changed: still the cached copy.
    expect((await debug('/b/')).headers.get('x-front-door')).toMatch(/^hit/);

    // A page that appears, and then disappears: purged by its path.
    publish({ a: 'A2', b: 'B1', start: 'Start2' }, { '/c/': { title: 'C1', dependencies: ['plan:sv:doc3'] } });
    await purger.afterPublish(outcome({ dependencyKeys: ['plan:sv:doc3'], pagePaths: ['/c/'] }));
    expect((await get('/c/')).body).toContain('<h1>C1</h1>');
    publish({ a: 'A2', b: 'B1', start: 'Start2' });
    await purger.afterPublish(outcome({ dependencyKeys: [], pagePaths: ['/c/'] }));
    expect((await get('/c/')).status).toBe(404);

    publish({ a: 'A3', b: 'B2', start: 'Start3' });
    await purger.afterPublish(outcome());
    expect((await get('/b/')).body).toContain('<h1>B2</h1>');
    expect((await get('/a/')).body).toContain('<h1>A3</h1>');

    // A site server's start: everything is revalidated (a soft purge), a page changed meanwhile comes back new.
    publish({ a: 'A3', b: 'B3', start: 'Start3' });
    expect((await get('/b/')).body).toContain('<h1>B2</h1>');
    await purger.revalidateAll('the test');
    expect((await get('/b/')).body).toContain('<h1>B3</h1>');
  });

  it('refuses a purge without the secret', async () => {
    await get('/b/');
    const refused = await fetch(`${frontDoor}/`, {
      method: 'PURGE',
      headers: { 'xkey-purge': 'release', 'x-purge-secret': 'wrong-secret-of-some-length' },
    });
    expect(refused.status).toBe(403);
    expect((await debug('/b/')).headers.get('x-front-door')).toMatch(/^hit/);
  });

  it('keeps serving the pages it has, with 200 and their content, while the site server is down; expired pages from grace', async () => {
    for (const page of ['/', '/a/', '/b/']) await get(page);
    await stopSiteServer();
    // At once (the probe has not yet noticed) and after the probe has (sick after 2 of 3 probes, 2 s apart),
    // and past the pages' TTL (10 s here): served from grace (24 h).
    for (const wait of [0, 11_000]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      for (const [page, title] of [
        ['/', 'Start3'],
        ['/a/', 'A3'],
        ['/b/', 'B3'],
      ] as const) {
        const answer = await get(page);
        expect(answer.status, `${page} after ${wait} ms`).toBe(200);
        expect(answer.body).toContain(`<h1>${title}</h1>`);
      }
    }
    // What it never had, it cannot serve.
    expect((await get('/never-asked/')).status).toBe(503);
    // The site server back: expired pages are fetched again (revalidated), not served stale.
    await startSiteServer();
    publish({ a: 'A4', b: 'B3', start: 'Start3' });
    await new Promise((resolve) => setTimeout(resolve, 5000)); // the probe sees it healthy again
    expect((await get('/a/')).body).toContain('<h1>A4</h1>');
  }, 40_000);

  it('a publish while the front door is down is still reported (the purge gives up, a full purge is owed)', async () => {
    const gone = new FrontDoorPurge({
      url: `http://127.0.0.1:${await freePort()}/`,
      secret: SECRET,
      log: () => {},
      retryDelayMs: 10,
      owedRetryMs: 60_000,
    });
    const started = Date.now();
    await gone.afterPublish(outcome({ dependencyKeys: ['plan:sv:doc1'], pagePaths: [] }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(gone.owed).toBe(true);
    gone.stop();
  });
});

describe('cache keys', () => {
  it('name the release, the path and what the page read; a page that read too much names whole lists instead', () => {
    expect(keysOfPage('/a,b/å/', ['plan:sv:x'])).toBe('release path:/a%2Cb/%C3%A5/ plan:sv:x');
    const many = Array.from({ length: 400 }, (_, index) => `area:sv:${String(index).padStart(24, '0')}`);
    const keys = keysOfPage('/omraden/', [...many, 'goal:sv:g1', 'area:sv:*']);
    expect(keys.length).toBeLessThanOrEqual(MAX_KEYS_BYTES);
    expect(keys.split(' ')).toEqual(['release', 'path:/omraden/', 'area:sv:*', 'goal:sv:g1']);
    // Every change of a document purges its list too, which the compacted page carries.
    expect(purgeKeysOfChange(['area:sv:000000000000000000000007'], ['/omraden/x/'])).toEqual([
      'area:sv:*',
      'area:sv:000000000000000000000007',
      'path:/omraden/x/',
    ]);
  });
});

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createArchiveUrl } from '@malardalsradet/site-contract';
import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { ReleaseStore } from '../server/publishing/releases.ts';
import { startPublishingStack, startSiteServer, TEST_PREVIEW_SECRET, WEB_DIR, type SiteServerProcess } from './support/site';

// The site as it was: a scripted history published in a real CMS and served by a real site
// server, fetched over HTTP at three moments and kept; then the archive link and the WARC export
// at those moments, compared with what was fetched, and both again after the server restarts.
const COLLECTION = '/content-manager/collection-types';
const SITE_URL = 'https://www.example.org';
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;
let token: string;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'archive-int-'));

interface Served {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
interface Moment {
  at: Date;
  releaseId: string;
  /** How many files the live release had. */
  files: number;
  /** What the site served at each address of its live release, asked for without a content coding. */
  served: Map<string, Served>;
}

const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 30_000) => {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}\n${site.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const get = async (url: string): Promise<Served> => {
  // Redirects not followed: an old address's 301 is what the site served there.
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' }, redirect: 'manual' });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
};
const text = async (pathname: string) => (await get(`${site.url}${pathname}`)).body.toString();

/** Fetches every page and file of the live release, as a reader would, and the moment it was so. */
const keepWhatIsServed = async (): Promise<Moment> => {
  const releaseId = (await site.status()).live?.id;
  if (!releaseId) throw new Error('Nothing is live');
  const { files, pages } = new ReleaseStore(site.releasesDir, 3, () => {}, { readOnly: true }).manifest(releaseId);
  const served = new Map<string, Served>();
  for (const address of [...Object.keys(files), ...Object.keys(pages)]) served.set(address, await get(`${site.url}${address}`));
  const at = new Date();
  // Nothing went live while it was fetched.
  expect((await site.status()).live?.id).toBe(releaseId);
  return { at, releaseId, files: Object.keys(files).length, served };
};

const publish = (uid: string, documentId: string, action: 'publish' | 'unpublish' = 'publish') =>
  adminRequest(cms.url, jwt, `${COLLECTION}/${uid}/${documentId}/actions/${action}?locale=sv`, { method: 'POST', json: {} });

/** Runs `npm run archive`'s script as the operator would; returns its exit code and output. */
const archive = (at: string, out: string) => {
  const run = spawnSync(process.execPath, [path.join(WEB_DIR, 'server', 'archive.ts'), '--at', at, '--out', out], {
    cwd: WEB_DIR,
    env: { ...process.env, RELEASES_DIR: site.releasesDir, SITE_URL, CMS_URL: cms.url },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

const readWarc = async (file: string) => {
  const records = [];
  for await (const record of new WARCParser(createReadStream(file))) {
    records.push({
      type: record.warcType,
      uri: record.warcTargetURI ?? '',
      date: record.warcDate,
      status: record.httpHeaders?.statusCode,
      headers: Object.fromEntries((record.httpHeaders?.headers ?? []) as Iterable<[string, string]>),
      body: Buffer.from(await record.readFully(true)),
    });
  }
  return records;
};

// Said by Node for each connection, not by the page: not in the archive.
// The connection's own headers, and the front door's cache keys (xkey: the front door takes them
// off, so readers never got them, and the archive answers as readers were answered).
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'xkey']);

// The tests open archive links faster than an editor does: the preview's allowance, which they count in, is tested on its own.
const SITE_ENV = {
  PREVIEW_SECRET: TEST_PREVIEW_SECRET,
  SITE_URL,
  RECONCILE_INTERVAL_MS: '600000',
  PREVIEW_PER_CLIENT_PER_MINUTE: '10000',
  ON_DEMAND_PER_CLIENT_PER_SECOND: '10000',
};
const moments: Moment[] = [];
let areaId = '';
let before: Date;

beforeAll(async () => {
  before = new Date();
  ({ cms, jwt, token, site } = await startPublishingStack('Webbplatsen (arkiv)', SITE_ENV, { cmsLinksToSite: true }));
  // 1: the seeded site.
  moments.push(await keepWhatIsServed());
  // 2: a new priority area published, and a goal's title changed.
  const { results: plans } = await adminJson<{ results: { documentId: string; year: number }[] }>(
    cms.url,
    jwt,
    `${COLLECTION}/api::plan.plan?locale=sv`,
  );
  const area = await adminRequest<{ documentId: string }>(cms.url, jwt, `${COLLECTION}/api::priority-area.priority-area?locale=sv`, {
    method: 'POST',
    json: {
      title: 'Arkivets område',
      slug: 'arkivets-omrade',
      summary: 'Texten som gällde i mars.',
      order: 7,
      plan: { connect: [{ documentId: plans.find((plan) => plan.year === 2018)?.documentId, locale: 'sv' }] },
    },
  });
  areaId = area.documentId;
  await publish('api::priority-area.priority-area', areaId);
  await eventually(async () => (await text('/prioriterade-omraden/arkivets-omrade/')).includes('Texten som gällde i mars.'), 'the new area');
  moments.push(await keepWhatIsServed());
  // 3: the area's text changed and published, then the area unpublished.
  await adminRequest(cms.url, jwt, `${COLLECTION}/api::priority-area.priority-area/${areaId}?locale=sv`, {
    method: 'PUT',
    json: { summary: 'Texten som gällde i april.' },
  });
  await publish('api::priority-area.priority-area', areaId);
  await eventually(async () => (await text('/prioriterade-omraden/arkivets-omrade/')).includes('Texten som gällde i april.'), 'the changed area');
  await publish('api::priority-area.priority-area', areaId, 'unpublish');
  // Its address now says it is gone (410: apps/web/README.md, "Old addresses").
  await eventually(async () => (await get(`${site.url}/prioriterade-omraden/arkivets-omrade/`)).status === 410, 'the area to go');
  moments.push(await keepWhatIsServed());
}, 600_000);

afterAll(async () => {
  await site?.stop();
  await cms?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the live history', () => {
  it('keeps every release that was live, in the order they went live', () => {
    const store = new ReleaseStore(site.releasesDir, 3, () => {}, { readOnly: true });
    const history = store.history();
    expect(history.map((span) => span.releaseId)).toEqual(expect.arrayContaining(moments.map((moment) => moment.releaseId)));
    for (const moment of moments) expect(store.liveAt(moment.at)?.releaseId).toBe(moment.releaseId);
    // The release live between the second and third moments (the April text) is kept too.
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(store.list().map((info) => info.id)).toEqual(expect.arrayContaining(history.map((span) => span.releaseId)));
  });
});

describe('the WARC export', () => {
  it('writes, at each of three moments, every page and file as the site served it then', async () => {
    for (const [index, moment] of moments.entries()) {
      const out = path.join(scratch, `moment-${index}.warc.gz`);
      const run = archive(moment.at.toISOString(), out);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(moment.releaseId);
      const records = await readWarc(out);
      expect(records[0]?.type).toBe('warcinfo');
      const responses = records.slice(1);
      // 200, except an old address's page (a 301 or 410 at that address, apps/web/README.md "Old addresses").
      expect(responses.every((record) => record.type === 'response' && [200, 301, 410].includes(Number(record.status)))).toBe(true);
      const liveFrom = new ReleaseStore(site.releasesDir, 3, () => {}, { readOnly: true }).liveAt(moment.at)?.liveFrom;
      expect(new Set(responses.map((record) => record.date))).toEqual(new Set([liveFrom]));
      // One record per file of the release, each at an address the site answered so.
      const addresses = responses.map((record) => record.uri.slice(SITE_URL.length));
      expect(new Set(addresses).size).toBe(addresses.length);
      expect(addresses.length).toBe(moment.files);
      for (const record of responses) {
        const address = record.uri.slice(SITE_URL.length);
        const served = moment.served.get(address);
        expect(served?.status, address).toBe(Number(record.status));
        expect(record.body.equals(served!.body), `the body of ${address} at moment ${index + 1}`).toBe(true);
        const wire = Object.fromEntries(Object.entries(served!.headers).filter(([name]) => !CONNECTION_HEADERS.has(name)));
        expect(record.headers, `the headers of ${address} at moment ${index + 1}`).toEqual(wire);
      }
    }
    const area = (index: number) =>
      readWarc(path.join(scratch, `moment-${index}.warc.gz`)).then((records) =>
        records.find((record) => record.uri === `${SITE_URL}/prioriterade-omraden/arkivets-omrade/`),
      );
    expect(await area(0)).toBeUndefined();
    expect((await area(1))?.body.toString()).toContain('Texten som gällde i mars.');
    // Unpublished at the third moment: its address answered 410, saying what the page was.
    expect((await area(2))?.status).toBe(410);
    expect((await area(2))?.body.toString()).toContain('finns inte längre på webbplatsen');
  });

  it('refuses a moment before the first release in one line, and writes nothing', () => {
    const out = path.join(scratch, 'before.warc.gz');
    const run = archive(before.toISOString().replace('Z', '+00:00'), out);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim()).toMatch(/^Archive not written: No release was live at \S+: the site's first release went live at \S+\.$/);
    expect(existsSync(out)).toBe(false);
    const malformed = archive('1 mars 2026', out);
    expect(malformed.status).not.toBe(0);
    expect(malformed.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the archive link', () => {
  const link = (page: Parameters<typeof createArchiveUrl>[0], at: Date, now?: number) =>
    createArchiveUrl(page, at, { siteUrl: site.url, secret: TEST_PREVIEW_SECRET, now })!;
  const areaPage = () => ({ uid: 'api::priority-area.priority-area', documentId: areaId, locale: 'sv' });

  const expectArchived = async (moments_: Moment[]) => {
    const [first, second, third] = moments_;
    const then = await get(link(areaPage(), second!.at));
    expect(then.status).toBe(200);
    expect(then.body.equals(second!.served.get('/prioriterade-omraden/arkivets-omrade/')!.body)).toBe(true);
    expect(then.headers).toMatchObject({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
    const { 'cache-control': _cache, 'x-robots-tag': _robots, date: _date, ...rest } = then.headers;
    // The front door's keys (xkey) are not what readers got: it takes them off.
    const {
      'cache-control': _servedCache,
      date: _servedDate,
      xkey: _keys,
      ...servedRest
    } = second!.served.get('/prioriterade-omraden/arkivets-omrade/')!.headers;
    expect(rest).toEqual(servedRest);
    // By address too, and the start page of the first moment.
    expect((await get(link({ path: '/' }, first!.at))).body.equals(first!.served.get('/')!.body)).toBe(true);
    // Gone at the third moment: 404, in Swedish, the link naming a Swedish page.
    const gone = await get(link(areaPage(), third!.at));
    expect(gone.status).toBe(404);
    expect(gone.body.toString()).toBe('Sidan fanns inte på webbplatsen vid den tidpunkten.\n');
    const early = await get(link({ path: '/' }, before));
    expect(early.status).toBe(404);
    expect(early.body.toString()).toContain('Webbplatsen hade inte publicerats vid den tidpunkten');
    expect(early.body.toString()).toContain('The site had not been published at that time');
  };

  it('shows an earlier version of a page as it was served, never cached or indexed', async () => {
    await expectArchived(moments);
  });

  it("is what the CMS's history offers for each publish: the page as that version was served", async () => {
    const { data } = await adminJson<{ data: { event: string; archiveUrl?: string | null }[] }>(
      cms.url,
      jwt,
      `/history/api::priority-area.priority-area/${areaId}?locale=sv`,
    );
    const published = data.filter((version) => version.event === 'publish');
    expect(published).toHaveLength(2);
    // Newest first: the April text, live until the unpublish; then the March text, live until April's publish.
    const [april, march] = published.map((version) => version.archiveUrl);
    expect(march).toMatch(/\/_archive\?/);
    const marchPage = await get(march!);
    expect(marchPage.status).toBe(200);
    expect(marchPage.body.equals(moments[1]!.served.get('/prioriterade-omraden/arkivets-omrade/')!.body)).toBe(true);
    const aprilPage = await get(april!);
    expect(aprilPage.status).toBe(200);
    expect(aprilPage.body.toString()).toContain('Texten som gällde i april.');
    // A draft save links nowhere: it was never live.
    expect(data.filter((version) => version.event === 'draft').every((version) => !version.archiveUrl)).toBe(true);
  });

  it('leads a document that owns no page (the organisation) to the page its release showed it on', async () => {
    const organisation = await adminRequest<{ documentId: string }>(
      cms.url,
      jwt,
      '/content-manager/single-types/api::organisation.organisation?locale=sv',
    );
    const home = await get(link({ uid: 'api::organisation.organisation', documentId: organisation.documentId, locale: 'sv' }, moments[0]!.at));
    expect(home.status).toBe(200);
    expect(home.body.equals(moments[0]!.served.get('/')!.body)).toBe(true);
  });

  it('is refused when altered or expired', async () => {
    const altered = new URL(link(areaPage(), moments[1]!.at));
    altered.searchParams.set('documentId', 'a'.repeat(24));
    const refused = await get(altered.href);
    expect(refused.status).toBe(403);
    expect(refused.headers).toMatchObject({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
    expect(refused.body.toString()).toContain('Länken till arkivet är ändrad eller för gammal.');
    const later = new URL(link(areaPage(), moments[1]!.at));
    later.searchParams.set('at', moments[2]!.at.toISOString());
    expect((await get(later.href)).status).toBe(403);
    const expired = link(areaPage(), moments[1]!.at, Date.now() - 5 * 60 * 60 * 1000);
    expect((await get(expired)).status).toBe(403);
  });

  it('and the export still answer the same after the site server restarts', async () => {
    const releasesDir = site.releasesDir;
    const history = () =>
      new ReleaseStore(releasesDir, 3, () => {}, { readOnly: true }).history().map(({ releaseId, liveFrom }) => `${releaseId} ${liveFrom}`);
    const kept = history();
    await site.crash();
    site = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, ...SITE_ENV }, { releasesDir });
    // The live history as it was (the start's full build finds the content unchanged and makes no release).
    expect(history().slice(0, kept.length)).toEqual(kept);
    await expectArchived(moments);
    const out = path.join(scratch, 'after-restart.warc.gz');
    expect(archive(moments[1]!.at.toISOString(), out).status).toBe(0);
    const record = (await readWarc(out)).find((candidate) => candidate.uri === `${SITE_URL}/prioriterade-omraden/arkivets-omrade/`);
    expect(record?.body.equals(moments[1]!.served.get('/prioriterade-omraden/arkivets-omrade/')!.body)).toBe(true);
  });
});

// `pnpm bench:releases [publishes] [area counts]`: the disk the releases folder uses when every
// release that went live is kept (the site as it was), after many publishes of one page: (a) the
// seeded site, (c) seeded + 10,000 synthetic priority areas (20,031 pages). Real processes: per
// size a fresh CMS sending its webhooks to a fresh site server; an editor's publish through the
// admin API, waited for until its release is live. Prints figures; asserts nothing.
// `node bench/releases.bench.ts 1000 0,10000` (the default); `… 100 0` for a quick look.
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminJson, adminRequest, createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { CMS_DIR, startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { ReleaseStore } from '../server/publishing/releases.ts';
import { freePort, startSiteServer, TEST_SITE_WEBHOOK_SECRET, type SiteServerProcess } from '../test/support/site.ts';
import { median, percentile } from './stats.ts';

const PUBLISHES = Number(process.argv[2] ?? 1000);
const AREA_COUNTS = (process.argv[3] ?? '0,10000').split(',').map(Number);
const COLLECTION = '/content-manager/collection-types/api::priority-area.priority-area';
const AREA_SLUG = 'strategisk-kompetensforsorjning';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Bytes on disk (allocated blocks) under a path, and how many files. */
const diskUse = (target: string): { bytes: number; files: number } => {
  const stat = lstatSync(target);
  if (!stat.isDirectory()) return { bytes: stat.blocks * 512, files: 1 };
  let bytes = stat.blocks * 512;
  let files = 0;
  for (const entry of readdirSync(target)) {
    const inner = diskUse(path.join(target, entry));
    bytes += inner.bytes;
    files += inner.files;
  }
  return { bytes, files };
};

/** The releases folder by part: page bodies (blobs), the site's code builds, the releases' manifests, the live history. */
const releasesDisk = (dir: string) => {
  const parts = { blobs: 0, code: 0, manifests: 0, history: 0, releases: 0 };
  for (const entry of readdirSync(dir)) {
    const { bytes } = diskUse(path.join(dir, entry));
    if (entry === 'blobs') parts.blobs += bytes;
    else if (entry === 'code') parts.code += bytes;
    else if (entry === 'history.jsonl') parts.history += bytes;
    else if (!entry.startsWith('.') && entry !== 'current' && entry !== 'rollback.json') {
      parts.manifests += bytes;
      parts.releases += 1;
    }
  }
  return { ...parts, total: parts.blobs + parts.code + parts.manifests + parts.history };
};

const addSyntheticAreas = (cms: CmsProcess, count: number) => {
  const fill = spawnSync(process.execPath, [path.join(CMS_DIR, 'scripts', 'seed-synthetic-areas.js'), String(count)], {
    cwd: CMS_DIR,
    env: { ...cms.env, BENCH_SCRATCH_DATABASE: 'true' },
    encoding: 'utf8',
  });
  if (fill.status !== 0) throw new Error(`Could not create the synthetic priority areas:\n${fill.stderr.slice(-3000)}`);
};

const measure = async (areas: number) => {
  const label = areas === 0 ? '(a) seeded' : `seeded + ${areas.toLocaleString('en')} areas`;
  console.log(`\n== ${label}: ${PUBLISHES} publishes ==`);
  let cms: CmsProcess | undefined;
  let site: SiteServerProcess | undefined;
  try {
    const sitePort = await freePort();
    cms = await startCms({
      CMS_SEED_ON_START: 'true',
      SITE_WEBHOOK_URL: `http://127.0.0.1:${sitePort}/hooks/publish`,
      SITE_WEBHOOK_SECRET: TEST_SITE_WEBHOOK_SECRET,
    });
    if (areas > 0) addSyntheticAreas(cms, areas);
    const jwt = await registerFirstAdmin(cms.url);
    const token = await createApiToken(cms.url, jwt, 'Benchmark');
    site = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, PORT: String(sitePort), RECONCILE_INTERVAL_MS: '3600000' });
    const first = await site.status();
    // The pages of the live release (the status's count is that of the last build, which may have rendered none).
    const pages = Object.keys(new ReleaseStore(site.releasesDir, 3, () => {}, { readOnly: true }).manifest(first.live?.id ?? '').pages).length;
    const start = releasesDisk(site.releasesDir);
    console.log(
      `  first release: ${pages} pages; releases folder ${mb(start.total)} (blobs ${mb(start.blobs)}, code ${mb(start.code)}, manifests ${kb(start.manifests)})`,
    );

    const { results } = await adminJson<{ results: { documentId: string; slug: string }[] }>(
      cms.url,
      jwt,
      `${COLLECTION}?locale=sv&pageSize=20&sort=order:ASC`,
    );
    const area = results.find((entry) => entry.slug === AREA_SLUG) ?? results[0];
    if (!area) throw new Error('No seeded priority area');
    const latencies: number[] = [];
    let liveId = first.live?.id;
    for (let run = 1; run <= PUBLISHES; run++) {
      const started = performance.now();
      await adminRequest(cms.url, jwt, `${COLLECTION}/${area.documentId}?locale=sv`, {
        method: 'PUT',
        json: { title: `Strategisk kompetensförsörjning (${run})` },
      });
      await adminRequest(cms.url, jwt, `${COLLECTION}/${area.documentId}/actions/publish?locale=sv`, { method: 'POST', json: {} });
      for (;;) {
        const status = await site.status();
        if (status.live?.id !== liveId && !status.building && !status.queued && !status.changesPending) {
          liveId = status.live?.id;
          break;
        }
        if (performance.now() - started > 60_000) throw new Error(`Publish ${run} not live after 60 s: ${JSON.stringify(status.lastBuild)}`);
        await sleep(10);
      }
      latencies.push(performance.now() - started);
      if (run % 100 === 0) {
        const now = releasesDisk(site.releasesDir);
        console.log(`  after ${run} publishes: ${mb(now.total)} (${now.releases} releases; manifests ${mb(now.manifests)}, blobs ${mb(now.blobs)})`);
      }
    }
    const end = releasesDisk(site.releasesDir);
    const store = new ReleaseStore(site.releasesDir, 3, () => {}, { readOnly: true });
    const readStarted = performance.now();
    store.manifest(store.history()[Math.floor(store.history().length / 2)]!.releaseId);
    const readMs = performance.now() - readStarted;
    const grown = end.total - start.total;
    console.log(
      `  publish to live (admin API to release live): p50 ${(median(latencies) / 1000).toFixed(2)} s, p95 ${(percentile(latencies, 95) / 1000).toFixed(2)} s`,
    );
    console.log(
      `  releases folder after ${PUBLISHES} publishes: ${mb(end.total)} (blobs ${mb(end.blobs)}, code ${mb(end.code)}, ` +
        `manifests ${mb(end.manifests)} in ${end.releases} releases, history ${kb(end.history)}); ` +
        `grown by ${mb(grown)}, ${kb(grown / PUBLISHES)} per publish`,
    );
    console.log(`  reading a release from the middle of the history (manifest and deltas): ${readMs.toFixed(0)} ms`);
    return { label, pages, start: start.total, end: end.total, perPublish: grown / PUBLISHES, releases: end.releases, manifests: end.manifests };
  } finally {
    await site?.stop().catch(() => {});
    await cms?.stop().catch(() => {});
  }
};

console.log(`Releases-on-disk benchmark: ${PUBLISHES} publishes per size, Node ${process.version}, ${os.availableParallelism()} cores`);
const rows = [];
for (const areas of AREA_COUNTS) {
  try {
    rows.push(await measure(areas));
  } catch (error) {
    console.log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}
console.log('\nSummary');
console.log('size | pages | releases folder before | after | releases kept | of which manifests | per publish');
for (const row of rows) {
  console.log(`${row.label} | ${row.pages} | ${mb(row.start)} | ${mb(row.end)} | ${row.releases} | ${mb(row.manifests)} | ${kb(row.perPublish)}`);
}

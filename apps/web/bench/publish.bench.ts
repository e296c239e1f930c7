// `pnpm bench:publish [runs]`: publish-to-live latency of the per-change renders, at three sizes
// of site: (a) the seeded site, (b) seeded + 1,000 synthetic priority areas, (c) seeded + 10,000.
// An editor's publish goes through the admin's content-manager API; the clock stops when every
// page that shows the changed text serves the new text. Real processes: per size a fresh CMS,
// sending its webhooks to a fresh site server. Then the site server is killed and started again
// on its releases folder: the time until it serves the start page, and until a publish made
// right then is live. Prints figures; asserts nothing.
// Runs with Node's own TypeScript support: `node bench/publish.bench.ts [runs] [area counts]`,
// e.g. `node bench/publish.bench.ts 10 0,1000` for the first two sizes only.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminJson, adminRequest, createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { CMS_DIR, startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import type { SiteStatus } from '@malardalsradet/site-contract';
import { freePort, startSiteServer, TEST_SITE_WEBHOOK_SECRET, type SiteServerProcess } from '../test/support/site.ts';
import { median, percentile } from './stats.ts';

const RUNS = Math.max(10, Number(process.argv[2] ?? 12));
const AREA_COUNTS = (process.argv[3] ?? '0,1000,10000').split(',').map(Number);
const COLLECTION = '/content-manager/collection-types/api::priority-area.priority-area';
/** A seeded area that belongs to the 2018 plan, so it shows on its own page, the plan's and the start page. */
const AREA_SLUG = 'strategisk-kompetensforsorjning';
const LIVE_TIMEOUT_MS = 60_000;
/** How long the first full build at a size may take (the machine may be shared). */
const FIRST_BUILD_TIMEOUT_MS = 600_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const megabytes = (kb: number | undefined) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);

/** Reads VmRSS and VmHWM (peak) of a process, in kB. */
const memoryOf = (pid: number): { rssKb?: number; peakKb?: number } => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) : undefined;
    };
    return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
  } catch {
    return {};
  }
};

/**
 * CPU time a process has used, in ms (user and system, from /proc: clock ticks of 10 ms). On a
 * shared machine the wall-clock times above grow with the load; this grows much less.
 */
const cpuMsOf = (pid: number | undefined): number => {
  if (!pid) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
};

/** The site server's process: the helper's pid, else the server/main.ts process serving this releases folder. */
const sitePid = (site: SiteServerProcess): number | undefined => {
  const known = (site as { pid?: number }).pid;
  if (known) return known;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (cmdline.includes('server/main.ts') && environ.includes(`RELEASES_DIR=${site.releasesDir}`)) return Number(entry);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return undefined;
};

/** Waits until the site server has nothing building, queued or pending. */
const idle = async (site: SiteServerProcess, timeoutMs = 120_000): Promise<SiteStatus> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await site.status();
    if (!status.building && !status.queued && !status.changesPending) return status;
    if (Date.now() > deadline) throw new Error(`The site server was still busy after ${timeoutMs / 1000} s: ${JSON.stringify(status)}`);
    await sleep(20);
  }
};

/** Writes the synthetic priority areas into the CMS's scratch database (the CMS reads them live). */
const addSyntheticAreas = (cms: CmsProcess, count: number): number => {
  const started = Date.now();
  const fill = spawnSync(process.execPath, [path.join(CMS_DIR, 'scripts', 'seed-synthetic-areas.js'), String(count)], {
    cwd: CMS_DIR,
    env: { ...cms.env, BENCH_SCRATCH_DATABASE: 'true' },
    encoding: 'utf8',
  });
  if (fill.status !== 0) throw new Error(`Could not create the synthetic priority areas:\n${fill.stderr.slice(-3000)}`);
  return Date.now() - started;
};

interface SizeResult {
  label: string;
  pages?: number;
  fullBuildMs?: number;
  latencies: number[];
  afterPublishCall: number[];
  renders: number[];
  renderedCounts: number[];
  /** The site server's CPU time per publish (its render and everything around it). */
  cpuMs: number[];
  rssKb?: number;
  peakKb?: number;
  /** After the restart: until the start page was served, and until a publish made then was live (from the start). */
  restartServingMs?: number;
  restartPublishLiveMs?: number;
  /** The publish alone, from its call to live. */
  restartPublishMs?: number;
  restartRssKb?: number;
  error?: string;
}

interface Run {
  latency: number;
  afterPublishCall: number;
  render: number;
  renderedCount?: number;
  renderedPages?: string[];
  kind?: string;
  result?: string;
  builds: number;
}

/** One publish of the area's Swedish title, timed until all of `pages` serve it. */
const publishOnce = async (
  cms: CmsProcess,
  jwt: string,
  site: SiteServerProcess,
  areaId: string,
  pages: string[],
  run: number,
  { waitIdle = true, timeoutMs = LIVE_TIMEOUT_MS } = {},
): Promise<Run> => {
  // Right after a restart the publish is made at once, whatever the server is doing.
  const before = waitIdle ? await idle(site) : await site.status();
  const title = `Strategisk kompetensförsörjning (mätning ${run})`;
  const started = performance.now();
  // As the admin's Publish button does it: one request that saves the form's values and publishes
  // them (the content manager's publish action, with the changed values as its body).
  await adminRequest(cms.url, jwt, `${COLLECTION}/${areaId}/actions/publish?locale=sv`, { method: 'POST', json: { title } });
  const published = performance.now();
  const waiting = new Set(pages);
  while (waiting.size > 0) {
    await Promise.all(
      [...waiting].map(async (page) => {
        const html = await (await fetch(`${site.url}${page}`)).text();
        if (html.includes(title)) waiting.delete(page);
      }),
    );
    if (waiting.size === 0) break;
    if (performance.now() - started > timeoutMs) {
      throw new Error(`Run ${run}: ${[...waiting].join(', ')} not live after ${timeoutMs / 1000} s; status ${JSON.stringify(await site.status())}`);
    }
    await sleep(10);
  }
  const live = performance.now();
  // The render that put it live has finished by now (the switch is its last step); wait for any
  // follow-up to settle, so that the next run starts from an idle server.
  const after = await idle(site);
  return {
    latency: live - started,
    afterPublishCall: live - published,
    render: after.lastBuild?.durationMs ?? Number.NaN,
    renderedCount: after.lastBuild?.renderedCount,
    renderedPages: after.lastBuild?.renderedPages,
    kind: after.lastBuild?.kind,
    result: after.lastBuild?.result,
    builds: after.buildsSinceStart - before.buildsSinceStart,
  };
};

const measureSize = async (areas: number, index: number): Promise<SizeResult> => {
  const label = `(${'abcdefgh'[index] ?? index}) ${areas === 0 ? 'seeded' : `seeded + ${areas.toLocaleString('en')} areas`}`;
  const result: SizeResult = { label, latencies: [], afterPublishCall: [], renders: [], renderedCounts: [], cpuMs: [] };
  console.log(`\n== ${label} ==`);
  let cms: CmsProcess | undefined;
  let site: SiteServerProcess | undefined;
  try {
    const sitePort = await freePort();
    // Every size's CMS seeds the normal content at its first start; the areas script's own call
    // of the seed then finds it all there and only adds the synthetic areas.
    cms = await startCms({
      CMS_SEED_ON_START: 'true',
      SITE_WEBHOOK_URL: `http://127.0.0.1:${sitePort}/hooks/publish`,
      SITE_WEBHOOK_SECRET: TEST_SITE_WEBHOOK_SECRET,
    });
    if (areas > 0) {
      const ms = addSyntheticAreas(cms, areas);
      console.log(`  ${areas.toLocaleString('en')} synthetic areas × 2 languages written in ${seconds(ms)} (with the CMS load)`);
    }
    const jwt = await registerFirstAdmin(cms.url);
    const token = await createApiToken(cms.url, jwt, 'Benchmark');

    const startedSite = performance.now();
    const siteEnv = { CMS_URL: cms.url, CMS_API_TOKEN: token, PORT: String(sitePort) };
    site = await startSiteServer(siteEnv, { waitForLive: false });
    const first = await site.waitForBuilds(1, FIRST_BUILD_TIMEOUT_MS);
    if (!first.live) throw new Error(`The first build failed: ${first.lastBuild?.error}`);
    // The full build's own report: changes the CMS announced meanwhile may have run after it.
    result.fullBuildMs = first.lastSuccess?.durationMs;
    result.pages = first.lastSuccess?.renderedCount;
    console.log(
      `  first full build: ${seconds(result.fullBuildMs ?? Number.NaN)} for ${result.pages ?? '?'} pages ` +
        `(start to live ${seconds(performance.now() - startedSite)})`,
    );

    // The seeded area and its plan. The admin's list populates the plan relation (the plan's
    // draft row, with its year): for this area, the 2018 plan.
    const { results } = await adminJson<{ results: { documentId: string; slug: string; title: string; plan: { year: number } | null }[] }>(
      cms.url,
      jwt,
      `${COLLECTION}?locale=sv&pageSize=20&sort=order:ASC`,
    );
    const area = results.find((entry) => entry.slug === AREA_SLUG) ?? results.find((entry) => entry.plan);
    if (!area?.plan) throw new Error(`No seeded priority area with a plan among ${results.map((entry) => entry.slug).join(', ')}`);
    const pages = [`/prioriterade-omraden/${area.slug}/`, '/', `/verksamhetsplaner/${area.plan.year}/`];
    for (const page of pages) {
      const response = await fetch(`${site.url}${page}`);
      const html = await response.text();
      if (response.status !== 200 || !html.includes(area.title)) {
        throw new Error(`${page} does not show "${area.title}" before the first publish (HTTP ${response.status})`);
      }
    }
    console.log(`  publishing the Swedish title of "${area.title}", watching ${pages.join(', ')}`);

    const publishingPid = sitePid(site);
    for (let run = 1; run <= RUNS; run++) {
      const cpuBefore = cpuMsOf(publishingPid);
      const measured = await publishOnce(cms, jwt, site, area.documentId, pages, run);
      result.cpuMs.push(cpuMsOf(publishingPid) - cpuBefore);
      result.latencies.push(measured.latency);
      result.afterPublishCall.push(measured.afterPublishCall);
      result.renders.push(measured.render);
      if (measured.renderedCount !== undefined) result.renderedCounts.push(measured.renderedCount);
      console.log(
        `  run ${String(run).padStart(2)}: live after ${seconds(measured.latency)} ` +
          `(after the publish call returned: ${seconds(measured.afterPublishCall)}; ` +
          `render ${seconds(measured.render)}, ${measured.kind ?? '?'}/${measured.result ?? '?'}, ` +
          `${measured.renderedCount ?? '?'} pages rendered, ${measured.builds} build(s))`,
      );
      if (run === 1 && measured.renderedPages?.length) console.log(`          rendered: ${measured.renderedPages.join(', ')}`);
      // Where the render's time went (the publisher's log line of its steps).
      const steps = site
        .output()
        .match(/Per-change render steps: [^\n]*/g)
        ?.at(-1);
      if (steps) console.log(`          ${steps}`);
    }

    const pid = sitePid(site);
    if (pid) Object.assign(result, memoryOf(pid));
    console.log(
      `  publish to live:  p50 ${seconds(median(result.latencies))}, p95 ${seconds(percentile(result.latencies, 95))}, max ${seconds(Math.max(...result.latencies))}`,
    );
    console.log(`  publish returned to live: p50 ${seconds(median(result.afterPublishCall))}`);
    console.log(`  site server CPU per publish: p50 ${seconds(median(result.cpuMs))}`);
    console.log(
      `  render alone:     p50 ${seconds(median(result.renders))}, pages rendered per publish: ${[...new Set(result.renderedCounts)].join(', ') || 'n/a'}`,
    );
    console.log(`  full build:       ${seconds(result.fullBuildMs ?? Number.NaN)}, ${result.pages ?? '?'} pages`);
    console.log(`  site server memory (pid ${pid ?? '?'}): resident ${megabytes(result.rssKb)}, peak ${megabytes(result.peakKb)}`);
    // Where it is: the JavaScript heap, and the buffers outside it (the pages' compressed bodies).
    const { memory } = await site.status();
    console.log(`    of which JavaScript heap ${memory.heapUsedMb} MB used of ${memory.heapTotalMb} MB, buffers outside it ${memory.externalMb} MB`);

    // The last publish's fingerprint is written into its release after the switch (0.1-0.4 s);
    // a kill before that leaves the start nothing to compare with, and it makes a full build (a
    // shutdown by SIGTERM waits for it). This measures a restart after a settled publish.
    for (const deadline = Date.now() + LIVE_TIMEOUT_MS; !(await site.status()).live?.fingerprint; await sleep(20)) {
      if (Date.now() > deadline) throw new Error(`The last release's fingerprint was not recorded within ${LIVE_TIMEOUT_MS / 1000} s`);
    }
    // A restart: killed (as a crash, or an orchestrator's kill, leaves it) and started again on
    // the same releases folder. It serves the live release at once, and takes a publish as soon
    // as it has read back the content kept with that release.
    await site.crash();
    const restarted = performance.now();
    site = await startSiteServer(siteEnv, { waitForLive: false, releasesDir: site.releasesDir });
    for (;;) {
      const response = await fetch(`${site.url}/`).catch(() => undefined);
      const html = response ? await response.text() : '';
      if (response?.status === 200 && html.includes(area.title.split(' (')[0]!)) break;
      if (performance.now() - restarted > LIVE_TIMEOUT_MS)
        throw new Error(`The restarted site server did not serve / within ${LIVE_TIMEOUT_MS / 1000} s`);
      await sleep(5);
    }
    result.restartServingMs = performance.now() - restarted;
    // A start that finds the CMS moved on makes a full build first: the publish waits for it.
    const afterRestart = await publishOnce(cms, jwt, site, area.documentId, pages, RUNS + 1, { waitIdle: false, timeoutMs: FIRST_BUILD_TIMEOUT_MS });
    result.restartPublishLiveMs = performance.now() - restarted;
    result.restartPublishMs = afterRestart.latency;
    const restartedPid = sitePid(site);
    if (restartedPid) result.restartRssKb = memoryOf(restartedPid).rssKb;
    const restartStatus = await site.status();
    const startLine = site
      .output()
      .match(/^.*(Read the content of release|Start: the CMS's content).*$/gm)
      ?.join('\n    ');
    if (startLine) console.log(`  restart: ${startLine.replace(/^\[site\] \S+ /gm, '')}`);
    console.log(
      `  restart: serving / after ${seconds(result.restartServingMs)}; a publish made then live after ${seconds(result.restartPublishMs)} ` +
        `(${seconds(result.restartPublishLiveMs)} after the start; ${afterRestart.kind ?? '?'}/${afterRestart.result ?? '?'}, ` +
        `${restartStatus.buildsSinceStart} build(s) since the start); resident ${megabytes(result.restartRssKb)}`,
    );
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    console.log(`  FAILED: ${result.error.slice(0, 4000)}`);
    if (site) console.log(`  site server output (end):\n${site.output().slice(-3000)}`);
  } finally {
    await site?.stop().catch(() => {});
    await cms?.stop().catch(() => {});
  }
  return result;
};

console.log(`Publish-to-live benchmark: ${RUNS} publishes per size, Node ${process.version}, ${os.availableParallelism()} cores`);
const results: SizeResult[] = [];
for (const [index, areas] of AREA_COUNTS.entries()) results.push(await measureSize(areas, index));

const columns = [
  'size',
  'pages',
  'full build',
  'p50 live',
  'p95 live',
  'p50 after call',
  'p50 render',
  'rendered',
  'RSS',
  'peak RSS',
  'restart→serving',
  'restart→publish live',
  'RSS restarted',
];
const rows = results.map((result) =>
  result.error && result.latencies.length === 0
    ? [result.label, `failed: ${result.error.split('\n')[0]!.slice(0, 80)}`]
    : [
        result.label,
        String(result.pages ?? '?'),
        seconds(result.fullBuildMs ?? Number.NaN),
        seconds(median(result.latencies)),
        seconds(percentile(result.latencies, 95)),
        seconds(median(result.afterPublishCall)),
        seconds(median(result.renders)),
        result.renderedCounts.length ? String(median(result.renderedCounts)) : 'n/a',
        megabytes(result.rssKb),
        megabytes(result.peakKb),
        seconds(result.restartServingMs ?? Number.NaN),
        seconds(result.restartPublishLiveMs ?? Number.NaN),
        megabytes(result.restartRssKb),
      ],
);
const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => (row.length > 2 ? (row[index] ?? '').length : 0))));
const line = (cells: string[]) =>
  cells.length === 2 && cells[1]!.startsWith('failed')
    ? `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]}`
    : cells
        .map((cell, index) => cell.padEnd(widths[index]!))
        .join('  ')
        .trimEnd();
console.log('\nSummary');
console.log(line(columns));
for (const row of rows) console.log(line(row));
console.log(
  '\nGoals: p50 ≤ 0.25 s from publish to live at every size (p95 ≤ 1.5 s); full build of (c) ≤ 60 s; resident memory at (c) < 384 MB; ' +
    'after a restart at (c), serving at once and a publish live within 5 s of the start.',
);

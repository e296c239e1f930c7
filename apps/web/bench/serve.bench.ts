// `pnpm bench:serve`: requests per second and p99 latency of the site server on a content page at
// 50 connections, against nginx serving the same release's files (one worker each), and the
// errors seen while a release switch happens mid-run. Then, in containers (serveContainers.ts),
// the production stack's front door (Varnish) and site server against nginx on the same page,
// each measured from inside its own container's network namespace. Needs wrk and nginx (Debian's
// nginx-light); installs them with apt-get when run as root. Prints figures; asserts nothing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminJson, adminRequest, createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms } from '@malardalsradet/test-support/cmsProcess';
import { freePort, liveReleaseFiles, startSiteServer } from '../test/support/site.ts';
import { nginxConfig } from './nginxConfig.ts';
import { benchInContainers, parseWrk, type WrkResult } from './serveContainers.ts';

const PAGE = '/verksamhetsplaner/2018/';
const DURATION = process.env.BENCH_DURATION ?? '10s';
const CONNECTIONS = 50;

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
if (!has('wrk') || !has('nginx')) {
  if (process.getuid?.() !== 0) {
    console.error('bench:serve needs wrk and nginx: apt-get install -y wrk nginx-light');
    process.exit(1);
  }
  console.log('Installing wrk and nginx-light from Debian ...');
  execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null'], {
    stdio: 'inherit',
  });
}

/** Runs wrk with latency percentiles and reads its report. */
const wrk = (url: string): Promise<WrkResult> =>
  new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}`, '--latency', url]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(parseWrk(output)));
  });

const format = (name: string, result: WrkResult) =>
  `  ${name.padEnd(32)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p99 ${result.p99Ms.toFixed(2).padStart(6)} ms   non-2xx ${result.non2xx}   socket errors ${result.socketErrors}`;

const startNginx = async (root: string) => {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-nginx-'));
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig({ listen: `127.0.0.1:${port}`, root, runAsRoot: process.getuid?.() === 0, workDir: dir }));
  const child = spawn('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  let status: number | undefined;
  for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
    status = (await fetch(`${url}${PAGE}`).catch(() => null))?.status;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (status !== 200) throw new Error(`nginx answers ${status ?? 'nothing'} for ${PAGE}; see ${dir}/error.log`);
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const cms = await startCms({ CMS_SEED_ON_START: 'true' });
const jwt = await registerFirstAdmin(cms.url);
const token = await createApiToken(cms.url, jwt, 'Benchmark');
const site = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, RECONCILE_INTERVAL_MS: '600000' });
// nginx serves the live release's files, written out as plain files (the release itself is a
// manifest over content-addressed blobs).
const nginxRoot = mkdtempSync(path.join(os.tmpdir(), 'bench-nginx-root-'));
for (const [file, body] of liveReleaseFiles(site.releasesDir)) {
  mkdirSync(path.dirname(path.join(nginxRoot, file)), { recursive: true });
  writeFileSync(path.join(nginxRoot, file), body);
}
const nginx = await startNginx(nginxRoot);

try {
  console.log(`Serve benchmark: wrk -t2 -c${CONNECTIONS} -d${DURATION} on ${PAGE}, one worker each, ${os.availableParallelism()} cores`);

  const nginxResult = await wrk(`${nginx.url}${PAGE}`);
  console.log(format('nginx', nginxResult));
  const siteResult = await wrk(`${site.url}${PAGE}`);
  console.log(format('site server', siteResult));

  // The same run again, with a publish (the plan's title changes) and a release switch in the middle of it.
  const before = (await site.status()).live?.id;
  const during = wrk(`${site.url}${PAGE}`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const plans = '/content-manager/collection-types/api::plan.plan';
  const { results } = await adminJson<{ results: { documentId: string; year: number }[] }>(cms.url, jwt, `${plans}?locale=sv`);
  const plan = results.find((candidate) => candidate.year === 2018);
  await adminRequest(cms.url, jwt, `${plans}/${plan?.documentId}?locale=sv`, { method: 'PUT', json: { title: 'Verksamhetsplan 2018 (mätning)' } });
  await adminRequest(cms.url, jwt, `${plans}/${plan?.documentId}/actions/publish?locale=sv`, { method: 'POST', json: {} });
  await site.sendEvent('entry.publish', { body: JSON.stringify({ event: 'entry.publish', model: 'plan', entry: { documentId: plan?.documentId } }) });
  const switchResult = await during;
  const after = await site.waitForBuilds(0);
  console.log(format('site server, switch mid-run', switchResult));
  console.log(`  (release switched: ${before !== after.live?.id ? 'yes' : 'NO'}; the build shares the 2 cores with wrk and the server)`);

  console.log(
    `\nSite server / nginx throughput: ${((siteResult.requestsPerSecond / nginxResult.requestsPerSecond) * 100).toFixed(0)} %` +
      ` (goal ≥ 50 %); p99 ${siteResult.p99Ms.toFixed(2)} ms (goal < 20 ms);` +
      ` errors during the switch: ${switchResult.non2xx + switchResult.socketErrors} (goal 0).`,
  );
} finally {
  nginx.stop();
  rmSync(nginxRoot, { recursive: true, force: true });
  await site.stop();
  await cms.stop();
}

// The containers' part, once the processes above are gone (they would share the cores).
await benchInContainers({ page: PAGE, duration: DURATION, connections: CONNECTIONS, format });

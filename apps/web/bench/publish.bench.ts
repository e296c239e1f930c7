// `pnpm bench:publish`: publish-to-live latency. An editor's publish goes through the admin's
// content-manager API; the clock stops when the site serves the new text. Real processes: a
// seeded CMS sending its webhooks to the site server. Prints figures; asserts nothing.
// Runs with Node's own TypeScript support: `node bench/publish.bench.ts [runs]`.
import os from 'node:os';
import { adminJson, adminRequest, createApiToken, registerFirstAdmin } from '../../cms/test/support/adminApi.ts';
import { startCms } from '../../cms/test/support/cmsProcess.ts';
import { freePort, startSiteServer, TEST_WEBHOOK_SECRET } from '../test/support/site.ts';
import { median, percentile } from './stats.ts';

const RUNS = Math.max(10, Number(process.argv[2] ?? 12));
const COLLECTION = '/content-manager/collection-types/api::goal.goal';

const sitePort = await freePort();
const cms = await startCms({
  CMS_SEED_ON_START: 'true',
  SITE_WEBHOOK_URL: `http://127.0.0.1:${sitePort}/hooks/publish`,
  SITE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
});
const jwt = await registerFirstAdmin(cms.url);
const token = await createApiToken(cms.url, jwt, 'Benchmark');
const site = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, PORT: String(sitePort) });

try {
  const { results } = await adminJson<{ results: { documentId: string }[] }>(cms.url, jwt, `${COLLECTION}?locale=sv&sort=order:ASC`);
  const goalId = results[0]?.documentId;
  const latencies: number[] = [];
  const builds: number[] = [];
  console.log(`Publish-to-live benchmark: ${RUNS} publishes, Node ${process.version}, ${os.availableParallelism()} cores`);
  for (let run = 1; run <= RUNS; run++) {
    await site.waitForBuilds(0);
    const title = `En sammanhållen region (mätning ${run})`;
    const started = performance.now();
    await adminRequest(cms.url, jwt, `${COLLECTION}/${goalId}?locale=sv`, { method: 'PUT', json: { title } });
    await adminRequest(cms.url, jwt, `${COLLECTION}/${goalId}/actions/publish?locale=sv`, { method: 'POST', json: {} });
    for (;;) {
      const html = await (await fetch(`${site.url}/inriktningsmal/`)).text();
      if (html.includes(title)) break;
      if (performance.now() - started > 60_000) throw new Error(`Run ${run}: not live after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const latency = performance.now() - started;
    latencies.push(latency);
    const status = await site.status();
    builds.push(status.lastBuild?.durationMs ?? Number.NaN);
    console.log(`  run ${String(run).padStart(2)}: live after ${(latency / 1000).toFixed(2)} s (build ${((status.lastBuild?.durationMs ?? 0) / 1000).toFixed(2)} s)`);
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\nPublish to live: p50 ${seconds(median(latencies))}, p95 ${seconds(percentile(latencies, 95))}, max ${seconds(Math.max(...latencies))}`);
  console.log(`Build alone:     p50 ${seconds(median(builds))} (the rest is the webhook, the fold-in wait and the switch)`);
  console.log('Goals: p50 ≤ 5 s, p95 ≤ 8 s.');
} finally {
  await site.stop();
  await cms.stop();
}

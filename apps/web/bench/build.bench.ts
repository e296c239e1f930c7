// `pnpm bench:build`: how long the site takes to build, how many GraphQL requests the build makes,
// and how heavy each page is, for the seeded site and for a synthetic site of 1,000 reports in
// two languages. Prints figures (medians of several builds); it asserts nothing.
// Runs with Node's own TypeScript support: `node bench/build.bench.ts [runs]`.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { CMS_DIR, startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { buildSite, liveReleaseFiles, makeBuildDir } from '../test/support/site.ts';
import { median } from './stats.ts';

const RUNS = Number(process.argv[2] ?? 3);
const SYNTHETIC_REPORTS = 1000;

/** A pass-through proxy in front of the CMS that counts the GraphQL requests going through it. */
const countingProxy = (target: string) => {
  let graphqlRequests = 0;
  const server = http.createServer((request, response) => {
    if (request.url?.startsWith('/graphql')) graphqlRequests++;
    const upstream = http.request(new URL(request.url ?? '/', target), { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
  return new Promise<{ url: string; take(): number; close(): void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        take: () => {
          const count = graphqlRequests;
          graphqlRequests = 0;
          return count;
        },
        close: () => server.close(),
      });
    }),
  );
};

/** Bytes per page: HTML (CSS is inlined), the stylesheets and scripts it loads, raw and gzipped. */
const pageWeights = (files: Map<string, Buffer>) =>
  [...files]
    .filter(([file]) => file.endsWith('.html'))
    .map(([file, html]) => {
      const text = html.toString('utf8');
      const linked = (pattern: RegExp) => [...text.matchAll(pattern)].map((match) => files.get(`/${match[1]!}`) ?? Buffer.alloc(0));
      const css = linked(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g);
      const js = linked(/<script[^>]+src="\/([^"]+)"/g);
      // JSON-LD (type="application/ld+json") is data that browsers never run: not JavaScript.
      const inlineScripts = (text.match(/<script(?![^>]*src=)(?![^>]*type="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g) ?? []).join('');
      const gz = (buffers: Buffer[]) => buffers.reduce((sum, buffer) => sum + gzipSync(buffer).length, 0);
      return {
        page: file,
        htmlCssGzip: gzipSync(html).length + gz(css),
        htmlRaw: html.length,
        jsBytes: js.reduce((sum, buffer) => sum + buffer.length, 0) + Buffer.byteLength(inlineScripts),
      };
    });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const measure = async (label: string, cms: CmsProcess, token: string) => {
  const proxy = await countingProxy(cms.url);
  const durations: number[] = [];
  let requests = 0;
  let weights: ReturnType<typeof pageWeights> = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const outDir = makeBuildDir();
      try {
        const build = await buildSite(outDir, { CMS_URL: proxy.url, CMS_API_TOKEN: token, SITE_URL: 'https://www.example.org' });
        if (build.status !== 0) throw new Error(`${label}: build failed\n${build.output.slice(-3000)}`);
        durations.push(build.durationMs);
        requests = proxy.take();
        weights = pageWeights(liveReleaseFiles(outDir));
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    }
  } finally {
    proxy.close();
  }
  const gz = weights.map((weight) => weight.htmlCssGzip);
  const heaviest = weights.reduce((a, b) => (b.htmlCssGzip > a.htmlCssGzip ? b : a));
  console.log(`\n${label}`);
  console.log(`  pages built:                 ${weights.length}`);
  console.log(
    `  build time, median of ${RUNS}:    ${(median(durations) / 1000).toFixed(1)} s  (runs: ${durations.map((d) => (d / 1000).toFixed(1)).join(', ')} s)`,
  );
  console.log(`  GraphQL requests per build:  ${requests}`);
  console.log(`  HTML+CSS per page, gzipped:  median ${kb(median(gz))}, max ${kb(heaviest.htmlCssGzip)} (${heaviest.page})`);
  console.log(`  HTML per page, raw:          median ${kb(median(weights.map((weight) => weight.htmlRaw)))}`);
  console.log(`  JS per page:                 max ${Math.max(...weights.map((weight) => weight.jsBytes))} bytes`);
  return { medianMs: median(durations), requests, pages: weights.length };
};

const withCms = async <T>(extra: NodeJS.ProcessEnv, task: (cms: CmsProcess, token: string) => Promise<T>) => {
  const cms = await startCms(extra);
  try {
    const jwt = await registerFirstAdmin(cms.url);
    return await task(cms, await createApiToken(cms.url, jwt, 'Benchmark'));
  } finally {
    await cms.stop();
  }
};

console.log(`Site build benchmark: ${RUNS} builds each, Node ${process.version}, ${os.availableParallelism()} cores`);

const seeded = await withCms({ CMS_SEED_ON_START: 'true' }, (cms, token) => measure('Seeded site', cms, token));

const synthetic = await withCms({}, async (cms, token) => {
  // Fill this CMS's scratch database with the synthetic reports (the CMS reads it live).
  const started = Date.now();
  const fill = spawnSync(process.execPath, [path.join(CMS_DIR, 'scripts', 'seed-synthetic-reports.js'), String(SYNTHETIC_REPORTS)], {
    cwd: CMS_DIR,
    env: { ...cms.env, BENCH_SCRATCH_DATABASE: 'true' },
    encoding: 'utf8',
  });
  if (fill.status !== 0) throw new Error(`Could not create the synthetic reports:\n${fill.stderr}`);
  console.log(`\n(${SYNTHETIC_REPORTS} synthetic reports × 2 languages written in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return measure(`Synthetic site: ${SYNTHETIC_REPORTS} reports × 2 languages`, cms, token);
});

const perPage = (result: { medianMs: number; pages: number }) => (result.medianMs / result.pages).toFixed(1);
console.log(`\nBaseline comparison: ${perPage(seeded)} ms per page seeded, ${perPage(synthetic)} ms per page synthetic;`);
console.log(`requests grew from ${seeded.requests} to ${synthetic.requests} for ${synthetic.pages - seeded.pages} more pages.`);
console.log('Goals: HTML+CSS < 15 KB gzipped per page, 0 bytes of JS, 1,000-report build < 30 s.');

// The site server: `node server/main.ts` (the `start` script). Serves the live release, takes the
// CMS's publish webhooks, rebuilds, and reconciles with the CMS at an interval.
import { publishRelease, reconcile } from './publishRelease.ts';
import { RebuildQueue } from './rebuildQueue.ts';
import { ReleaseStore } from './releases.ts';
import { runningBuilds } from './runAstroBuild.ts';
import { loadDotEnv, readServerEnv } from './serverEnv.ts';
import { SiteServer } from './siteServer.ts';
import { readMediaUrl } from '../src/env.ts';

const log = (message: string) => console.log(`[site] ${new Date().toISOString()} ${message}`);

loadDotEnv();
let env: ReturnType<typeof readServerEnv>;
try {
  env = readServerEnv();
} catch (error) {
  console.error(`[site] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const store = new ReleaseStore(env.releasesDir, env.releasesKept);
const queue: RebuildQueue = new RebuildQueue(
  (): Promise<string> => publishRelease(store, site),
  { quietMs: env.rebuildQuietMs, maxWaitMs: env.rebuildMaxWaitMs },
  log,
);
const site: SiteServer = new SiteServer({
  store,
  queue,
  webhookSecret: env.webhookSecret,
  mediaOrigin: readMediaUrl() ? new URL(readMediaUrl() ?? '').origin : undefined,
  log,
});

site.server.listen(env.port, env.host, () => {
  const current = store.currentId();
  log(`Listening on http://${env.host}:${env.port} (releases in ${env.releasesDir}; live: ${current ?? 'none yet'})`);
  if (!current) queue.request('no release yet');
  else void reconcile(store, (reason) => queue.request(reason), log);
});

const reconciliation = setInterval(() => void reconcile(store, (reason) => queue.request(reason), log), env.reconcileIntervalMs);

const shutDown = (signal: string) => {
  log(`${signal}: shutting down`);
  clearInterval(reconciliation);
  queue.stop();
  for (const build of runningBuilds) build.kill('SIGTERM');
  site.server.close(() => process.exit(0));
  // Idle keep-alive connections would hold close() open.
  site.server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));

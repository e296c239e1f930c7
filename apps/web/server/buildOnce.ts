// `pnpm --filter @malardalsradet/web build:site`: one full build into RELEASES_DIR, made live
// there, then exit. The site's code is built when needed; the pages are rendered from the CMS.
// Prints what it did as JSON; a failure exits 1 with the reason.
import { LiveRelease } from './publishing/liveRelease.ts';
import { Publisher } from './publishing/publisher.ts';
import { ReleaseStore } from './publishing/releases.ts';
import { securityHeaders } from '@malardalsradet/site-contract';
import { loadDotEnv, readServerEnv } from './serverEnv.ts';

loadDotEnv();
try {
  const env = readServerEnv();
  const log = (message: string) => console.error(`[build] ${message}`);
  // Tidied by the run, holding the releases folder's lock (a site server may be building there).
  const store = new ReleaseStore(env.RELEASES_DIR, env.RELEASES_KEPT, log, { deferRepair: true });
  const live = new LiveRelease(store, securityHeaders({}), log);
  const started = Date.now();
  const outcome = await new Publisher(store, live, { siteUrl: env.SITE_URL, log }).run(
    { full: true, background: false, changes: [], reason: 'build:site' },
    AbortSignal.timeout(env.BUILD_DEADLINE_MS),
  );
  console.log(JSON.stringify({ ...outcome, durationMs: Date.now() - started }));
  process.exit(0);
} catch (error) {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { signWebhook, SITE_HOOK_PATHS, type SiteStatus } from '@malardalsradet/site-contract';
import { createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { freePort, startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { ReleaseStore } from '../../server/publishing/releases.ts';
import { WEB_DIR } from '../../server/serverEnv.ts';

export { WEB_DIR };

/**
 * The Node flags the site server runs with in production (the `start` script: a heap limit, so
 * that V8 collects instead of growing), so that tests and benchmarks measure the same server.
 */
const START_FLAGS: string[] =
  (JSON.parse(readFileSync(path.join(WEB_DIR, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.match(/--\S+/g) ?? [];

/**
 * A fresh output folder for a test build. It sits inside apps/web because the built server
 * imports its dependencies (graphql, …) from the node_modules it finds above it.
 */
export const makeBuildDir = (): string => {
  const parent = path.join(WEB_DIR, '.test-builds');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, 'build-'));
};

// One free-port helper for the whole test support (re-exported for the site's tests).
export { freePort };

export interface BuildResult {
  status: number | null;
  /** What the build printed: its outcome as JSON, or the reason it failed. */
  output: string;
  durationMs: number;
}

/**
 * One full build into releasesDir (server/buildOnce.ts), exactly as the site server makes one,
 * in its own process. `output` is the reason a failed build gives.
 */
export const buildSite = (releasesDir: string, env: NodeJS.ProcessEnv): Promise<BuildResult> =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(WEB_DIR, 'server', 'buildOnce.ts')], {
      cwd: WEB_DIR,
      env: { ...process.env, SITE_WEBHOOK_SECRET: TEST_SITE_WEBHOOK_SECRET, ASTRO_TELEMETRY_DISABLED: '1', ...env, RELEASES_DIR: releasesDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    child.on('close', (status) => resolve({ status, output: status === 0 ? stdout : stderr, durationMs: Date.now() - started }));
  });

/** The files of the live release in releasesDir (URL path → body), as the server serves them. */
export const liveReleaseFiles = (releasesDir: string): Map<string, Buffer> => {
  const store = new ReleaseStore(releasesDir, 3, () => {});
  const id = store.currentId();
  if (!id) throw new Error(`No live release in ${releasesDir}`);
  const { files } = store.manifest(id);
  return new Map(Object.entries(files).map(([file, hash]) => [file, store.readBlob(hash)]));
};

export const TEST_SITE_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const TEST_PREVIEW_SECRET = 'test-preview-secret-0123456789';

/** The headers that sign a request to the site's hooks, as the CMS makes them (null: none). */
export const hookHeaders = (method: string, path: string, body = '', secret: string | null = TEST_SITE_WEBHOOK_SECRET): Record<string, string> =>
  secret === null ? {} : signWebhook(secret, { method, path, body });

export interface SiteServerProcess {
  url: string;
  releasesDir: string;
  /** GET /hooks/status, signed with the secret. */
  status(): Promise<SiteStatus>;
  /** POST /hooks/publish, signed with the secret (or `secret`; null: not signed); returns the HTTP status. */
  sendEvent(event?: string, init?: { secret?: string | null; body?: string }): Promise<number>;
  /** Waits until a build has finished after `since` builds, and returns the status. */
  waitForBuilds(count: number, timeoutMs?: number): Promise<SiteStatus>;
  output(): string;
  /** The server's process id (for memory readings and crash tests). */
  pid: number;
  /** Kills the server at once (SIGKILL), keeping its releases folder. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the site server (server/main.ts) as its own process on a free port, with its own
 * releases folder. It builds the first release itself; this waits until that one is live.
 */
export const startSiteServer = async (
  env: NodeJS.ProcessEnv,
  { waitForLive = true, releasesDir = makeBuildDir() }: { waitForLive?: boolean; releasesDir?: string } = {},
): Promise<SiteServerProcess> => {
  // A caller that had to know the port in advance (to tell the CMS) passes it as PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [...START_FLAGS, path.join(WEB_DIR, 'server', 'main.ts')], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      RELEASES_DIR: releasesDir,
      SITE_WEBHOOK_SECRET: TEST_SITE_WEBHOOK_SECRET,
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;

  const status = async (): Promise<SiteStatus> => {
    const response = await fetch(`${url}${SITE_HOOK_PATHS.status}`, { headers: hookHeaders('GET', SITE_HOOK_PATHS.status) });
    return (await response.json()) as SiteStatus;
  };
  const until = async <T>(check: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The site server exited while waiting for ${what}:\n${output}`);
      const result = await check().catch(() => undefined);
      if (result !== undefined) return result;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${output.slice(-5000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const server: SiteServerProcess = {
    url,
    releasesDir,
    status,
    sendEvent: async (event = 'entry.publish', init = {}) => {
      const secret = init.secret === undefined ? TEST_SITE_WEBHOOK_SECRET : init.secret;
      const body = init.body ?? JSON.stringify({ event, model: 'plan' });
      const response = await fetch(`${url}${SITE_HOOK_PATHS.publish}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...hookHeaders('POST', SITE_HOOK_PATHS.publish, body, secret) },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    },
    waitForBuilds: (count, timeoutMs = 120_000) =>
      until(
        async () => {
          const current = await status();
          return current.buildsSinceStart >= count && !current.building && !current.queued ? current : undefined;
        },
        `${count} build(s)`,
        timeoutMs,
      ),
    output: () => output,
    pid: child.pid ?? 0,
    crash: async () => {
      // Killed by a signal, a process has a signalCode and no exitCode.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(releasesDir, { recursive: true, force: true });
    },
  };

  try {
    await until(async () => ((await fetch(url)).status > 0 ? true : undefined), 'the server to listen', 30_000);
    if (waitForLive) {
      const live = await server.waitForBuilds(1);
      if (!live.live) throw new Error(`The first build failed: ${live.lastBuild?.error}\n${output.slice(-5000)}`);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
};

/**
 * A seeded CMS that sends its publish webhooks to a site server of its own, as in production,
 * with an admin session and the site's read-only token.
 */
export const startPublishingStack = async (
  tokenName: string,
  siteEnv: NodeJS.ProcessEnv = {},
  {
    cmsLinksToSite = false,
    beforeSite,
  }: {
    cmsLinksToSite?: boolean;
    /** Runs on the seeded CMS before the site server makes its first release from it. */
    beforeSite?: (cms: CmsProcess) => Promise<void>;
  } = {},
): Promise<{ cms: CmsProcess; jwt: string; token: string; site: SiteServerProcess }> => {
  const sitePort = await freePort();
  const cms = await startCms({
    CMS_SEED_ON_START: 'true',
    SITE_WEBHOOK_URL: `http://127.0.0.1:${sitePort}${SITE_HOOK_PATHS.publish}`,
    SITE_WEBHOOK_SECRET: TEST_SITE_WEBHOOK_SECRET,
    // The CMS's signed links (preview, archive) then lead to this site server.
    ...(cmsLinksToSite ? { SITE_URL: `http://127.0.0.1:${sitePort}`, PREVIEW_SECRET: TEST_PREVIEW_SECRET } : {}),
  });
  try {
    const jwt = await registerFirstAdmin(cms.url);
    const token = await createApiToken(cms.url, jwt, tokenName);
    await beforeSite?.(cms);
    const site = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, PORT: String(sitePort), ...siteEnv });
    return { cms, jwt, token, site };
  } catch (error) {
    await cms.stop();
    throw error;
  }
};

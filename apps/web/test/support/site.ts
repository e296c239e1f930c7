import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@malardalsradet/cms/test/support/cmsProcess.ts';
import { runAstroBuild } from '../../server/runAstroBuild.ts';
import { WEB_DIR } from '../../server/serverEnv.ts';

export { WEB_DIR };

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
  output: string;
  durationMs: number;
}

/**
 * Runs `astro build` into outDir against a CMS, exactly as the site server does
 * (server/runAstroBuild.ts). `output` is the reason a failed build gives.
 */
export const buildSite = async (outDir: string, env: NodeJS.ProcessEnv): Promise<BuildResult> => {
  const started = Date.now();
  try {
    await runAstroBuild(outDir, { ...process.env, ...env });
    return { status: 0, output: '', durationMs: Date.now() - started };
  } catch (error) {
    return { status: 1, output: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started };
  }
};

export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const TEST_PREVIEW_SECRET = 'test-preview-secret-0123456789';

export interface SiteServerProcess {
  url: string;
  releasesDir: string;
  /** GET /hooks/status with the secret. */
  status(): Promise<SiteStatus>;
  /** POST /hooks/publish; returns the HTTP status. */
  sendEvent(event?: string, init?: { secret?: string | null; body?: string }): Promise<number>;
  /** Waits until a build has finished after `since` builds, and returns the status. */
  waitForBuilds(count: number, timeoutMs?: number): Promise<SiteStatus>;
  output(): string;
  stop(): Promise<void>;
}

export interface SiteStatus {
  live: { id: string; builtAt: string; fingerprint: string } | null;
  lastBuild: { result: 'success' | 'failure'; error?: string; durationMs: number } | null;
  building: boolean;
  queued: boolean;
  buildsSinceStart: number;
}

/**
 * Starts the site server (server/main.ts) as its own process on a free port, with its own
 * releases folder. It builds the first release itself; this waits until that one is live.
 */
export const startSiteServer = async (env: NodeJS.ProcessEnv, { waitForLive = true } = {}): Promise<SiteServerProcess> => {
  // A caller that had to know the port in advance (to tell the CMS) passes it as PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const releasesDir = makeBuildDir();
  const child = spawn(process.execPath, [path.join(WEB_DIR, 'server', 'main.ts')], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      RELEASES_DIR: releasesDir,
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
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
    const response = await fetch(`${url}/hooks/status`, { headers: { 'x-webhook-secret': TEST_WEBHOOK_SECRET } });
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
      const secret = init.secret === undefined ? TEST_WEBHOOK_SECRET : init.secret;
      const response = await fetch(`${url}/hooks/publish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-webhook-secret': secret }) },
        body: init.body ?? JSON.stringify({ event, model: 'plan' }),
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
    stop: async () => {
      if (child.exitCode === null) {
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

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../..', import.meta.url));
const ASTRO_BIN = path.join(WEB_DIR, 'node_modules', 'astro', 'bin', 'astro.mjs');

/**
 * A fresh output folder for a test build. It sits inside apps/web because the built server
 * imports its dependencies (graphql, …) from the node_modules it finds above it.
 */
export const makeBuildDir = (): string => {
  const parent = path.join(WEB_DIR, '.test-builds');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, 'build-'));
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

export interface BuildResult {
  status: number | null;
  output: string;
  durationMs: number;
}

/**
 * Runs `astro build` into outDir against a CMS, as `npm run dev` and production do. Asynchronous,
 * so that a server in the calling process (the benchmark's counting proxy) keeps answering.
 */
export const buildSite = (outDir: string, env: NodeJS.ProcessEnv): Promise<BuildResult> => {
  const started = Date.now();
  const child = spawn(process.execPath, [ASTRO_BIN, 'build', '--outDir', outDir], {
    cwd: WEB_DIR,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) =>
    child.on('close', (status) => resolve({ status, output, durationMs: Date.now() - started })),
  );
};

/** Serves a built site with its own Node server on a free port. */
export const serveSite = async (outDir: string, env: NodeJS.ProcessEnv = {}) => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(outDir, 'server', 'entry.mjs')], {
    cwd: WEB_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The site server exited:\n${output}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`The site server did not answer:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};

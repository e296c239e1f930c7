// The containers' part of `pnpm bench:serve`: the production stack (docker-compose.yml, a
// project of its own) with its front door, and nginx serving the same release's files, each
// measured by wrk from inside its own container's network namespace (`docker run --network
// container:NAME`), so that no Docker port proxy stands between wrk and the server measured.
// wrk and nginx come from a small load image built FROM the stack's Debian 12 base.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, liveReleaseFiles } from '../test/support/site.ts';
import { nginxConfig } from './nginxConfig.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOAD_IMAGE = 'malardalsradet/bench-load:local';
const LOAD_DOCKERFILE = `FROM node:24.21.0-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends wrk nginx-light && rm -rf /var/lib/apt/lists/*
`;

export interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: number;
}

const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? Number.NaN);

/** Reads wrk's report (run with --latency). */
export const parseWrk = (output: string): WrkResult => {
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)/m.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p99Ms: p99 ? toMs(p99[1] ?? '', p99[2] ?? '') : Number.NaN,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
  };
};

const run = (command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): string => {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

/**
 * Brings up the stack, measures the front door, the site server and nginx on `page`, prints
 * the figures and takes everything down again. Returns false (and says why) without an engine.
 */
export const benchInContainers = async ({
  page,
  duration,
  connections,
  format,
}: {
  page: string;
  duration: string;
  connections: number;
  format: (name: string, result: WrkResult) => string;
}): Promise<boolean> => {
  if (spawnSync('docker', ['info', '--format', '{{.ServerVersion}}']).status !== 0) {
    console.log('\nIn containers: skipped (no Docker engine here).');
    return false;
  }
  const project = `benchserve${process.pid}`;
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-containers-'));
  const envFile = path.join(work, '.env');
  const [sitePort, cmsPort, siteServerPort] = [await freePort(), await freePort(), await freePort()];
  const secret = () => randomBytes(24).toString('base64url');
  writeFileSync(
    envFile,
    readFileSync(path.join(ROOT, '.env.example'), 'utf8')
      .replace(/change-me(-\d)?/g, () => secret())
      .replace(/^SITE_URL=.*$/m, `SITE_URL=http://127.0.0.1:${sitePort}`)
      .replace(/^CMS_PUBLIC_URL=.*$/m, `CMS_PUBLIC_URL=http://127.0.0.1:${cmsPort}`)
      .replace(/^SITE_PORT=.*$/m, `SITE_PORT=${sitePort}`)
      .replace(/^CMS_PORT=.*$/m, `CMS_PORT=${cmsPort}`)
      .replace(/^SITE_SERVER_PORT=.*$/m, `SITE_SERVER_PORT=${siteServerPort}`),
  );
  const compose = (...args: string[]) => run('docker', ['compose', '-p', project, '--env-file', envFile, ...args]);
  const nginxName = `${project}-nginx`;
  try {
    console.log(`\nIn containers (docker-compose.yml as project ${project}, and nginx), wrk from inside each one's network namespace:`);
    let started = Date.now();
    run('docker', ['build', '-q', '-t', LOAD_IMAGE, '-'], { input: LOAD_DOCKERFILE });
    compose('up', '-d', '--build', '--wait');
    console.log(`  (load image and stack up in ${((Date.now() - started) / 1000).toFixed(0)} s)`);

    // nginx serves the web container's live release, written out as plain files.
    const copy = path.join(work, 'copy');
    mkdirSync(copy);
    compose('cp', 'web:/app/apps/web/releases', copy);
    const nginxRoot = path.join(work, 'nginx-root');
    for (const [file, body] of liveReleaseFiles(path.join(copy, 'releases'))) {
      mkdirSync(path.dirname(path.join(nginxRoot, file)), { recursive: true });
      writeFileSync(path.join(nginxRoot, file), body);
    }
    writeFileSync(path.join(work, 'nginx.conf'), nginxConfig({ listen: '127.0.0.1:8080', root: '/srv', runAsRoot: true }));
    run('docker', [
      'run',
      '-d',
      '--name',
      nginxName,
      '-v',
      `${nginxRoot}:/srv:ro`,
      '-v',
      `${path.join(work, 'nginx.conf')}:/bench/nginx.conf:ro`,
      LOAD_IMAGE,
      'nginx',
      '-c',
      '/bench/nginx.conf',
    ]);

    const container = (service: string) => compose('ps', '-q', service).trim();
    /** wrk inside a container's network namespace, to a port of that container's loopback. */
    const wrkIn = (name: string, url: string, warm = false): WrkResult => {
      const load = (args: string[]) => run('docker', ['run', '--rm', '--network', `container:${name}`, LOAD_IMAGE, ...args]);
      if (warm) load(['wrk', '-t1', '-c1', '-d1s', url]);
      return parseWrk(load(['wrk', '-t2', `-c${connections}`, `-d${duration}`, '--latency', url]));
    };
    started = Date.now();
    const nginx = wrkIn(nginxName, `http://127.0.0.1:8080${page}`, true);
    console.log(format('nginx (container)', nginx));
    const frontDoor = wrkIn(container('front-door'), `http://127.0.0.1:80${page}`, true);
    console.log(format('front door (Varnish, container)', frontDoor));
    const siteServer = wrkIn(container('web'), `http://127.0.0.1:4321${page}`, true);
    console.log(format('site server (container)', siteServer));
    console.log(
      `  Front door / nginx: ${((frontDoor.requestsPerSecond / nginx.requestsPerSecond) * 100).toFixed(0)} %; ` +
        `site server / nginx: ${((siteServer.requestsPerSecond / nginx.requestsPerSecond) * 100).toFixed(0)} %` +
        ` (nginx and the site server one worker each; Varnish its default thread pools; wrk shares the cores).`,
    );
    return true;
  } finally {
    spawnSync('docker', ['rm', '-f', nginxName], { stdio: 'ignore' });
    spawnSync('docker', ['compose', '-p', project, '--env-file', envFile, 'down', '-v', '--remove-orphans', '--rmi', 'local'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    rmSync(work, { recursive: true, force: true });
  }
};

// `npm run dev`: prepares local configuration, runs the CMS in development mode, builds the site
// from it and serves the site with its production Node server, until Ctrl-C. Started by
// scripts/toolchain.mjs under Node 24. (`pnpm --filter @malardalsradet/web dev` runs `astro dev`
// instead, for work on components.)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'apps', 'cms');
const CMS_URL = 'http://localhost:1337';
const SITE_URL = 'http://localhost:4321';

const log = (message) => console.log(`[dev] ${message}`);

/** Creates apps/cms/.env from .env.example on first run, with fresh random secrets. */
const prepareCmsEnv = () => {
  const envFile = path.join(cmsDir, '.env');
  if (existsSync(envFile)) return;
  const example = readFileSync(path.join(cmsDir, '.env.example'), 'utf8');
  const withSecrets = example.replace(/change-me(-\d+)?/g, () => randomBytes(24).toString('base64url'));
  writeFileSync(envFile, withSecrets, { mode: 0o600 });
  log('Created apps/cms/.env with new random secrets.');
};

const readEnv = (file) =>
  Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => /^\s*([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(line))
      .filter(Boolean)
      .map((match) => [match[1], match[2]]),
  );

const waitForHealth = async (url, child, timeoutMs = 10 * 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${url}/_health`);
      if (response.status === 204 || response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
};

const children = [];

/** Fails early, with the reason, when another program already listens on a port we need. */
const assertPortFree = async (port, what) => {
  const inUse = await new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
  if (inUse) {
    console.error(`[dev] Port ${port} (${what}) is already in use: is another \`npm run dev\` running? Stop it first.`);
    process.exit(1);
  }
};

// Each child runs in its own process group, so that stopping it also stops what it started
// (pnpm -> strapi -> esbuild).
const run = (name, args, options) => {
  const child = spawn('pnpm', args, { stdio: 'inherit', detached: true, ...options });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      log(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      shutDown(code || 1);
    }
  });
  return child;
};

let shuttingDown = false;
const shutDown = (code) => {
  shuttingDown = true;
  for (const child of children) {
    if (child.exitCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.on('exit', r)) : null))).then(
    () => process.exit(code),
  );
};

process.on('SIGINT', () => shutDown(0));
process.on('SIGTERM', () => shutDown(0));

prepareCmsEnv();
await assertPortFree(1337, 'the CMS');
await assertPortFree(4321, 'the site');
log('Starting the CMS (Strapi) on http://localhost:1337 ...');
const cms = run('The CMS', ['--filter', '@malardalsradet/cms', 'run', 'dev'], { cwd: root });
if (!(await waitForHealth(CMS_URL, cms))) {
  log('The CMS did not come up; see its output above.');
  shutDown(1);
} else {
  log('Building the site from the CMS ...');
  const started = Date.now();
  const build = spawnSync('pnpm', ['--filter', '@malardalsradet/web', 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    log('The site build failed (see above); the CMS keeps running so that you can fix the content.');
  } else {
    log(`Site built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    run('The site', ['--filter', '@malardalsradet/web', 'run', 'start'], {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '4321' },
    });
  }
  const env = readEnv(path.join(cmsDir, '.env'));
  log('');
  if (build.status === 0) log(`Site:     ${SITE_URL}`);
  log(`Admin:    ${CMS_URL}/admin`);
  log(`Log in:   ${env.CMS_ADMIN_EMAIL ?? '(CMS_ADMIN_EMAIL in apps/cms/.env)'} / ${env.CMS_ADMIN_PASSWORD ?? '(CMS_ADMIN_PASSWORD)'}`);
  log(`GraphQL:  ${CMS_URL}/graphql`);
  log('Stop everything with Ctrl-C.');
}

// `npm run dev`: prepares local configuration, runs the CMS in development mode and the site
// server (the production one, which builds the site and rebuilds it on publish), until Ctrl-C.
// apps/cms/.env is the one configuration: the site server gets what it shares with the CMS (the
// secrets, the addresses) and the API tokens made through the admin, in its environment. Started by
// scripts/toolchain.mjs under Node 24. (`pnpm --filter @malardalsradet/web dev` runs `astro dev`
// instead, for work on components.)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { ensureSiteTokens } from './apiTokens.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'apps', 'cms');
const CMS_URL = 'http://localhost:1337';
// The CMS listens on 127.0.0.1 (HOST in apps/cms/.env); `localhost` may be ::1 first.
const CMS_INTERNAL_URL = 'http://127.0.0.1:1337';
const SITE_URL = 'http://localhost:4321';

const log = (message) => console.log(`[dev] ${message}`);

const withRandomSecrets = (text) => text.replace(/change-me(-\d+)?/g, () => randomBytes(24).toString('base64url'));

/**
 * A .env from before the editor's role had one login, CMS_ADMIN_*, which was the editor's. It
 * becomes CMS_EDITOR_*, and CMS_ADMIN_* the developers' administrator of .env.example.
 */
const migrateSingleLogin = (envFile, current, example) => {
  if ('CMS_EDITOR_EMAIL' in current || !current.CMS_ADMIN_EMAIL || current.CMS_ADMIN_EMAIL !== example.CMS_EDITOR_EMAIL) return;
  const text = readFileSync(envFile, 'utf8')
    .replace(/^CMS_ADMIN_EMAIL=.*$/m, `CMS_EDITOR_EMAIL=${current.CMS_ADMIN_EMAIL}\nCMS_ADMIN_EMAIL=${example.CMS_ADMIN_EMAIL}`)
    .replace(
      /^CMS_ADMIN_PASSWORD=.*$/m,
      `CMS_EDITOR_PASSWORD=${current.CMS_ADMIN_PASSWORD ?? example.CMS_EDITOR_PASSWORD}\nCMS_ADMIN_PASSWORD=${example.CMS_ADMIN_PASSWORD}`,
    );
  writeFileSync(envFile, text);
  Object.assign(current, parseEnv(text));
  log(`apps/cms/.env: ${current.CMS_EDITOR_EMAIL} is now the editor's login (CMS_EDITOR_*); the administrator is ${current.CMS_ADMIN_EMAIL}.`);
};

/**
 * Creates apps/cms/.env from .env.example on first run, with fresh random secrets; on later runs
 * adds the settings that .env.example gained since (keeping everything already there).
 */
const prepareCmsEnv = () => {
  const envFile = path.join(cmsDir, '.env');
  const example = readFileSync(path.join(cmsDir, '.env.example'), 'utf8');
  if (!existsSync(envFile)) {
    writeFileSync(envFile, withRandomSecrets(example), { mode: 0o600 });
    log('Created apps/cms/.env with new random secrets.');
    return;
  }
  const current = readEnv(envFile);
  migrateSingleLogin(envFile, current, parseEnv(example));
  const missing = example.split('\n').filter((line) => {
    const key = /^([A-Za-z_]\w*)=/.exec(line)?.[1];
    return key && !(key in current);
  });
  if (missing.length === 0) return;
  writeFileSync(envFile, `${readFileSync(envFile, 'utf8').replace(/\n?$/, '\n')}${withRandomSecrets(missing.join('\n'))}\n`);
  log(`Added to apps/cms/.env: ${missing.map((line) => line.split('=')[0]).join(', ')}.`);
};

/** A dotenv file's values, read by Node's own parser (quotes, comments and `export` handled as Node does). */
const readEnv = (file) => parseEnv(readFileSync(file, 'utf8'));

/** Polls a URL until it answers 2xx, while the child that should serve it runs. */
const waitForOk = async (url, child, timeoutMs = 10 * 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
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
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.on('exit', r)) : null))).then(() => process.exit(code));
};

process.on('SIGINT', () => shutDown(0));
process.on('SIGTERM', () => shutDown(0));

prepareCmsEnv();
await assertPortFree(1337, 'the CMS');
await assertPortFree(4321, 'the site');
log('Starting the CMS (Strapi) on http://localhost:1337 ...');
const cms = run('The CMS', ['--filter', '@malardalsradet/cms', 'run', 'dev'], { cwd: root });
if (!(await waitForOk(`${CMS_URL}/_health`, cms))) {
  log('The CMS did not come up; see its output above.');
  shutDown(1);
} else {
  const env = readEnv(path.join(cmsDir, '.env'));
  const tokens = await ensureSiteTokens(CMS_INTERNAL_URL, { email: env.CMS_ADMIN_EMAIL, password: env.CMS_ADMIN_PASSWORD }).catch((error) => {
    log(`Could not make the site's API tokens as ${env.CMS_ADMIN_EMAIL} (CMS_ADMIN_EMAIL / CMS_ADMIN_PASSWORD in apps/cms/.env): ${error.message}`);
    return null;
  });
  if (!tokens) {
    shutDown(1);
  } else {
    log(`The site's API tokens: reading ${tokens.site.how}, feedback ${tokens.feedback.how}.`);
    // The site server renders the first release itself (and, after every publish, what it touches).
    log('Starting the site server; it renders the site from the CMS ...');
    const site = run('The site', ['--filter', '@malardalsradet/web', 'run', 'start'], {
      cwd: root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '4321',
        CMS_URL: CMS_INTERNAL_URL,
        CMS_PUBLIC_URL: CMS_URL,
        CMS_API_TOKEN: tokens.site.token,
        CMS_FEEDBACK_TOKEN: tokens.feedback.token,
        // The form's privacy note states the period the CMS deletes feedback after.
        FEEDBACK_RETENTION_MONTHS: env.FEEDBACK_RETENTION_MONTHS,
        SITE_URL: env.SITE_URL ?? SITE_URL,
        SITE_WEBHOOK_SECRET: env.SITE_WEBHOOK_SECRET,
        PREVIEW_SECRET: env.PREVIEW_SECRET,
      },
    });
    const siteUp = await waitForOk(SITE_URL, site, 5 * 60_000);
    log('');
    log(siteUp ? `Site:     ${SITE_URL}  (a publish is live within about a second)` : 'The site did not come up; see its output above.');
    log(`Admin UI: ${CMS_URL}/admin`);
    log(
      `Editor:   ${env.CMS_EDITOR_EMAIL ?? '(CMS_EDITOR_EMAIL in apps/cms/.env)'} / ${env.CMS_EDITOR_PASSWORD ?? '(CMS_EDITOR_PASSWORD)'}  (writing and publishing)`,
    );
    log(
      `Admin:    ${env.CMS_ADMIN_EMAIL ?? '(CMS_ADMIN_EMAIL in apps/cms/.env)'} / ${env.CMS_ADMIN_PASSWORD ?? '(CMS_ADMIN_PASSWORD)'}  (developers: content model, roles, tokens)`,
    );
    log(`GraphQL:  ${CMS_URL}/graphql`);
    log('Stop everything with Ctrl-C.');
  }
}

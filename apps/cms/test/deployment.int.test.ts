import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CMS_DIR } from './support/cmsProcess';

// There is no Docker engine here, so the production files are checked as text: what
// docker-compose.yml, the Dockerfiles and .env.example promise (issue: production stack).
const ROOT = path.resolve(CMS_DIR, '..', '..');
const WEB_DIR = path.join(ROOT, 'apps', 'web');
const read = (...parts: string[]) => readFileSync(path.join(...parts), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
}
const compose = parse(read(ROOT, 'docker-compose.yml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { db, cms, web } = compose.services as Record<'db' | 'cms' | 'web', Service>;

const envExample = new Set(
  read(ROOT, '.env.example')
    .split('\n')
    .map((line) => /^([A-Z_][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name)),
);

/** Every file below a folder (no node_modules), for scanning what the code reads. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', 'build', 'releases', '.test-builds'].includes(entry.name) ? [] : sources(full);
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });

// Each app reads its environment in its configuration modules only: the CMS in
// src/config/env.ts, the site in src/env.ts and server/serverEnv.ts.
const CMS_ENV = path.join(CMS_DIR, 'src', 'config', 'env.ts');
const WEB_ENV = [path.join(WEB_DIR, 'src', 'env.ts'), path.join(WEB_DIR, 'server', 'serverEnv.ts')];

/** The variables a configuration module declares (its schema's keys), and any read elsewhere. */
const variablesRead = (files: string[]) => {
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s+([A-Z][A-Z0-9_]*): /gm)) names.add(match[1] ?? '');
    for (const match of text.matchAll(/\bprocess\.env\.([A-Z_][A-Z0-9_]*)\b/g)) names.add(match[1] ?? '');
  }
  return names;
};

// Code that hands the whole environment on to a process it starts, and why.
const PASSES_ENV_ON: Record<string, string> = {
  [path.join(WEB_DIR, 'server', 'publisher.ts')]: "the code build (astro build) reads the site's variables through src/env.ts",
};

// Read by the code, deliberately not part of the production stack, and why.
const NOT_FOR_PRODUCTION: Record<string, string> = {
  CMS_ADMIN_EMAIL: 'development administrator only',
  CMS_ADMIN_PASSWORD: 'development administrator only',
  CMS_EDITOR_EMAIL: 'development editor only',
  CMS_EDITOR_PASSWORD: 'development editor only',
  CMS_SEED_ON_START: 'development seed only',
  CMS_DEV_ACCESS: 'development only',
  GRAPHQL_PLAYGROUND: 'never in production',
  SERVE_ADMIN_PANEL: 'tests and tools only',
  PUBLIC_DIR: 'tests only (the image keeps ./public)',
  DATABASE_FILENAME: 'SQLite only',
  DATABASE_URL: 'alternative to the DATABASE_* parts',
  DATABASE_SCHEMA: 'default (public) is right',
  DATABASE_SSL_REJECT_UNAUTHORIZED: 'only with DATABASE_SSL on a managed server',
  DATABASE_CONNECTION_TIMEOUT: 'default is right',
  SITE_STATUS_URL: 'derived from SITE_WEBHOOK_URL',
  CORS_ORIGINS: 'SITE_URL by default',
  STRAPI_TELEMETRY_DISABLED: 'set in the image',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'set in the image',
  ASTRO_TELEMETRY_DISABLED: 'set in the image',
};

// Read by a module, deliberately left out of the app's .env.example, and why.
const NOT_IN_ENV_EXAMPLE: Record<string, string> = {
  NODE_ENV: 'set by the commands that start the app',
};

describe('docker-compose.yml', () => {
  it('runs db, cms and web, each with a healthcheck and a restart policy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['cms', 'db', 'web']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
      expect(service.restart, name).toBe('unless-stopped');
    }
  });

  it('starts each service only once what it needs is healthy', () => {
    expect(cms.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(web.depends_on).toEqual({ cms: { condition: 'service_healthy' } });
  });

  it('pins PostgreSQL 17 to a version and builds the apps from their Dockerfiles', () => {
    expect(db.image).toMatch(/^postgres:17\.\d+/);
    expect(cms.build).toEqual({ context: '.', dockerfile: 'apps/cms/Dockerfile' });
    expect(web.build).toEqual({ context: '.', dockerfile: 'apps/web/Dockerfile' });
  });

  it('keeps data on named volumes and publishes only the site and the admin', () => {
    expect(db.volumes).toContain('db-data:/var/lib/postgresql/data');
    expect(cms.volumes).toContain('uploads:/app/public/uploads');
    expect(web.volumes).toContain('releases:/app/apps/web/releases');
    // Readers' feedback waits here until the CMS has it: unlike releases, it cannot be rebuilt.
    expect(web.volumes).toContain('feedback-outbox:/app/apps/web/feedback-outbox');
    expect(Object.keys(compose.volumes).sort()).toEqual(['db-data', 'feedback-outbox', 'releases', 'uploads']);
    expect(db.ports).toBeUndefined();
    // The CMS only on the host's loopback: it is reached through the TLS proxy.
    expect(cms.ports).toEqual(['127.0.0.1:${CMS_PORT:-1337}:1337']);
    expect(web.ports).toEqual(['127.0.0.1:${SITE_PORT:-4321}:4321']);
  });

  it('declares in .env.example every variable it takes from .env, and hard-codes no secret', () => {
    const text = read(ROOT, 'docker-compose.yml');
    const referenced = new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((match) => match[1] ?? ''));
    expect([...referenced].filter((name) => !envExample.has(name))).toEqual([]);
    for (const secret of [
      'APP_KEYS',
      'JWT_SECRET',
      'SITE_WEBHOOK_SECRET',
      'PREVIEW_SECRET',
      'DATABASE_PASSWORD',
      'CMS_API_TOKEN',
      'CMS_FEEDBACK_TOKEN',
    ]) {
      expect(text).toContain(`\${${secret}:?`);
    }
  });

  it('passes every variable the CMS reads to the cms service', () => {
    const read = variablesRead([CMS_ENV, ...sources(path.join(CMS_DIR, 'config')), ...sources(path.join(CMS_DIR, 'src'))]);
    expect(read.size).toBeGreaterThan(30);
    const passed = new Set(Object.keys(cms.environment ?? {}));
    const missing = [...read].filter((name) => !passed.has(name) && !(name in NOT_FOR_PRODUCTION));
    expect(missing).toEqual([]);
  });

  it('passes every variable the site reads to the web service', () => {
    const read = variablesRead([
      ...WEB_ENV,
      ...sources(path.join(WEB_DIR, 'src')),
      ...sources(path.join(WEB_DIR, 'server')),
      path.join(WEB_DIR, 'astro.config.mjs'),
    ]);
    expect(read.size).toBeGreaterThan(20);
    const passed = new Set(Object.keys(web.environment ?? {}));
    const missing = [...read].filter((name) => !passed.has(name) && !(name in NOT_FOR_PRODUCTION));
    expect(missing).toEqual([]);
  });
});

describe('configuration', () => {
  it('is read from the environment in one module per app, and nowhere else', () => {
    const code = [
      ...sources(path.join(CMS_DIR, 'config')),
      ...sources(path.join(CMS_DIR, 'src')),
      ...sources(path.join(WEB_DIR, 'src')),
      ...sources(path.join(WEB_DIR, 'server')),
      path.join(WEB_DIR, 'astro.config.mjs'),
    ];
    const modules = new Set([CMS_ENV, ...WEB_ENV]);
    const readers = code.filter((file) => /\bprocess\.env\b/.test(readFileSync(file, 'utf8')));
    expect(readers.filter((file) => !modules.has(file) && !(file in PASSES_ENV_ON)).map((file) => path.relative(ROOT, file))).toEqual([]);
  });

  it('calls the webhook secret SITE_WEBHOOK_SECRET wherever it goes', () => {
    const files = [
      read(ROOT, 'docker-compose.yml'),
      read(ROOT, '.env.example'),
      read(CMS_DIR, '.env.example'),
      read(WEB_DIR, '.env.example'),
      read(ROOT, 'scripts', 'dev.mjs'),
      read(ROOT, 'README.md'),
      read(CMS_DIR, 'README.md'),
      read(WEB_DIR, 'README.md'),
      read(ROOT, 'docs', 'deployment.md'),
      ...[CMS_ENV, ...WEB_ENV, ...sources(path.join(WEB_DIR, 'test'))].map((file) => readFileSync(file, 'utf8')),
    ];
    // The old name alone: SITE_WEBHOOK_SECRET and the contract's WEBHOOK_SECRET_HEADER are other words.
    for (const text of files) expect(text).not.toMatch(/(?<![A-Z_])WEBHOOK_SECRET\b/);
  });

  it("declares in each app's .env.example (commented out when optional) every variable its module reads", () => {
    const declaredIn = (file: string) => new Set([...read(file).matchAll(/^#? ?([A-Z_][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? ''));
    const cmsExample = declaredIn(path.join(CMS_DIR, '.env.example'));
    const webExample = declaredIn(path.join(WEB_DIR, '.env.example'));
    expect([...variablesRead([CMS_ENV])].filter((name) => !cmsExample.has(name) && !(name in NOT_IN_ENV_EXAMPLE))).toEqual([]);
    expect([...variablesRead(WEB_ENV)].filter((name) => !webExample.has(name) && !(name in NOT_IN_ENV_EXAMPLE))).toEqual([]);
  });
});

describe('Dockerfiles', () => {
  const cmsFile = read(CMS_DIR, 'Dockerfile');
  const webFile = read(WEB_DIR, 'Dockerfile');

  it('pin their base images to a Node 24 version', () => {
    for (const file of [cmsFile, webFile]) {
      const bases = [...file.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
      expect(bases.length).toBeGreaterThanOrEqual(2);
      for (const base of bases) expect(base).toMatch(/^node:24\.\d+\.\d+-/);
    }
  });

  it('build the CMS in one stage and run `strapi start` as a non-root user with uploads on a volume', () => {
    expect(cmsFile).toMatch(/pnpm --filter @malardalsradet\/cms run build/);
    expect(cmsFile).toMatch(/^USER node$/m);
    expect(cmsFile).toMatch(/^VOLUME \["\/app\/public\/uploads"\]$/m);
    expect(cmsFile).toMatch(/^CMD \[.*strapi\.js", "start"\]$/m);
    expect(cmsFile).toMatch(/^HEALTHCHECK /m);
  });

  it('run the site server with its rebuild worker as a non-root user with releases on a volume', () => {
    expect(webFile).toMatch(/^USER node$/m);
    expect(webFile).toMatch(/^VOLUME \["\/app\/apps\/web\/releases", "\/app\/apps\/web\/feedback-outbox"\]$/m);
    // The same Node flags as the `start` script (a heap limit), so that production runs the server that was measured.
    const startScript = (JSON.parse(read(ROOT, 'apps', 'web', 'package.json')) as { scripts: { start: string } }).scripts.start;
    const command = ['node', ...(startScript.match(/--\S+/g) ?? []), 'server/main.ts'];
    expect(webFile).toContain(`CMD ${JSON.stringify(command).replaceAll(',', ', ')}`);
    expect(startScript).toMatch(/--max-old-space-size=\d+/);
    expect(webFile).toMatch(/^HEALTHCHECK /m);
  });
});

// What docker-compose.yml, the Dockerfiles and the .env.example files promise, checked without a
// Docker engine (npm test has none; `npm run test:compose` runs the stack itself): the compose
// file read by a YAML parser as Compose reads it, the Dockerfiles by dockerfile-ast (the parser of
// the Docker language server), and the apps' configuration modules for the variables they read.
// Run by `npm test` with Node's own test runner, as test/compose.test.ts is.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Instruction, type JSONInstruction } from 'dockerfile-ast';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CMS_DIR = path.join(ROOT, 'apps', 'cms');
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
const { db, cms, web, 'front-door': frontDoor } = compose.services as Record<'db' | 'cms' | 'web' | 'front-door', Service>;
// The scale stack's override (docker-compose.scale.yml): what it adds to both CMS instances.
const scale = parse(read(ROOT, 'docker-compose.scale.yml'), { merge: true, logLevel: 'error' }) as {
  services: Record<string, Service>;
  'x-cms-scale': Service;
};

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
// src/config/env.ts, the site in server/serverEnv.ts and the site's variables of
// packages/config/src/siteEnv.ts (which apps/web/src/env.ts passes on to the site's code).
const CMS_ENV = path.join(CMS_DIR, 'src', 'config', 'env.ts');
const WEB_ENV = [
  path.join(ROOT, 'packages', 'config', 'src', 'siteEnv.ts'),
  path.join(WEB_DIR, 'src', 'env.ts'),
  path.join(WEB_DIR, 'server', 'serverEnv.ts'),
];
/** The shared checks, which read no variable themselves. */
const CONFIG_MODULES = sources(path.join(ROOT, 'packages', 'config', 'src'));

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
  [path.join(WEB_DIR, 'server', 'publishing', 'publisher.ts')]: "the code build (astro build) reads the site's variables through src/env.ts",
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

/** Names in `names` that `allowed` lacks, sorted, for one assertion that lists them all. */
const missingFrom = (names: Iterable<string>, allowed: (name: string) => boolean): string[] => [...names].filter((name) => !allowed(name)).sort();

describe('docker-compose.yml', () => {
  it('runs db, cms, web and the front door, each with a healthcheck and a restart policy', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['cms', 'db', 'front-door', 'web']);
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(service.healthcheck?.test, `${name} has a healthcheck`);
      assert.equal(service.restart, 'unless-stopped', name);
    }
  });

  it('starts each service only once what it needs is healthy', () => {
    assert.deepEqual(cms.depends_on, { db: { condition: 'service_healthy' } });
    assert.deepEqual(web.depends_on, { cms: { condition: 'service_healthy' } });
    // The front door waits for nothing: Compose would stop it while it recreates web (an upgrade).
    assert.equal(frontDoor.depends_on, undefined);
  });

  it('pins PostgreSQL 17 to a version and builds the apps from their Dockerfiles', () => {
    assert.match(db.image ?? '', /^postgres:17\.\d+/);
    assert.deepEqual(cms.build, { context: '.', dockerfile: 'apps/cms/Dockerfile' });
    assert.deepEqual(web.build, { context: '.', dockerfile: 'apps/web/Dockerfile' });
    assert.deepEqual(frontDoor.build, { context: 'apps/front-door' });
  });

  it('keeps data on named volumes and publishes only the site (the front door), the admin and, for operators, the site server', () => {
    assert.ok(db.volumes?.includes('db-data:/var/lib/postgresql/data'));
    assert.ok(cms.volumes?.includes('uploads:/app/public/uploads'));
    assert.ok(web.volumes?.includes('releases:/app/apps/web/releases'));
    // Readers' feedback waits here until the CMS has it: unlike releases, it cannot be rebuilt.
    assert.ok(web.volumes?.includes('feedback-outbox:/app/apps/web/feedback-outbox'));
    assert.deepEqual(Object.keys(compose.volumes).sort(), ['db-data', 'feedback-outbox', 'releases', 'uploads']);
    assert.equal(db.ports, undefined);
    // The CMS only on the host's loopback: it is reached through the TLS proxy.
    assert.deepEqual(cms.ports, ['127.0.0.1:${CMS_PORT:-1337}:1337']);
    // The readers' port is the front door's; the site server behind it, for operators, on loopback too.
    assert.deepEqual(frontDoor.ports, ['127.0.0.1:${SITE_PORT:-4321}:80']);
    assert.deepEqual(web.ports, ['127.0.0.1:${SITE_SERVER_PORT:-4322}:4321']);
    // Every publish purges the front door, with the secret the front door checks.
    assert.equal(web.environment?.FRONT_DOOR_PURGE_URL, 'http://front-door/');
    assert.equal(web.environment?.FRONT_DOOR_PURGE_SECRET, frontDoor.environment?.FRONT_DOOR_PURGE_SECRET);
  });

  it('declares in .env.example every variable it takes from .env, and hard-codes no secret', () => {
    const values = [...Object.values(compose.services), ...Object.values(scale.services)].flatMap((service) =>
      Object.values(service.environment ?? {}).map(String),
    );
    const referenced = new Set(values.flatMap((value) => [...value.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((match) => match[1] ?? '')));
    assert.deepEqual(
      missingFrom(referenced, (name) => envExample.has(name)),
      [],
    );
    for (const secret of [
      'APP_KEYS',
      'JWT_SECRET',
      'SITE_WEBHOOK_SECRET',
      'PREVIEW_SECRET',
      'DATABASE_PASSWORD',
      'CMS_API_TOKEN',
      'CMS_FEEDBACK_TOKEN',
    ]) {
      // `${NAME:?message}`: Compose refuses to start without it, and no default stands in for it.
      assert.ok(
        values.some((value) => value.startsWith(`\${${secret}:?`)),
        `${secret} is required from .env`,
      );
    }
  });

  it('passes every variable the CMS reads to the cms service', () => {
    const names = variablesRead([CMS_ENV, ...sources(path.join(CMS_DIR, 'config')), ...sources(path.join(CMS_DIR, 'src'))]);
    assert.ok(names.size > 30, `found ${names.size} variables`);
    // The uploads' bucket (UPLOAD_PROVIDER=aws-s3, UPLOAD_S3_*) is the scale stack's.
    const passed = new Set([...Object.keys(cms.environment ?? {}), ...Object.keys(scale['x-cms-scale'].environment ?? {})]);
    assert.deepEqual(
      missingFrom(names, (name) => passed.has(name) || name in NOT_FOR_PRODUCTION),
      [],
    );
  });

  it('passes every variable the site reads to the web service', () => {
    const names = variablesRead([
      ...WEB_ENV,
      ...sources(path.join(WEB_DIR, 'src')),
      ...sources(path.join(WEB_DIR, 'server')),
      path.join(WEB_DIR, 'astro.config.mjs'),
    ]);
    assert.ok(names.size > 20, `found ${names.size} variables`);
    const passed = new Set(Object.keys(web.environment ?? {}));
    assert.deepEqual(
      missingFrom(names, (name) => passed.has(name) || name in NOT_FOR_PRODUCTION),
      [],
    );
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
    assert.deepEqual(
      readers.filter((file) => !modules.has(file) && !(file in PASSES_ENV_ON)).map((file) => path.relative(ROOT, file)),
      [],
    );
  });

  it('calls the webhook secret SITE_WEBHOOK_SECRET wherever it goes', () => {
    const files = [
      path.join(ROOT, 'docker-compose.yml'),
      path.join(ROOT, '.env.example'),
      path.join(CMS_DIR, '.env.example'),
      path.join(WEB_DIR, '.env.example'),
      path.join(ROOT, 'scripts', 'dev.mjs'),
      path.join(ROOT, 'README.md'),
      path.join(CMS_DIR, 'README.md'),
      path.join(WEB_DIR, 'README.md'),
      path.join(ROOT, 'docs', 'deployment.md'),
      ...CONFIG_MODULES,
      CMS_ENV,
      ...WEB_ENV,
      ...sources(path.join(WEB_DIR, 'test')),
    ];
    // The old name alone: SITE_WEBHOOK_SECRET and the contract's WEBHOOK_SECRET_HEADER are other words.
    for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), /(?<![A-Z_])WEBHOOK_SECRET\b/, path.relative(ROOT, file));
  });

  it("declares in each app's .env.example (commented out when optional) every variable its module reads", () => {
    const declaredIn = (file: string) => new Set([...read(file).matchAll(/^#? ?([A-Z_][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? ''));
    const cmsExample = declaredIn(path.join(CMS_DIR, '.env.example'));
    const webExample = declaredIn(path.join(WEB_DIR, '.env.example'));
    assert.deepEqual(
      missingFrom(variablesRead([CMS_ENV]), (name) => cmsExample.has(name) || name in NOT_IN_ENV_EXAMPLE),
      [],
    );
    assert.deepEqual(
      missingFrom(variablesRead(WEB_ENV), (name) => webExample.has(name) || name in NOT_IN_ENV_EXAMPLE),
      [],
    );
  });
});

describe('Dockerfiles', () => {
  const cmsFile = DockerfileParser.parse(read(CMS_DIR, 'Dockerfile'));
  const webFile = DockerfileParser.parse(read(WEB_DIR, 'Dockerfile'));
  /** The instructions of one keyword, with their arguments as Docker splits them. */
  const instructions = (file: typeof cmsFile, keyword: string): Instruction[] =>
    file.getInstructions().filter((instruction) => instruction.getKeyword() === keyword);
  const argumentsOf = (instruction: Instruction) => instruction.getArguments().map((argument) => argument.getValue());
  /** The strings of an instruction in exec (JSON) form: CMD ["node", ...], VOLUME ["/a", "/b"]. */
  const execForm = (instruction: Instruction | undefined) =>
    (instruction as JSONInstruction | undefined)?.getJSONStrings().map((item) => item.getJSONValue());
  const runs = (file: typeof cmsFile) => instructions(file, 'RUN').map((instruction) => instruction.getArgumentsContent() ?? '');

  it('pin their base images to a Node 24 version', () => {
    for (const file of [cmsFile, webFile]) {
      const bases = file.getFROMs().map((from) => from.getImage());
      assert.ok(bases.length >= 2, 'a build stage and a runtime stage');
      for (const base of bases) assert.match(base ?? '', /^node:24\.\d+\.\d+-/);
    }
  });

  it("copy every workspace package's package.json before the install, which --frozen-lockfile needs", () => {
    // Folders of apps/ without a package.json (the object store, the balancers) are images of
    // Debian packages, not workspace packages.
    const packages = ['apps', 'packages']
      .flatMap((dir) => readdirSync(path.join(ROOT, dir)).map((name) => `${dir}/${name}/package.json`))
      .filter((file) => existsSync(path.join(ROOT, file)));
    for (const file of [cmsFile, webFile]) {
      const copied = new Set(instructions(file, 'COPY').map((instruction) => argumentsOf(instruction)[0]));
      assert.deepEqual(
        missingFrom(packages, (name) => copied.has(name)),
        [],
      );
    }
  });

  it('build the CMS in one stage and run `strapi start` as a non-root user with uploads on a volume', () => {
    assert.ok(runs(cmsFile).some((run) => run.includes('pnpm --filter @malardalsradet/cms run build')));
    assert.deepEqual(instructions(cmsFile, 'USER').map(argumentsOf), [['node']]);
    assert.deepEqual(execForm(instructions(cmsFile, 'VOLUME')[0]), ['/app/public/uploads']);
    assert.deepEqual(execForm(cmsFile.getCMDs()[0])?.slice(-2), ['node_modules/@strapi/strapi/bin/strapi.js', 'start']);
    assert.equal(cmsFile.getHEALTHCHECKs().length, 1);
  });

  it('run the site server with its rebuild worker as a non-root user with releases on a volume', () => {
    assert.deepEqual(instructions(webFile, 'USER').map(argumentsOf), [['node']]);
    assert.deepEqual(execForm(instructions(webFile, 'VOLUME')[0]), ['/app/apps/web/releases', '/app/apps/web/feedback-outbox']);
    // The same Node flags as the `start` script (a heap limit), so that production runs the server that was measured.
    const startScript = (JSON.parse(read(WEB_DIR, 'package.json')) as { scripts: { start: string } }).scripts.start;
    assert.match(startScript, /--max-old-space-size=\d+/);
    assert.deepEqual(execForm(webFile.getCMDs()[0]), ['node', ...(startScript.match(/--\S+/g) ?? []), 'server/main.ts']);
    assert.equal(webFile.getHEALTHCHECKs().length, 1);
  });

  it("build the front door from Debian 12's varnish and varnish-modules on the Node base image, with its own health check", () => {
    const frontDoorFile = DockerfileParser.parse(read(ROOT, 'apps', 'front-door', 'Dockerfile'));
    assert.deepEqual(
      frontDoorFile.getFROMs().map((from) => `${from.getImage()}`),
      ['node:24.21.0-bookworm-slim'],
    );
    assert.ok(runs(frontDoorFile).some((run) => /apt-get install .*\bvarnish varnish-modules\b/.test(run)));
    assert.equal(frontDoorFile.getHEALTHCHECKs().length, 1);
  });
});

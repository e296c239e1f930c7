// `npm run test:compose`: the production stack (docker-compose.yml) on a real Docker engine, as
// an operator runs it (docs/deployment.md follows these steps): a fresh `.env` with every secret
// filled in, `docker compose up -d --build --wait`, the seeded site through its front door, the
// first administrator, a publish that goes live (purged from the front door's cache as soon as
// the site server has it), the front door serving while the site server is paused, a backup restored into a fresh stack, an upgrade of the site that keeps
// serving, `down -v`. Run with Node's own test runner (no dependencies), on a project of its own
// so that it never touches a stack the machine already runs. Each step prints its time.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { adminApiAt, composeEnvOf, composeOn, copyCheckout, freePort, waitFor, writeStackEnv } from './support/composeStack.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'compose-test-'));

/** The stack under test: a project of its own, from a copy of the checkout (the upgrade edits it). */
const stack = {
  dir: path.join(work, 'checkout'),
  project: `mrtest${process.pid}`,
  envFile: path.join(work, '.env'),
  sitePort: 0,
  cmsPort: 0,
  /** The site server itself, behind the front door (published for operators). */
  siteServerPort: 0,
  /** The secret of the front door's purges and debug headers, from the stack's .env. */
  frontDoorSecret: '',
};

const log = (message: string) => console.log(`[compose test] ${message}`);

const timed = <T>(what: string, run: () => T): T => {
  const started = Date.now();
  const result = run();
  log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

const composeEnv = () => composeEnvOf(stack);

/** `docker compose …` on the stack under test; fails with its output. */
const compose = composeOn(stack);

/** `docker compose …` without blocking: the test watches the site meanwhile. */
const composeAsync = (...args: string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn('docker', ['compose', ...args], { cwd: stack.dir, env: composeEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker compose ${args.join(' ')} failed:\n${stderr}`))));
  });

/** A root command of the copy (`npm run backup -- …`), against the stack under test. */
const npmRun = (...args: string[]): string => {
  // From the checkout under test, whose toolchain is installed; the stack is named by the environment.
  const result = spawnSync('npm', ['run', '--silent', ...args], { cwd: ROOT, env: composeEnv(), encoding: 'utf8' });
  assert.equal(result.status, 0, `npm run ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

const siteUrl = () => `http://127.0.0.1:${stack.sitePort}`;
const siteServerUrl = () => `http://127.0.0.1:${stack.siteServerPort}`;
const cmsUrl = () => `http://127.0.0.1:${stack.cmsPort}`;

/** A page through the front door (SITE_PORT, the readers' port), or from `base` (the site server's). */
const page = async (
  pathname: string,
  { base = siteUrl(), headers = {} }: { base?: string; headers?: Record<string, string> } = {},
  retried = false,
): Promise<{ status: number; body: string; headers: Headers }> => {
  try {
    const response = await fetch(`${base}${pathname}`, { headers });
    return { status: response.status, body: await response.text(), headers: response.headers };
  } catch (error) {
    // fetch keeps connections alive, and one to the same port of a stack taken down since is
    // closed on its first use: that is the test's connection, not the site, so try once more.
    if (retried || !(error instanceof TypeError)) throw error;
    return page(pathname, { base, headers }, true);
  }
};

/** What the front door did with a request (its operators' debug header, apps/front-door/README.md). */
const frontDoorSays = async (pathname: string) =>
  (await page(pathname, { headers: { 'x-front-door-debug': stack.frontDoorSecret } })).headers.get('x-front-door') ?? '';

/** The admin's API (test/support/composeStack.ts: as the TLS proxy would send it). */
const admin = adminApiAt(cmsUrl);

const ADMIN = { firstname: 'Drift', lastname: 'Test', email: 'drift@example.org', password: 'Drift-test-2026-lösen' };
const COLLECTION = '/content-manager/collection-types';

/**
 * An editor's edit and publish of the first goal's Swedish title, with the page cached in the
 * front door before; returns how long until it is live through the front door, and at the site
 * server (both watched at once), and checks that the front door never answers the old page again.
 */
const publishGoalTitle = async (jwt: string, title: string): Promise<{ frontDoor: number; siteServer: number }> => {
  const { results } = await admin<{ results: { documentId: string }[] }>(`${COLLECTION}/api::goal.goal?locale=sv&sort=order:ASC`, { jwt });
  const goal = results[0];
  assert.ok(goal, 'the seeded goals are there');
  await admin(`${COLLECTION}/api::goal.goal/${goal.documentId}?locale=sv`, { method: 'PUT', json: { title }, jwt });
  // The page is in the front door's cache: what follows is its purge, not a first fetch.
  await page('/inriktningsmal/');
  assert.match(await frontDoorSays('/inriktningsmal/'), /^hit/);
  const published = Date.now();
  await admin(`${COLLECTION}/api::goal.goal/${goal.documentId}/actions/publish?locale=sv`, { method: 'POST', json: {}, jwt });
  const [frontDoor, siteServer] = await Promise.all([
    waitFor(`"${title}" through the front door`, async () => (await page('/inriktningsmal/')).body.includes(title), 30_000).then(
      () => Date.now() - published,
    ),
    waitFor(
      `"${title}" at the site server`,
      async () => (await page('/inriktningsmal/', { base: siteServerUrl() })).body.includes(title),
      30_000,
    ).then(() => Date.now() - published),
  ]);
  // Never older afterwards: through the purge's repeat (2 s later) and beyond.
  for (let check = 0; check < 30; check++) {
    assert.ok((await page('/inriktningsmal/')).body.includes(title), `the front door still shows "${title}" (check ${check})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { frontDoor, siteServer };
};

const up = () => timed('docker compose up -d --build --wait', () => compose('up', '-d', '--build', '--wait'));

describe('the production stack (docker compose)', () => {
  let jwt = '';
  let uploadUrl = '';

  before(async () => {
    const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
    assert.equal(engine.status, 0, `No Docker engine: ${engine.stderr}`);
    copyCheckout(ROOT, stack.dir);
    [stack.sitePort, stack.cmsPort, stack.siteServerPort] = [await freePort(), await freePort(), await freePort()];
    // .env from .env.example with every placeholder replaced, as docs/deployment.md says.
    const env = writeStackEnv(stack, {
      SITE_URL: siteUrl(),
      CMS_PUBLIC_URL: cmsUrl(),
      SITE_PORT: String(stack.sitePort),
      CMS_PORT: String(stack.cmsPort),
      SITE_SERVER_PORT: String(stack.siteServerPort),
    });
    stack.frontDoorSecret = /^FRONT_DOOR_PURGE_SECRET=(.*)$/m.exec(env)?.[1] ?? '';
    assert.ok(stack.frontDoorSecret.length >= 16, 'the front door has its secret');
  });

  after(() => {
    // --rmi local: the front door's image, named after this project (the others are shared tags).
    spawnSync('docker', ['compose', 'down', '-v', '--remove-orphans', '--rmi', 'local'], { cwd: stack.dir, env: composeEnv(), stdio: 'inherit' });
    rmSync(work, { recursive: true, force: true });
  });

  it('builds both images and brings every service to healthy with one command', () => {
    up();
    const services = JSON.parse(`[${compose('ps', '--format', 'json').trim().split('\n').join(',')}]`) as { Service: string; Health: string }[];
    assert.deepEqual(services.map((service) => [service.Service, service.Health]).sort(), [
      ['cms', 'healthy'],
      ['db', 'healthy'],
      ['front-door', 'healthy'],
      ['web', 'healthy'],
    ]);
    for (const [service, image] of [
      ['cms', 'malardalsradet/cms:local'],
      ['web', 'malardalsradet/web:local'],
      ['front-door', `${stack.project}-front-door`],
    ] as const) {
      const size = spawnSync('docker', ['image', 'inspect', image, '--format', '{{.Size}}'], { encoding: 'utf8' }).stdout.trim();
      log(`image ${image} (${service}): ${(Number(size) / 1e6).toFixed(0)} MB`);
      // Varnish's workers run as its own user (varnishd starts as root and drops to vcache).
      if (service !== 'front-door') assert.equal(compose('exec', '-T', service, 'id', '-un').trim(), 'node', `${service} runs as node`);
    }
  });

  it("serves Mälardalsrådet's seeded content in both languages", async () => {
    const home = await page('/');
    assert.equal(home.status, 200);
    assert.match(home.body, /<h1>Mälardalsrådet<\/h1>/);
    assert.match(home.body, /Strategisk kompetensförsörjning/);
    assert.match((await page('/en/')).body, /Strategic skills supply/);
    assert.equal((await page('/tillganglighet/')).status, 200);
  });

  it('registers the first administrator, whose publish is live on the site within seconds', async () => {
    ({
      data: { token: jwt },
    } = await admin<{ data: { token: string } }>('/admin/register-admin', { method: 'POST', json: ADMIN }));
    const times = [];
    for (let run = 1; run <= 3; run++) times.push(await publishGoalTitle(jwt, `En sammanhållen region (drift ${run})`));
    log(
      `publish → live through the front door: ${times.map(({ frontDoor }) => `${(frontDoor / 1000).toFixed(2)} s`).join(', ')}; ` +
        `at the site server: ${times.map(({ siteServer }) => `${(siteServer / 1000).toFixed(2)} s`).join(', ')}`,
    );
    assert.ok(Math.max(...times.map(({ frontDoor }) => frontDoor)) < 5000, `every publish live within 5 s (${JSON.stringify(times)})`);
    // The purge is made right after the switch, before the publish is reported live: the front
    // door lags the site server by the purge and this test's polls (100 ms apart, each a request
    // that takes a few hundred ms on a loaded machine: up to 510 ms were seen at a load of 15 on 2 cores).
    for (const { frontDoor, siteServer } of times)
      assert.ok(frontDoor <= siteServer + 1000, `as soon through the front door (${frontDoor} ms) as at the site server (${siteServer} ms)`);
  });

  it('passes search and the feedback form through the front door uncached', async () => {
    for (const pathname of ['/sok?q=region', '/synpunkter?sida=%2F']) {
      for (let time = 0; time < 2; time++) {
        const answer = await page(pathname, { headers: { 'x-front-door-debug': stack.frontDoorSecret } });
        assert.equal(answer.status, 200, pathname);
        assert.equal(answer.headers.get('x-front-door'), 'pass', `${pathname} is never kept`);
        assert.equal(answer.headers.get('xkey'), null, `${pathname} carries no cache keys`);
      }
    }
    // Readers never see the keys; operators do (the page's path and what it read).
    assert.equal((await page('/')).headers.get('xkey'), null);
    assert.match((await page('/', { headers: { 'x-front-door-debug': stack.frontDoorSecret } })).headers.get('xkey') ?? '', /^release path:\/ /);
  });

  it('keeps serving the pages it has, with 200 and their content, while the site server is paused', async () => {
    const pages = ['/', '/en/', '/inriktningsmal/', '/tillganglighet/'];
    const before = new Map<string, string>();
    for (const pathname of pages) before.set(pathname, (await page(pathname)).body);
    compose('pause', 'web');
    try {
      // The stack configures FRONT_DOOR_GRACE=24h (at least 10 minutes); the test watches 30 s:
      // before and after the front door's probe has found the site server gone.
      const started = Date.now();
      let answers = 0;
      while (Date.now() - started < 30_000) {
        for (const pathname of pages) {
          const answer = await page(pathname);
          assert.equal(answer.status, 200, `${pathname} after ${Date.now() - started} ms with the site server paused`);
          assert.equal(answer.body, before.get(pathname), `${pathname} as published`);
          answers += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      log(`site server paused 30 s: ${answers} answers through the front door, every one 200 and as published`);
    } finally {
      compose('unpause', 'web');
    }
    // The front door sends requests to the site server again once its probe has seen it answer
    // twice (2 s apart): until then what it cannot serve from its cache (a search) is a 503.
    const back = await waitFor('the site server back behind the front door', async () => (await page('/sok?q=region')).status === 200, 30_000);
    log(`site server unpaused: searches pass through the front door again after ${(back / 1000).toFixed(1)} s`);
  });

  it("delivers a reader's feedback, sent without JavaScript, to the editors' list in the CMS", async () => {
    const message = `Tabellen i verksamhetsberättelsen går inte att läsa med skärmläsare (drift ${Date.now()}).`;
    const form = await page('/synpunkter?sida=%2Fverksamhetsberattelser%2F');
    assert.equal(form.status, 200);
    const answer = await fetch(`${siteUrl()}/synpunkter`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ message, page: '/verksamhetsberattelser/', replyTo: '', website: '' }).toString(),
    });
    assert.equal(answer.status, 303, await answer.text());
    const waited = await waitFor(
      'the feedback in the CMS',
      async () => {
        const { results } = await admin<{ results: { message: string }[] }>(`${COLLECTION}/api::feedback.feedback?page=1&pageSize=50`, { jwt });
        return results.some((entry) => entry.message === message);
      },
      30_000,
    );
    log(`feedback in the CMS ${(waited / 1000).toFixed(1)} s after it was sent`);
  });

  it('takes an uploaded file', async () => {
    const form = new FormData();
    form.append(
      'files',
      new Blob(
        [
          '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
        ],
        { type: 'application/pdf' },
      ),
      'drift.pdf',
    );
    const [file] = await admin<{ url: string }[]>('/upload', { method: 'POST', form, jwt });
    assert.ok(file);
    uploadUrl = file.url;
    assert.equal((await fetch(`${cmsUrl()}${uploadUrl}`)).status, 200);
  });

  it('backs up, and a restore into a fresh stack brings back the content, the uploads and every release that was live', async () => {
    const backup = path.join(work, 'backup');
    const liveHistory = () =>
      compose('exec', '-T', 'web', 'cat', 'releases/history.jsonl')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => (JSON.parse(line) as { releaseId: string }).releaseId);
    const wasLive = liveHistory();
    assert.ok(wasLive.length >= 2, `the stack has published: ${wasLive.join(', ')}`);
    timed('npm run backup -- --compose', () => npmRun('backup', '--', '--compose', backup));
    timed('docker compose down -v', () => compose('down', '-v'));
    up();
    // The fresh stack is seeded: the edit is not there until the restore.
    assert.doesNotMatch((await page('/inriktningsmal/')).body, /drift 3/);
    timed('npm run restore -- --compose', () => npmRun('restore', '--', '--compose', backup));
    const waited = await waitFor('the restored content on the site', async () =>
      (await page('/inriktningsmal/')).body.includes('En sammanhållen region (drift 3)'),
    );
    log(`restored content live ${(waited / 1000).toFixed(1)} s after the restore`);
    assert.equal((await fetch(`${cmsUrl()}${uploadUrl}`)).status, 200);
    // The site as it was came back too: the backup's live releases, in order, then the restored one.
    assert.deepEqual(liveHistory().slice(0, wasLive.length), wasLive);
    // The administrator came back with the database.
    await admin('/admin/login', { method: 'POST', json: { email: ADMIN.email, password: ADMIN.password } });
  });

  it('upgrades the site with build and up, serving the previous release until the new one is live', async () => {
    const footer = path.join(stack.dir, 'apps/web/src/i18n/sv.json');
    const marker = 'Kommunerna och regionerna i Stockholm-Mälarregionen (ny version)';
    writeFileSync(
      footer,
      readFileSync(footer, 'utf8').replace('"site.tagline": "Kommunerna och regionerna i Stockholm-Mälarregionen"', `"site.tagline": "${marker}"`),
    );
    timed('docker compose build web', () => compose('build', 'web'));
    // Watch the site while the container is replaced and the new code builds.
    const answers = new Map<string, number>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const status = await page('/').then(
          (answer) => (answer.body.includes(marker) ? 'new' : String(answer.status)),
          (error: Error) => (error.cause instanceof Error ? ((error.cause as NodeJS.ErrnoException).code ?? error.cause.message) : 'error'),
        );
        answers.set(status, (answers.get(status) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = Date.now();
    await composeAsync('up', '-d', '--wait');
    log(`docker compose up -d --wait (web replaced): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await waitFor('the new version on the site', async () => (await page('/')).body.includes(marker), 300_000);
    log(
      `new version live ${((Date.now() - started) / 1000).toFixed(1)} s after up; answers meanwhile: ${JSON.stringify(Object.fromEntries(answers))}`,
    );
    watching = false;
    await watcher;
    // Every answer is the previous release (200) or the new one, never an error.
    // With the front door in front, not even a refused connection: it serves the cached start page throughout.
    const failures = [...answers].filter(([status]) => !['200', 'new'].includes(status));
    assert.deepEqual(failures, [], 'no error answers');
    assert.ok((answers.get('200') ?? 0) > 0, 'the previous release was served while the new one was built');
  });
});

// `npm run test:compose`, second half: the scale stack (docker-compose.yml + docker-compose.scale.yml)
// on a real Docker engine: two CMS instances behind their balancer, two site servers behind the
// front door, one PostgreSQL, the uploads in radosgw. Under continuous reader load through the
// front door it crashes one site server, then one CMS instance (SIGKILL to the container's main
// process from the host: a crash, which the restart policy answers; `docker kill` would count as a
// stop), publishes during each outage and sees the publish live, sees the killed one healthy again
// by itself, and asserts that no reader request failed. Then an upload through one CMS instance
// read through the other and from the bucket's public URL, and a reader's feedback stored once.
// A project of its own, like test/compose.test.ts; prints its figures.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { adminApiAt, composeEnvOf, composeOn, copyCheckout, freePort, waitFor, writeStackEnv } from './support/composeStack.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'compose-scale-test-'));
const FILES = ['-f', 'docker-compose.yml', '-f', 'docker-compose.scale.yml'];

const stack = {
  dir: path.join(work, 'checkout'),
  project: `mrscale${process.pid}`,
  envFile: path.join(work, '.env'),
  sitePort: 0,
  cmsPort: 0,
  objectPort: 0,
  siteServerPort: 0,
  files: FILES,
};

const log = (message: string) => console.log(`[scale test] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `docker compose -f … -f … …` on the stack under test; fails with its output. */
const compose = composeOn(stack);

const docker = (...args: string[]): string => {
  const result = spawnSync('docker', args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `docker ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
};

const siteUrl = () => `http://127.0.0.1:${stack.sitePort}`;
const cmsUrl = () => `http://127.0.0.1:${stack.cmsPort}`;
const objectUrl = () => `http://127.0.0.1:${stack.objectPort}/media`;

/** The admin's API through the CMS balancer, as the TLS proxy would send it. */
const admin = adminApiAt(cmsUrl);

const ADMIN = { firstname: 'Skala', lastname: 'Test', email: 'skala@example.org', password: 'Skala-test-2026-lösen' };
const COLLECTION = '/content-manager/collection-types';
const GOALS_PAGE = '/inriktningsmal/';

/** Edits and publishes the first goal's Swedish title through the balancer; how long until the front door shows it. */
const publishGoalTitle = async (jwt: string, title: string): Promise<number> => {
  const { results } = await admin<{ results: { documentId: string }[] }>(`${COLLECTION}/api::goal.goal?locale=sv&sort=order:ASC`, { jwt });
  const goal = results[0];
  assert.ok(goal, 'the seeded goals are there');
  await admin(`${COLLECTION}/api::goal.goal/${goal.documentId}?locale=sv`, { method: 'PUT', json: { title }, jwt });
  const published = Date.now();
  await admin(`${COLLECTION}/api::goal.goal/${goal.documentId}/actions/publish?locale=sv`, { method: 'POST', json: {}, jwt });
  await waitFor(`"${title}" through the front door`, async () => (await (await fetch(`${siteUrl()}${GOALS_PAGE}`)).text()).includes(title), 60_000);
  return Date.now() - published;
};

/** Readers: a few loops fetching pages through the front door, each answer counted. */
class ReaderLoad {
  served = 0;
  maxLatencyMs = 0;
  readonly failures: string[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(pages: string[], concurrency: number) {
    for (let index = 0; index < concurrency; index++) this.loops.push(this.loop(pages, index));
  }

  private async loop(pages: string[], offset: number): Promise<void> {
    for (let turn = offset; this.running; turn++) {
      const pathname = pages[turn % pages.length] ?? '/';
      const started = Date.now();
      try {
        const response = await fetch(`${siteUrl()}${pathname}`, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
        await response.arrayBuffer();
        if (response.status >= 400) this.failures.push(`${new Date().toISOString()} ${pathname}: ${response.status}`);
        else this.served++;
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        this.failures.push(`${new Date().toISOString()} ${pathname}: ${cause}`);
      }
      this.maxLatencyMs = Math.max(this.maxLatencyMs, Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

const containerOf = (service: string) => compose('ps', '-q', service).trim();
const health = (container: string) => docker('inspect', '-f', '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', container);
const restarts = (container: string) => Number(docker('inspect', '-f', '{{.RestartCount}}', container));

/**
 * Crashes the service's container: SIGKILL to its main process from the host, which Docker takes
 * for a crash and restarts (restart: unless-stopped).
 */
const crash = (service: string): { container: string; restartsBefore: number } => {
  const container = containerOf(service);
  const restartsBefore = restarts(container);
  const pid = docker('inspect', '-f', '{{.State.Pid}}', container);
  const killed = spawnSync('kill', ['-9', pid], { encoding: 'utf8' });
  assert.equal(killed.status, 0, `kill -9 ${pid} (${service}): ${killed.stderr}`);
  return { container, restartsBefore };
};

/** Waits until the crashed container has been restarted and is healthy again; how long it took. */
const rejoined = (service: string, crashed: { container: string; restartsBefore: number }) =>
  waitFor(
    `${service} healthy again after its crash`,
    async () => restarts(crashed.container) > crashed.restartsBefore && health(crashed.container) === 'healthy',
    300_000,
  );

/** Runs `node -e script` inside a service's container (its own 127.0.0.1), and answers its output. */
const nodeIn = (service: string, script: string, ...args: string[]): string => compose('exec', '-T', service, 'node', '-e', script, ...args);

describe('the scale stack (docker compose, two of everything)', () => {
  let jwt = '';
  let load: ReaderLoad | undefined;

  before(async () => {
    const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
    assert.equal(engine.status, 0, `No Docker engine: ${engine.stderr}`);
    // The object store is Debian 13 (apps/object-store/README.md). Where no registry is reachable
    // the engine has local stand-ins for the base images (../shared/docker/engine.sh), among them
    // Debian 13's root file system: it stands in for debian:trixie-slim as the others do for theirs.
    const hasImage = (image: string) => spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0;
    if (!hasImage('debian:trixie-slim') && hasImage('standin/debian:trixie')) {
      log('debian:trixie-slim is not here: tagging the local stand-in standin/debian:trixie as it.');
      docker('tag', 'standin/debian:trixie', 'debian:trixie-slim');
    }
    copyCheckout(ROOT, stack.dir);
    [stack.sitePort, stack.cmsPort, stack.objectPort, stack.siteServerPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    writeStackEnv(stack, {
      SITE_URL: siteUrl(),
      CMS_PUBLIC_URL: cmsUrl(),
      SITE_PORT: String(stack.sitePort),
      SITE_SERVER_PORT: String(stack.siteServerPort),
      CMS_PORT: String(stack.cmsPort),
      OBJECT_STORE_PORT: String(stack.objectPort),
      OBJECT_STORE_PUBLIC_URL: objectUrl(),
    });
  });

  after(async () => {
    await load?.stop();
    // SCALE_TEST_KEEP=true leaves the stack up to look into (docker compose -p <project> down -v --rmi local after).
    // --rmi local: the front door's image is named after the project (docker-compose.yml).
    if (process.env.SCALE_TEST_KEEP !== 'true')
      spawnSync('docker', ['compose', ...FILES, 'down', '-v', '--remove-orphans', '--rmi', 'local'], {
        cwd: stack.dir,
        env: composeEnvOf(stack),
        stdio: 'inherit',
      });
    rmSync(work, { recursive: true, force: true });
  });

  it('brings two CMS instances, two site servers, the balancer, the front door and the object store to healthy with one command', () => {
    const started = Date.now();
    try {
      compose('up', '-d', '--build', '--wait');
    } catch (error) {
      // What the services said, for whoever reads the failure: the stack is taken down after the test.
      const logs = spawnSync('docker', ['compose', ...FILES, 'logs', '--no-color', '--tail=60'], {
        cwd: stack.dir,
        env: composeEnvOf(stack),
        encoding: 'utf8',
      });
      log(`The services' last lines:\n${logs.stdout}${logs.stderr}`);
      throw error;
    }
    log(`docker compose -f docker-compose.yml -f docker-compose.scale.yml up -d --build --wait: ${seconds(Date.now() - started)}`);
    const services = JSON.parse(`[${compose('ps', '--format', 'json').trim().split('\n').join(',')}]`) as { Service: string; Health: string }[];
    assert.deepEqual(services.map((service) => [service.Service, service.Health]).sort(), [
      ['cms', 'healthy'],
      ['cms-2', 'healthy'],
      ['cms-balancer', 'healthy'],
      ['db', 'healthy'],
      ['front-door', 'healthy'],
      ['object-store', 'healthy'],
      ['web', 'healthy'],
      ['web-2', 'healthy'],
    ]);
  });

  it('serves the seeded site through the front door, and registers the administrator through the balancer', async () => {
    const home = await fetch(`${siteUrl()}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Mälardalsrådet/);
    ({
      data: { token: jwt },
    } = await admin<{ data: { token: string } }>('/admin/register-admin', { method: 'POST', json: ADMIN }));
    log(`publish → live through the front door, both instances up: ${seconds(await publishGoalTitle(jwt, 'En sammanhållen region (skala 0)'))}`);
  });

  it('loses no reader request while a site server crashes, takes a publish meanwhile, and the site server rejoins by itself', async () => {
    load = new ReaderLoad(['/', '/en/', GOALS_PAGE, '/tillganglighet/', '/en/accessibility/'], 4);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const crashedAt = Date.now();
    const crashed = crash('web');
    const live = await publishGoalTitle(jwt, 'En sammanhållen region (skala 1)');
    const back = await rejoined('web', crashed);
    log(
      `web crashed: publish → live meanwhile ${seconds(live)}; web healthy again ${seconds(Date.now() - crashedAt)} after the crash (${seconds(back)} of waiting)`,
    );
    // Both site servers serve the publish: each answers the page itself, not the front door's copy.
    for (const service of ['web', 'web-2'])
      await waitFor(`${service} serving the publish`, async () =>
        nodeIn(service, "fetch('http://127.0.0.1:4321/inriktningsmal/').then(async (r) => console.log(await r.text()))").includes('(skala 1)'),
      );
    log(`readers so far: ${load.served} answers, ${load.failures.length} failed, slowest ${load.maxLatencyMs} ms`);
    assert.deepEqual(load.failures, [], 'no reader request failed');
  });

  it('loses no reader request while a CMS instance crashes, publishes through the other, and the instance rejoins by itself', async () => {
    assert.ok(load);
    const crashedAt = Date.now();
    const crashed = crash('cms');
    const live = await publishGoalTitle(jwt, 'En sammanhållen region (skala 2)');
    const back = await rejoined('cms', crashed);
    log(
      `cms crashed: publish through cms-2 → live ${seconds(live)}; cms healthy again ${seconds(Date.now() - crashedAt)} after the crash (${seconds(back)} of waiting)`,
    );
    // The balancer takes it back: a publish after it rejoined goes live too.
    log(`publish → live after cms rejoined: ${seconds(await publishGoalTitle(jwt, 'En sammanhållen region (skala 3)'))}`);
    await load.stop();
    log(`readers in all: ${load.served} answers, ${load.failures.length} failed, slowest ${load.maxLatencyMs} ms`);
    assert.deepEqual(load.failures, [], 'no reader request failed');
    assert.ok(load.served > 100, `readers were served throughout (${load.served})`);
  });

  it('stores an upload through one CMS instance that the other lists, at a public URL of the object store', async () => {
    const pdf = `%PDF-1.4\n% skala ${Date.now()}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
    const uploadScript = `const [jwt, body] = process.argv.slice(1);
      const form = new FormData();
      form.append('files', new Blob([body], { type: 'application/pdf' }), 'skala.pdf');
      fetch('http://127.0.0.1:1337/upload', { method: 'POST', body: form, headers: { authorization: 'Bearer ' + jwt } })
        .then(async (r) => { const text = await r.text(); if (!r.ok) { console.error(r.status, text); process.exit(1); } console.log(text); });`;
    const [file] = JSON.parse(nodeIn('cms', uploadScript, jwt, pdf)) as { id: number; url: string }[];
    assert.ok(file, 'the upload answered with its file');
    assert.ok(file.url.startsWith(`${objectUrl()}/uploads/`), `the file's URL is the bucket's (${file.url})`);
    const listScript = `fetch('http://127.0.0.1:1337/upload/files/' + process.argv[2], { headers: { authorization: 'Bearer ' + process.argv[1] } })
      .then(async (r) => { if (!r.ok) process.exit(1); console.log(await r.text()); });`;
    const seen = JSON.parse(nodeIn('cms-2', listScript, jwt, String(file.id))) as { url: string };
    assert.equal(seen.url, file.url, 'the other instance has the same file');
    const fetched = await fetch(file.url);
    assert.equal(fetched.status, 200);
    assert.equal(await fetched.text(), pdf, 'the object store serves the bytes uploaded, to anyone');
    log(`upload through cms, listed by cms-2, served from ${file.url}`);
  });

  it("stores a reader's feedback, sent through the front door, exactly once", async () => {
    const message = `Skalprovet: en synpunkt genom ytterdörren (${Date.now()}).`;
    const answer = await fetch(`${siteUrl()}/synpunkter`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ message, page: '/verksamhetsberattelser/', replyTo: '', website: '' }).toString(),
    });
    assert.equal(answer.status, 303, await answer.text());
    const stored = async () =>
      (await admin<{ results: { message: string }[] }>(`${COLLECTION}/api::feedback.feedback?page=1&pageSize=100`, { jwt })).results.filter(
        (entry) => entry.message === message,
      ).length;
    const waited = await waitFor('the feedback in the CMS', async () => (await stored()) > 0, 60_000);
    // Past a delivery's first retry (FEEDBACK_RETRY_MIN_MS, 5 s): still one.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    assert.equal(await stored(), 1, 'stored once');
    log(`feedback in the CMS ${seconds(waited)} after it was sent, once`);
  });
});

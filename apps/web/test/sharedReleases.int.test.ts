import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SITE_HOOK_PATHS } from '@malardalsradet/site-contract';
import { adminJson, adminRequest, createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, makeBuildDir, startSiteServer, TEST_SITE_WEBHOOK_SECRET, type SiteServerProcess } from './support/site';

// Two site server processes on one releases folder (RELEASES_SHARED), behind a door that passes
// the CMS's publish webhook on as the front door does: to the first site server that answers
// (`primary`), or to both at once (`both`: a CMS that sends every webhook to every server).
let cms: CmsProcess;
let jwt: string;
let token: string;
let a: SiteServerProcess;
let b: SiteServerProcess;
let door: http.Server;
let doorMode: 'primary' | 'both' = 'primary';
const releasesDir = makeBuildDir();
const siteEnv = (token: string): NodeJS.ProcessEnv => ({
  CMS_URL: cms.url,
  CMS_API_TOKEN: token,
  RELEASES_SHARED: 'true',
  RECONCILE_INTERVAL_MS: '600000',
  // The test asks for a search until it finds what it looks for.
  SEARCH_PER_CLIENT_PER_MINUTE: '6000',
  SEARCH_PER_CLIENT_PER_SECOND: '100',
});

const COLLECTION = '/content-manager/collection-types';
const PAGE = '/inriktningsmal/';

/** Passes one hook request on to a site server; the status it answered, or null when it is down. */
const pass = (server: SiteServerProcess | undefined, request: http.IncomingMessage, body: Buffer): Promise<number | null> =>
  // None yet: the CMS sends its seed's events before the site servers start.
  !server
    ? Promise.resolve(null)
    : fetch(`${server.url}${request.url}`, {
        method: request.method,
        headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'content-length')) as Record<
          string,
          string
        >,
        body: new Uint8Array(body),
      })
        .then(async (response) => (await response.arrayBuffer(), response.status))
        .catch(() => null);

const history = () =>
  readFileSync(path.join(releasesDir, 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { releaseId: string; via: string });
const releases = () => readdirSync(releasesDir).filter((entry) => /^\d{4}-/.test(entry));

const get = async (server: SiteServerProcess, pathname = PAGE) => {
  const response = await fetch(`${server.url}${pathname}`);
  return { status: response.status, text: await response.text() };
};

const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`Timed out waiting for ${what}\nA:\n${a.output().slice(-3000)}\nB:\n${b.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Edits and publishes the first goal's Swedish title, as an editor does in the admin. */
const publishGoalTitle = async (title: string) => {
  const { results } = await adminJson<{ results: { documentId: string }[] }>(cms.url, jwt, `${COLLECTION}/api::goal.goal?locale=sv&sort=order:ASC`);
  const goal = results[0];
  if (!goal) throw new Error('No goal to edit');
  await adminRequest(cms.url, jwt, `${COLLECTION}/api::goal.goal/${goal.documentId}?locale=sv`, { method: 'PUT', json: { title } });
  await adminRequest(cms.url, jwt, `${COLLECTION}/api::goal.goal/${goal.documentId}/actions/publish?locale=sv`, { method: 'POST', json: {} });
};

/** The live release's id, as a site server reports it. */
const liveAt = async (server: SiteServerProcess) => (await server.status()).live?.id;

beforeAll(async () => {
  const doorPort = await freePort();
  door = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      void (async () => {
        const status =
          doorMode === 'both'
            ? (await Promise.all([pass(a, request, body), pass(b, request, body)]))[0]
            : ((await pass(a, request, body)) ?? (await pass(b, request, body)));
        response.writeHead(status ?? 502).end();
      })();
    });
  });
  await new Promise<void>((resolve) => door.listen(doorPort, '127.0.0.1', resolve));
  cms = await startCms({
    CMS_SEED_ON_START: 'true',
    SITE_WEBHOOK_URL: `http://127.0.0.1:${doorPort}${SITE_HOOK_PATHS.publish}`,
    SITE_WEBHOOK_SECRET: TEST_SITE_WEBHOOK_SECRET,
  });
  jwt = await registerFirstAdmin(cms.url);
  token = await createApiToken(cms.url, jwt, 'Webbplatsen (delade releaser)');
  a = await startSiteServer(siteEnv(token), { releasesDir });
  b = await startSiteServer(siteEnv(token), { releasesDir });
});

afterAll(async () => {
  await a?.crash();
  await b?.stop();
  await cms?.stop();
  door?.close();
});

describe('two site servers sharing one releases folder', () => {
  it('made one release between them at start: the second found it live and rendered nothing', async () => {
    expect(releases()).toHaveLength(1);
    expect(history()).toHaveLength(1);
    const status = await b.status();
    expect(status.live?.id).toBe(releases()[0]);
    expect(status.lastBuild).toMatchObject({ kind: 'full', result: 'unchanged' });
  });

  it('serve a publish that one of them renders from the other one on its very next request', async () => {
    const before = await liveAt(a);
    // B answers all along (its release is the one in memory), so nothing but its check of the link can bring the new one.
    let answering = true;
    const load = (async () => {
      while (answering) await get(b);
    })();
    await publishGoalTitle('Ett mål som båda servrarna visar');
    await eventually(async () => (await liveAt(a)) !== before, 'the release after the publish at A');
    // The switch is made: the very next request to B has it.
    expect((await get(b)).text).toContain('Ett mål som båda servrarna visar');
    answering = false;
    await load;
    // B's renderer follows (its search, its feedback form and its next change answer from it).
    await eventually(async () => (await get(b, '/sok?q=servrarna')).text.includes('<mark>servrarna</mark>'), 'the search at B');
    expect((await b.status()).lastBuild).toMatchObject({ kind: 'full', result: 'unchanged' });
    expect(history()).toHaveLength(2);
  });

  it('render a change once when the webhook reaches both at once', async () => {
    doorMode = 'both';
    try {
      const [releasesBefore, historyBefore] = [releases().length, history().length];
      const lastSuccesses = async () => Promise.all([a, b].map(async (server) => (await server.status()).lastSuccess?.releaseId));
      const successesBefore = await lastSuccesses();
      await publishGoalTitle('Ett mål som renderas en gång');
      await eventually(
        async () => (await get(a)).text.includes('Ett mål som renderas en gång') && (await get(b)).text.includes('Ett mål som renderas en gång'),
        'the publish live at both',
      );
      // The CMS sends an event for the save and one for the publish: both servers take both, and are idle again.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await Promise.all([a.waitForBuilds(0), b.waitForBuilds(0)]);
      // One of them made a release, and only one: the other found it live when its turn came.
      const successesAfter = await lastSuccesses();
      expect(successesAfter.filter((id, index) => id !== successesBefore[index])).toEqual([history().at(-1)?.releaseId]);
      expect(releases()).toHaveLength(releasesBefore + 1);
      expect(history()).toHaveLength(historyBefore + 1);
    } finally {
      doorMode = 'primary';
    }
  });

  it('publish through the other when one is killed, and the killed one rejoins when started again', async () => {
    await a.crash();
    await publishGoalTitle('Ett mål medan A är borta');
    await eventually(async () => (await get(b)).text.includes('Ett mål medan A är borta'), 'the publish live at B');
    const afterOutage = history().length;
    // Its run goes on after the switch (pruning): its report comes once it is idle.
    expect((await b.waitForBuilds(0)).lastSuccess?.releaseId).toBe(history().at(-1)?.releaseId);

    a = await startSiteServer(siteEnv(token), { releasesDir });
    // It finds the release B made live and renders nothing at start.
    expect(await a.status()).toMatchObject({ live: { id: history().at(-1)?.releaseId }, lastBuild: { kind: 'full', result: 'unchanged' } });
    expect(history()).toHaveLength(afterOutage);
    await publishGoalTitle('Ett mål när A är tillbaka');
    await eventually(async () => (await get(a)).text.includes('Ett mål när A är tillbaka'), 'the publish live at A');
    expect((await get(b)).text).toContain('Ett mål när A är tillbaka');
    expect(history()).toHaveLength(afterOutage + 1);
  });
});

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReleaseStore } from '../server/publishing/releases.ts';
import { startPublishingStack, startSiteServer, TEST_SITE_WEBHOOK_SECRET, WEB_DIR, type SiteServerProcess } from './support/site';

// Real processes only: a seeded CMS that sends its webhooks to a real site server.
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;
let token: string;

const COLLECTION = '/content-manager/collection-types';

/** Polls until `check` holds, then returns how long it took (ms). */
const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<number> => {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}\n${site.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
};

const page = async (pathname: string, server = site) => {
  const response = await fetch(`${server.url}${pathname}`);
  return { status: response.status, text: await response.text() };
};

/** Edits and publishes the first goal's Swedish title, as an editor does in the admin. */
const publishGoalTitle = async (title: string) => {
  const { results } = await adminJson<{ results: { documentId: string; order: number }[] }>(
    cms.url,
    jwt,
    `${COLLECTION}/api::goal.goal?locale=sv&sort=order:ASC`,
  );
  const goal = results[0];
  if (!goal) throw new Error('No goal to edit');
  await adminRequest(cms.url, jwt, `${COLLECTION}/api::goal.goal/${goal.documentId}?locale=sv`, { method: 'PUT', json: { title } });
  await adminRequest(cms.url, jwt, `${COLLECTION}/api::goal.goal/${goal.documentId}/actions/publish?locale=sv`, {
    method: 'POST',
    json: {},
  });
};

beforeAll(async () => {
  ({ cms, jwt, token, site } = await startPublishingStack('Webbplatsen (publicering)', { RECONCILE_INTERVAL_MS: '600000' }));
});

afterAll(async () => {
  await site?.stop();
  await cms?.stop();
});

describe('publishing in the admin', () => {
  it('serves a newly published priority area, and answers 410 for it once unpublished', async () => {
    const { results: plans } = await adminJson<{ results: { documentId: string; year: number }[] }>(
      cms.url,
      jwt,
      `${COLLECTION}/api::plan.plan?locale=sv`,
    );
    const plan = plans.find((candidate) => candidate.year === 2018);
    const area = await adminRequest<{ documentId: string }>(cms.url, jwt, `${COLLECTION}/api::priority-area.priority-area?locale=sv`, {
      method: 'POST',
      json: {
        title: 'Digital infrastruktur',
        slug: 'digital-infrastruktur',
        summary: 'bygga ut bredband i hela regionen.',
        order: 5,
        plan: { connect: [{ documentId: plan?.documentId, locale: 'sv' }] },
      },
    });
    // A draft is never searchable.
    expect((await page('/sok?q=bredband')).text).toContain('Inga träffar för ”bredband”');
    await adminRequest(cms.url, jwt, `${COLLECTION}/api::priority-area.priority-area/${area.documentId}/actions/publish?locale=sv`, {
      method: 'POST',
      json: {},
    });
    await eventually(async () => (await page('/prioriterade-omraden/digital-infrastruktur/')).status === 200, 'the new page');
    expect((await page('/prioriterade-omraden/digital-infrastruktur/')).text).toContain('bygga ut bredband i hela regionen.');
    expect((await page('/verksamhetsplaner/2018/')).text).toContain('Digital infrastruktur');
    // Searchable as soon as its page is live, in any word form.
    const found = (await page('/sok?q=bredbandet')).text;
    expect(found).toContain('href="/prioriterade-omraden/digital-infrastruktur/"');
    expect(found).toContain('<mark>bredband</mark>');

    await adminRequest(cms.url, jwt, `${COLLECTION}/api::priority-area.priority-area/${area.documentId}/actions/unpublish?locale=sv`, {
      method: 'POST',
      json: {},
    });
    // Its address answers 410, saying what was there (test/formerAddresses.int.test.ts: the rest of it).
    await eventually(async () => (await page('/prioriterade-omraden/digital-infrastruktur/')).status === 410, 'the page to go');
    expect((await page('/prioriterade-omraden/digital-infrastruktur/')).text).toContain(
      'Sidan ”Digital infrastruktur” finns inte längre på webbplatsen.',
    );
    expect((await page('/verksamhetsplaner/2018/')).text).not.toContain('Digital infrastruktur');
    expect((await page('/sok?q=bredband')).text).toContain('Inga träffar för ”bredband”');
  });
});

describe('search after a publish', () => {
  it('finds a plan by the text of its document link once the PDF is published with it', async () => {
    const form = new FormData();
    const pdf =
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    form.append('files', new Blob([pdf], { type: 'application/pdf' }), 'verksamhetsplan-2018.pdf');
    const upload = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    expect(upload.status).toBe(201);
    const [file] = (await upload.json()) as { id: number }[];
    const { results: plans } = await adminJson<{ results: { documentId: string; year: number }[] }>(
      cms.url,
      jwt,
      `${COLLECTION}/api::plan.plan?locale=sv`,
    );
    const plan = plans.find((candidate) => candidate.year === 2018);
    expect((await page('/sok?q=PDF')).text).not.toContain('href="/verksamhetsplaner/2018/"');
    await adminRequest(cms.url, jwt, `${COLLECTION}/api::plan.plan/${plan?.documentId}?locale=sv`, { method: 'PUT', json: { document: file?.id } });
    await adminRequest(cms.url, jwt, `${COLLECTION}/api::plan.plan/${plan?.documentId}/actions/publish?locale=sv`, { method: 'POST', json: {} });
    await eventually(async () => (await page('/verksamhetsplaner/2018/')).text.includes('(PDF, '), 'the document link');
    const found = (await page('/sok?q=PDF')).text;
    expect(found).toContain('href="/verksamhetsplaner/2018/"');
    expect(found).toMatch(/Verksamhetsplan 2018 \(<mark>PDF<\/mark>, /);
  });
});

describe('the admin', () => {
  it('shows editors the live site state, read by the CMS server with the secret kept there', async () => {
    await site.waitForBuilds(0);
    const answer = await adminJson<{ reachable: boolean; status: { live: { id: string } | null; building: boolean } }>(cms.url, jwt, '/site-status');
    expect(answer.reachable).toBe(true);
    expect(answer.status.live?.id).toBe((await site.status()).live?.id);
    expect(JSON.stringify(answer)).not.toContain(TEST_SITE_WEBHOOK_SECRET);
    expect((await fetch(`${cms.url}/site-status`)).status).toBe(401);
  });
});

describe('the webhook endpoint', () => {
  it('refuses a missing or wrong secret with 401 and builds nothing', async () => {
    await site.waitForBuilds(0);
    const before = (await site.status()).buildsSinceStart;
    expect(await site.sendEvent('entry.publish', { secret: null })).toBe(401);
    expect(await site.sendEvent('entry.publish', { secret: 'wrong-secret-of-some-length' })).toBe(401);
    expect(await site.sendEvent('entry.publish', { secret: `${TEST_SITE_WEBHOOK_SECRET}x` })).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await site.status();
    expect(after.buildsSinceStart).toBe(before);
    expect(after.queued).toBe(false);
  });

  it('refuses malformed, unknown and oversized bodies and other methods, and keeps serving', async () => {
    const before = (await site.status()).buildsSinceStart;
    expect(await site.sendEvent('entry.publish', { body: '{not json' })).toBe(400);
    expect(await site.sendEvent('entry.publish', { body: JSON.stringify({ model: 'plan' }) })).toBe(400);
    expect(await site.sendEvent('entry.teleport')).toBe(400);
    expect(await site.sendEvent('entry.publish', { body: JSON.stringify({ event: 'entry.publish', padding: 'x'.repeat(1_100_000) }) })).toBe(413);
    expect((await fetch(`${site.url}/hooks/publish`)).status).toBe(405);
    expect((await fetch(`${site.url}/hooks/status`)).status).toBe(401);
    expect((await page('/')).status).toBe(200);
    expect((await site.status()).buildsSinceStart).toBe(before);
  });
});

describe('rebuilds', () => {
  it('folds a burst of 50 events into at most 2 builds, and the last shows the final content', async () => {
    await site.waitForBuilds(0);
    const before = (await site.status()).buildsSinceStart;
    const burst: Promise<number>[] = [];
    const started = Date.now();
    for (let index = 0; index < 50; index++) {
      // The content changes during the burst too; only the final title may end up live.
      if (index === 10) await publishGoalTitle('En sammanhållen region (version 1)');
      if (index === 40) await publishGoalTitle('En sammanhållen region (version 2)');
      burst.push(site.sendEvent('entry.publish'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(new Set(await Promise.all(burst))).toEqual(new Set([202]));
    // A build waits for quiet, but never longer than REBUILD_MAX_WAIT_MS (3 s here): a burst that
    // lasts longer (the two publishes in it take their time on a busy machine) may start one more.
    const burstMs = Date.now() - started;
    const after = await site.waitForBuilds(before + 1);
    expect(after.buildsSinceStart - before).toBeGreaterThanOrEqual(1);
    expect(after.buildsSinceStart - before, `burst of ${burstMs} ms`).toBeLessThanOrEqual(1 + Math.ceil(burstMs / 3000));
    // The build that made the final content live may be followed by one that found nothing new
    // (events that came while it ran): the last success is from this burst, and nothing failed.
    expect(after.lastBuild?.result).not.toBe('failure');
    expect(Date.parse(after.lastSuccess?.startedAt ?? '')).toBeGreaterThanOrEqual(started);
    const goals = await page('/inriktningsmal/');
    expect(goals.text).toContain('En sammanhållen region (version 2)');
    expect(goals.text).not.toContain('(version 1)');
  });

  it('answers every request with 200 while releases switch', async () => {
    const paths = ['/', '/en/', '/inriktningsmal/', '/verksamhetsplaner/2018/', '/en/reports/2017/', '/sitemap.xml'];
    let running = true;
    const failures: string[] = [];
    let requests = 0;
    const worker = async (offset: number) => {
      for (let index = offset; running; index++) {
        const pathname = paths[index % paths.length] ?? '/';
        const response = await fetch(`${site.url}${pathname}`).catch((error: Error) => ({ status: error.message }));
        requests++;
        if (response.status !== 200) failures.push(`${pathname}: ${response.status}`);
        if ('arrayBuffer' in response) await response.arrayBuffer();
      }
    };
    const workers = Array.from({ length: 8 }, (_, index) => worker(index));
    const liveBefore = (await site.status()).live?.id;
    for (let round = 0; round < 2; round++) {
      // One publish renders a few pages; a webhook naming no document makes a full build.
      await publishGoalTitle(`En sammanhållen region (byte ${round})`);
      await eventually(async () => (await page('/inriktningsmal/')).text.includes(`(byte ${round})`), `switch ${round}`);
      const before = (await site.status()).buildsSinceStart;
      expect(await site.sendEvent('entry.publish')).toBe(202);
      await site.waitForBuilds(before + 1);
    }
    running = false;
    await Promise.all(workers);
    expect((await site.status()).live?.id).not.toBe(liveBefore);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
  });

  it('keeps every release that was live and rolls back to the previous one on command, which the live history records', async () => {
    const releases = () =>
      readdirSync(site.releasesDir).filter(
        (entry) => !entry.startsWith('.') && !['current', 'blobs', 'code', 'rollback.json', 'history.jsonl'].includes(entry),
      );
    const history = () => new ReleaseStore(site.releasesDir, 3, () => {}, { readOnly: true }).history();
    // Every release that went live is kept (the site as it was), and only those.
    expect(new Set(releases())).toEqual(new Set(history().map((span) => span.releaseId)));
    await publishGoalTitle('En sammanhållen region (före återställning)');
    await eventually(async () => (await page('/inriktningsmal/')).text.includes('(före återställning)'), 'the new title');
    const liveBefore = (await site.status()).live?.id;

    const rollback = spawnSync(process.execPath, [path.join(WEB_DIR, 'server', 'rollback.ts')], {
      cwd: WEB_DIR,
      env: { ...process.env, CMS_URL: cms.url, CMS_API_TOKEN: token, SITE_WEBHOOK_SECRET: TEST_SITE_WEBHOOK_SECRET, RELEASES_DIR: site.releasesDir },
      encoding: 'utf8',
    });
    expect(rollback.status, rollback.stderr).toBe(0);
    expect(rollback.stdout).toMatch(/Rolled back from \S+ to \S+/);
    const live = (await site.status()).live?.id;
    expect(live).not.toBe(liveBefore);
    expect((await page('/inriktningsmal/')).text).not.toContain('(före återställning)');
    expect(history().at(-1)).toMatchObject({ releaseId: live, via: 'rollback', liveUntil: null });
    expect(history().at(-2)).toMatchObject({ releaseId: liveBefore });
    expect(new Set(releases())).toEqual(new Set(history().map((span) => span.releaseId)));
  });
});

describe('reconciliation', () => {
  it("writes the CMS's fingerprint into a per-change release once the CMS answers, after the switch", async () => {
    // Twice: the first publish after the rollback above is a full build (the renderer holds other content).
    for (const title of ['En sammanhållen region (före fingeravtrycket)', 'En sammanhållen region (med fingeravtryck)']) {
      await publishGoalTitle(title);
      await eventually(async () => (await page('/inriktningsmal/')).text.includes(title), title);
      await site.waitForBuilds(0);
    }
    const { live, lastSuccess } = await site.status();
    expect(lastSuccess?.kind).toBe('change');
    const store = new ReleaseStore(site.releasesDir, 3, () => {}, { readOnly: true });
    await eventually(async () => (store.info(live?.id ?? '')?.fingerprint ?? '') !== '', 'the fingerprint in release.json');
    expect(store.info(live?.id ?? '')?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect((await site.status()).live?.fingerprint).toBe(store.info(live?.id ?? '')?.fingerprint);
  });

  it('rebuilds after a change whose webhook never arrived', async () => {
    // A second site server that the CMS sends no webhooks to, comparing every 1.5 s.
    const lonely = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, RECONCILE_INTERVAL_MS: '1500' });
    try {
      await publishGoalTitle('En sammanhållen region (utan webhook)');
      const waited = await eventually(async () => (await page('/inriktningsmal/', lonely)).text.includes('(utan webhook)'), 'reconciliation', 30_000);
      expect(waited).toBeLessThan(30_000);
      expect((await lonely.status()).buildsSinceStart).toBeGreaterThanOrEqual(2);
    } finally {
      await lonely.stop();
    }
  });
});

describe('a CMS that is down', () => {
  it('fails the build, keeps every page up, reports the error, and recovers with the next good build', async () => {
    await site.waitForBuilds(0);
    const before = await site.status();
    await cms.kill();
    try {
      expect(await site.sendEvent('entry.publish')).toBe(202);
      const failed = await site.waitForBuilds(before.buildsSinceStart + 1);
      expect(failed.lastBuild?.result).toBe('failure');
      expect(failed.lastBuild?.error).toMatch(/CMS request "\w+" to http:\/\/127\.0\.0\.1:\d+\/graphql failed: .*ECONNREFUSED/);
      expect(failed.live?.id).toBe(before.live?.id);
      for (const pathname of ['/', '/en/', '/inriktningsmal/', '/verksamhetsplaner/2018/', '/tillganglighet/']) {
        expect((await page(pathname)).status, pathname).toBe(200);
      }
    } finally {
      await cms.restart();
    }
    await publishGoalTitle('En sammanhållen region (efter avbrottet)');
    await eventually(async () => (await page('/inriktningsmal/')).text.includes('(efter avbrottet)'), 'the change after the outage');
    const recovered = await site.status();
    expect(recovered.lastBuild?.result).toBe('success');
    expect(recovered.live?.id).not.toBe(before.live?.id);
  });
});

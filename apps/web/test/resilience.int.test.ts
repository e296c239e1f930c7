import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { adminJson, adminRequest, createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveReleaseInfo } from '@malardalsradet/site-contract';
import { ReleasesLock } from '../server/publishing/releasesLock.ts';
import { buildSite, freePort, makeBuildDir, startSiteServer, TEST_PREVIEW_SECRET, type SiteServerProcess } from './support/site';

// What happens when things go wrong, with real processes: a CMS that stops answering, a server
// killed in the middle of a build, a read-only disk, a release written but never switched live.
let cms: CmsProcess;
let jwt: string;
let token: string;
let sitePort: number;

const GOALS = '/content-manager/collection-types/api::goal.goal';

const firstGoal = async () =>
  (await adminJson<{ results: { documentId: string; title: string }[] }>(cms.url, jwt, `${GOALS}?locale=sv&sort=order:ASC`)).results[0] as {
    documentId: string;
    title: string;
  };

/** Edits and publishes the first goal's Swedish title; no webhook reaches the sites of this file. */
const publishGoalTitle = async (title: string) => {
  const goal = await firstGoal();
  await adminRequest(cms.url, jwt, `${GOALS}/${goal.documentId}?locale=sv`, { method: 'PUT', json: { title } });
  await adminRequest(cms.url, jwt, `${GOALS}/${goal.documentId}/actions/publish?locale=sv`, { method: 'POST', json: {} });
  return goal.documentId;
};

const until = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const text = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
};

/**
 * A TCP stand-in before the CMS: passes traffic through, or, once stalled, accepts connections
 * and never answers, on new connections and on the kept-alive ones alike.
 */
const stallingProxy = async (target: string) => {
  const { hostname, port } = new URL(target);
  let stalling = false;
  const held = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => {});
    if (stalling) return;
    const upstream = net.connect(Number(port), hostname);
    socket.on('data', (chunk) => {
      if (!stalling) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!stalling) socket.write(chunk);
    });
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    stall: () => (stalling = true),
    resume: () => {
      stalling = false;
      for (const socket of held) socket.destroy();
    },
    close: () => {
      for (const socket of held) socket.destroy();
      server.close();
    },
  };
};

/** Processes whose command line mentions `text`, with their process groups. */
const processesMentioning = (text: string): { pid: number; pgid: number; cmdline: string }[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        if (!cmdline.includes(text)) return [];
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        return [{ pid: Number(pid), pgid, cmdline }];
      } catch {
        return [];
      }
    });

const processGroupAlive = (pgid: number) =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .some((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid;
      } catch {
        return false;
      }
    });

beforeAll(async () => {
  // The CMS makes preview links to the site of the first test, so its port is chosen first.
  sitePort = await freePort();
  cms = await startCms({ CMS_SEED_ON_START: 'true', SITE_URL: `http://127.0.0.1:${sitePort}`, PREVIEW_SECRET: TEST_PREVIEW_SECRET });
  jwt = await registerFirstAdmin(cms.url);
  token = await createApiToken(cms.url, jwt, 'Webbplatsen (motståndskraft)');
});

afterAll(async () => {
  await cms?.stop();
});

describe('a CMS that accepts connections and never answers', () => {
  it('fails the render and the preview within their limits, keeps the site up, and publishes once it answers', async () => {
    const proxy = await stallingProxy(cms.url);
    let site: SiteServerProcess | undefined;
    try {
      site = await startSiteServer({
        CMS_URL: proxy.url,
        CMS_API_TOKEN: token,
        CMS_PUBLIC_URL: cms.url,
        PREVIEW_SECRET: TEST_PREVIEW_SECRET,
        PORT: String(sitePort),
        CMS_TIMEOUT_MS: '1000',
        PREVIEW_TIMEOUT_MS: '4000',
        RECONCILE_INTERVAL_MS: '600000',
      });
      const before = await site.status();
      const goal = await firstGoal();
      const plan2019 = (
        await adminJson<{ results: { documentId: string; year: number }[] }>(
          cms.url,
          jwt,
          '/content-manager/collection-types/api::plan.plan?locale=sv',
        )
      ).results.find((plan) => plan.year === 2019);
      const { url: previewUrl } = await adminRequest<{ url: string }>(
        cms.url,
        jwt,
        `/content-manager/preview/url/api::plan.plan?${new URLSearchParams({ documentId: plan2019?.documentId ?? '', locale: 'sv', status: 'draft' })}`,
      );

      proxy.stall();
      const started = Date.now();
      const event = JSON.stringify({ event: 'entry.publish', model: 'goal', entry: { documentId: goal.documentId, locale: 'sv' } });
      expect(await site.sendEvent('entry.publish', { body: event })).toBe(202);
      const failed = await site.waitForBuilds(before.buildsSinceStart + 1, 15_000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(failed.lastBuild?.result).toBe('failure');
      expect(failed.lastBuild?.error).toMatch(
        // Whichever of its reads comes first (a GraphQL query, the old addresses' list), named with its address.
        /CMS request "[^"]+" to http:\/\/127\.0\.0\.1:\d+\/(graphql|api\/site-addresses) failed: no answer within 1000 ms \(CMS_TIMEOUT_MS\)/,
      );
      expect(failed.live?.id).toBe(before.live?.id);
      for (const pathname of ['/', '/en/', '/inriktningsmal/', '/verksamhetsplaner/2018/']) {
        expect((await text(`${site.url}${pathname}`)).status, pathname).toBe(200);
      }

      const previewStarted = Date.now();
      const preview = await text(previewUrl);
      expect(Date.now() - previewStarted).toBeLessThan(4500);
      expect([503, 504]).toContain(preview.status);
      expect(preview.body).toMatch(/CMS:et svarar? inte/);
      expect(preview.body).not.toContain('    at ');

      proxy.resume();
      await publishGoalTitle('En sammanhållen region (efter tystnaden)');
      expect(await site.sendEvent('entry.publish', { body: event })).toBe(202);
      await until(async () => (await text(`${site?.url}/inriktningsmal/`)).body.includes('(efter tystnaden)'), 'the publish after the stall');
      expect((await site.status()).lastBuild?.result).toBe('success');
    } finally {
      await site?.stop();
      proxy.close();
    }
  });
});

describe('a site server killed in the middle of a build', () => {
  it('takes the build with it, and the next start serves the last good release with nothing left over', async () => {
    const releasesDir = makeBuildDir();
    const env = { CMS_URL: cms.url, CMS_API_TOKEN: token, RECONCILE_INTERVAL_MS: '600000' };
    try {
      const first = await startSiteServer(env, { releasesDir });
      const good = (await first.status()).live?.id;
      await first.crash();
      // The next start must build the site's code again: that build runs in a child process.
      rmSync(path.join(releasesDir, 'code'), { recursive: true, force: true });

      const second = await startSiteServer(env, { releasesDir, waitForLive: false });
      await until(() => processesMentioning(`${releasesDir}/code/.building-`).length > 0, 'the code build to start');
      const [build] = processesMentioning(`${releasesDir}/code/.building-`);
      const buildDir = /--outDir (\S+)/.exec(build?.cmdline ?? '')?.[1] ?? '';
      await second.crash();
      await until(() => !processGroupAlive(build?.pgid ?? -1), 'the build to die with the server', 5000);

      const third = await startSiteServer(env, { releasesDir, waitForLive: false });
      try {
        expect((await text(`${third.url}/`)).status).toBe(200);
        expect((await third.status()).live?.id).toBe(good);
        expect(buildDir).not.toBe('');
        expect(existsSync(buildDir)).toBe(false);
        const done = await third.waitForBuilds(1);
        expect(done.lastBuild?.result).toBe('unchanged');
        expect(done.live?.id).toBe(good);
      } finally {
        await third.stop();
      }
    } finally {
      rmSync(releasesDir, { recursive: true, force: true });
    }
  });
});

describe('a restart', () => {
  it('serves at once, reads the content back from the live release, takes a publish by a per-change render, and makes a full build only when the CMS moved on', async () => {
    const releasesDir = makeBuildDir();
    const env = { CMS_URL: cms.url, CMS_API_TOKEN: token, RECONCILE_INTERVAL_MS: '600000' };
    const goalPage = (site: SiteServerProcess) => text(`${site.url}/inriktningsmal/`);
    try {
      const first = await startSiteServer(env, { releasesDir });
      const built = (await first.status()).live;
      await first.crash();

      const second = await startSiteServer(env, { releasesDir, waitForLive: false });
      try {
        expect((await goalPage(second)).status).toBe(200);
        const started = await second.waitForBuilds(1);
        expect(started.lastBuild).toMatchObject({ kind: 'full', result: 'unchanged' });
        expect(started.lastBuild?.reason).toMatch(/^start: reading back release /);
        expect(started.live?.id).toBe(built?.id);
        expect(second.output()).toMatch(/Read the content of release \S+ back \(\d+ parts\)/);
        // A publish right after: rendered from the content read back, page by page.
        const documentId = await publishGoalTitle('En sammanhållen region (efter omstarten)');
        const body = JSON.stringify({ event: 'entry.publish', model: 'goal', entry: { documentId } });
        expect(await second.sendEvent('entry.publish', { body })).toBe(202);
        await until(async () => (await goalPage(second)).body.includes('(efter omstarten)'), 'the publish after the restart');
        const changed = await second.waitForBuilds(2);
        expect(changed.lastBuild).toMatchObject({ kind: 'change', result: 'success' });
        expect(changed.lastBuild?.renderedPages).toContain('/inriktningsmal/');
      } finally {
        await second.crash();
      }

      // Published while no site server ran (its webhook lost): the start's comparison finds it.
      await publishGoalTitle('En sammanhållen region (medan servern var nere)');
      const third = await startSiteServer(env, { releasesDir });
      try {
        expect((await third.status()).lastBuild).toMatchObject({ kind: 'full', result: 'success' });
        expect(third.output()).toMatch(/Start: the CMS's content \S+ differs from the live release's/);
        expect((await goalPage(third)).body).toContain('(medan servern var nere)');
      } finally {
        await third.crash();
      }
    } finally {
      rmSync(releasesDir, { recursive: true, force: true });
    }
  });
});

describe('a publish made while a start is under way', () => {
  // At 20,000 pages a start reads the live release's content back for seconds before it asks the
  // CMS for its fingerprint: a publish made meanwhile is in that fingerprint, and its webhook
  // comes here. Here the start waits for the releases folder's lock, which this test holds.
  it('is rendered on its own when its webhook comes, with no full build at the start', async () => {
    const releasesDir = makeBuildDir();
    const env = { CMS_URL: cms.url, CMS_API_TOKEN: token, RECONCILE_INTERVAL_MS: '600000' };
    try {
      const first = await startSiteServer(env, { releasesDir });
      const built = (await first.status()).live;
      await first.crash();

      let second: SiteServerProcess | undefined;
      try {
        await new ReleasesLock(releasesDir).hold(new AbortController().signal, async () => {
          second = await startSiteServer(env, { releasesDir, waitForLive: false });
          const documentId = await publishGoalTitle('En sammanhållen region (under starten)');
          const body = JSON.stringify({ event: 'entry.publish', model: 'goal', entry: { documentId } });
          expect(await second.sendEvent('entry.publish', { body })).toBe(202);
        });
        const site = second!;
        await until(async () => (await text(`${site.url}/inriktningsmal/`)).body.includes('(under starten)'), 'the publish made during the start');
        const status = await site.waitForBuilds(2);
        expect(site.output()).toMatch(
          /Start: the CMS's content \S+ differs from the live release's \S+ only by publishes since the start \(svGoals /,
        );
        // Rendered by the change's own run on the release read back, not by a full build.
        expect(status.live).toMatchObject({ kind: 'change' });
        expect(status.lastBuild).toMatchObject({ kind: 'change', result: 'success' });
        expect(status.live?.id).not.toBe(built?.id);
        // Its fingerprint is recorded with its entries, for the next start to compare.
        const recorded = path.join(releasesDir, status.live!.id, 'release.json');
        const entries = () => (JSON.parse(readFileSync(recorded, 'utf8')) as LiveReleaseInfo).fingerprintEntries;
        await until(() => entries() !== undefined, 'the fingerprint recorded');
        expect(entries()?.svGoals).toMatchObject({ total: expect.any(Number) as number });
      } finally {
        await second?.crash();
      }
    } finally {
      rmSync(releasesDir, { recursive: true, force: true });
    }
  });
});

describe('a read-only releases folder holding a leftover', () => {
  // A read-only bind mount needs root, as CI and these machines have; elsewhere this is skipped.
  const root = process.getuid?.() === 0;
  it.runIf(root)('starts, says what it could not remove, and serves the live release', async () => {
    const releasesDir = makeBuildDir();
    const env = { CMS_URL: cms.url, CMS_API_TOKEN: token, RECONCILE_INTERVAL_MS: '600000' };
    let mounted = false;
    try {
      const first = await startSiteServer(env, { releasesDir });
      const good = (await first.status()).live?.id;
      await first.crash();
      mkdirSync(path.join(releasesDir, '.building-left-over', 'client'), { recursive: true });
      execFileSync('mount', ['--bind', releasesDir, releasesDir]);
      mounted = true;
      execFileSync('mount', ['-o', 'remount,bind,ro', releasesDir]);

      const second = await startSiteServer(env, { releasesDir, waitForLive: false });
      try {
        expect((await text(`${second.url}/`)).status).toBe(200);
        expect((await second.status()).live?.id).toBe(good);
        // The tidying is the start job's first step: said once that job has run (the server
        // serves before it starts).
        const done = await second.waitForBuilds(1);
        expect(second.output()).toMatch(/Cannot remove .*\.building-left-over, left over from an interrupted build: .*(EROFS|read-only)/i);
        expect(done.live?.id).toBe(good);
        expect((await text(`${second.url}/inriktningsmal/`)).status).toBe(200);
      } finally {
        await second.crash();
      }
    } finally {
      if (mounted) execFileSync('umount', [releasesDir]);
      rmSync(releasesDir, { recursive: true, force: true });
    }
  });
});

describe('reconciliation', () => {
  it('repairs a release that was written but never switched live', async () => {
    const site = await startSiteServer({ CMS_URL: cms.url, CMS_API_TOKEN: token, RECONCILE_INTERVAL_MS: '1000' });
    const written = makeBuildDir();
    try {
      const live = (await site.status()).live;
      // Held still while the scene is set, so that its next comparison sees it all at once.
      process.kill(site.pid, 'SIGSTOP');
      try {
        await publishGoalTitle('En sammanhållen region (aldrig växlad)');
        // A release of the new content, written into the server's folder but never switched to
        // (a crash between the two): the newest release, and it records the new content.
        const build = await buildSite(written, { CMS_URL: cms.url, CMS_API_TOKEN: token });
        expect(build.status, build.output).toBe(0);
        const id = readdirSync(written).find((entry) => /^\d{4}-/.test(entry)) ?? '';
        cpSync(path.join(written, 'blobs'), path.join(site.releasesDir, 'blobs'), { recursive: true });
        cpSync(path.join(written, id), path.join(site.releasesDir, id), { recursive: true });
      } finally {
        process.kill(site.pid, 'SIGCONT');
      }
      expect((await site.status()).live?.id).toBe(live?.id);

      await until(async () => (await text(`${site.url}/inriktningsmal/`)).body.includes('(aldrig växlad)'), 'reconciliation to repair the site');
      const repaired = await site.status();
      expect(repaired.lastBuild?.kind).toBe('full');
      expect(repaired.live?.id).not.toBe(live?.id);
    } finally {
      rmSync(written, { recursive: true, force: true });
      await site.stop();
    }
  });
});

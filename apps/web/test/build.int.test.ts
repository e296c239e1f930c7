import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms } from '@malardalsradet/test-support/cmsProcess';
import { buildSite, freePort, liveReleaseFiles, makeBuildDir } from './support/site';

// A build that cannot read the CMS must stop with the reason, and leave no release behind.
describe('site build against a failing CMS', () => {
  let releasesDir: string;
  afterEach(() => rmSync(releasesDir, { recursive: true, force: true }));

  const releases = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir).filter((entry) => !['blobs', 'code'].includes(entry) && !entry.startsWith('.')) : [];

  it('fails naming the operation and the cause when the CMS is unreachable', async () => {
    releasesDir = makeBuildDir();
    const port = await freePort();
    const result = await buildSite(releasesDir, { CMS_URL: `http://127.0.0.1:${port}`, CMS_API_TOKEN: 'unused' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(new RegExp(`CMS request "\\w+" to http://127\\.0\\.0\\.1:${port}/graphql failed: fetch failed: .*ECONNREFUSED`));
    expect(releases(releasesDir)).toEqual([]);
  });

  it('fails naming the operation and the CMS answer when the token is refused', async () => {
    releasesDir = makeBuildDir();
    const result = await buildSite(releasesDir, { CMS_URL: inject('site').cmsUrl, CMS_API_TOKEN: 'not-a-valid-token' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/CMS request "\w+" to http:\/\/127\.0\.0\.1:\d+\/graphql failed: .*(Missing or invalid credentials|HTTP 401)/);
    expect(releases(releasesDir)).toEqual([]);
  });

  it('fails naming the variable when the CMS address is missing', async () => {
    releasesDir = makeBuildDir();
    const result = await buildSite(releasesDir, { CMS_URL: '', CMS_API_TOKEN: 'unused' });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('CMS_URL is not set; it must be an http(s) address');
    expect(path.basename(releasesDir)).toMatch(/^build-/);
  });
});

// An empty CMS (the first start of a new database, seeding turned off) still gives a site that
// serves what is true: pages without published content say so, instead of no site at all.
describe('site build against an empty CMS', () => {
  it('builds, and the start page and the accessibility statement say their content is not published', async () => {
    const cms = await startCms({ CMS_SEED_ON_START: 'false' });
    const releasesDir = makeBuildDir();
    try {
      const token = await createApiToken(cms.url, await registerFirstAdmin(cms.url), 'empty-cms');
      const result = await buildSite(releasesDir, { CMS_URL: cms.url, CMS_API_TOKEN: token });
      expect(result.status, result.output).toBe(0);
      const files = liveReleaseFiles(releasesDir);
      const page = (file: string) => {
        const body = [...files].find(([name]) => name.replace(/^\//, '') === file)?.[1];
        expect(body, `${file} in the release`).toBeDefined();
        return body?.toString('utf8') ?? '';
      };
      expect(page('index.html')).toContain('Innehållet på den här sidan är inte publicerat ännu.');
      expect(page('tillganglighet/index.html')).toContain('Innehållet på den här sidan är inte publicerat ännu.');
      expect(page('en/accessibility/index.html')).toContain('The content of this page has not been published yet.');
      expect(page('index.html')).toContain('<meta name="robots" content="noindex">');
    } finally {
      rmSync(releasesDir, { recursive: true, force: true });
      await cms.stop();
    }
  });
});

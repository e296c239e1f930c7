import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildSite, freePort, makeBuildDir } from './support/site';

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
    expect(result.output).toMatch(
      new RegExp(`CMS request "\\w+" to http://127\\.0\\.0\\.1:${port}/graphql failed: fetch failed: .*ECONNREFUSED`),
    );
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
    expect(result.output).toContain('CMS_URL must be');
    expect(path.basename(releasesDir)).toMatch(/^build-/);
  });
});

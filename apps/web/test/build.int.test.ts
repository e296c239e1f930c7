import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildSite, freePort, makeBuildDir } from './support/site';

// A build that cannot read the CMS must stop with the reason, and leave no site behind.
describe('site build against a failing CMS', () => {
  let outDir: string;
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  const pages = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'))
      : [];

  it('fails naming the operation and the cause when the CMS is unreachable', async () => {
    outDir = makeBuildDir();
    const port = await freePort();
    const result = await buildSite(outDir, { CMS_URL: `http://127.0.0.1:${port}`, CMS_API_TOKEN: 'unused' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(
      new RegExp(`CMS request "\\w+" to http://127\\.0\\.0\\.1:${port}/graphql failed: fetch failed: .*ECONNREFUSED`),
    );
    expect(pages(path.join(outDir, 'client'))).toEqual([]);
  });

  it('fails naming the operation and the CMS answer when the token is refused', async () => {
    outDir = makeBuildDir();
    const result = await buildSite(outDir, { CMS_URL: inject('site').cmsUrl, CMS_API_TOKEN: 'not-a-valid-token' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/CMS request "\w+" to http:\/\/127\.0\.0\.1:\d+\/graphql failed: .*(Missing or invalid credentials|HTTP 401)/);
    expect(pages(path.join(outDir, 'client'))).toEqual([]);
  });

  it('fails naming the variable when the CMS address is missing', async () => {
    outDir = makeBuildDir();
    const result = await buildSite(outDir, { CMS_URL: '', CMS_API_TOKEN: 'unused' });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('CMS_URL is not set');
  });
});

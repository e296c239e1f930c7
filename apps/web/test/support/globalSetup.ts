import { rmSync } from 'node:fs';
import { createApiToken, registerFirstAdmin } from '@malardalsradet/cms/test/support/adminApi';
import { startCms } from '@malardalsradet/cms/test/support/cmsProcess';
import type { TestProject } from 'vitest/node';
import { buildSite, makeBuildDir, serveSite } from './site';

export interface SiteUnderTest {
  siteUrl: string;
  cmsUrl: string;
  readToken: string;
  adminJwt: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: SiteUnderTest;
  }
}

/** A seeded CMS, the site built from it, and the site's own server: real processes throughout. */
export default async function setup(project: TestProject) {
  const cms = await startCms({ CMS_SEED_ON_START: 'true' });
  const outDir = makeBuildDir();
  let server: Awaited<ReturnType<typeof serveSite>> | undefined;
  try {
    const adminJwt = await registerFirstAdmin(cms.url);
    const readToken = await createApiToken(cms.url, adminJwt, 'Webbplatsen (e2e)');
    const build = await buildSite(outDir, { CMS_URL: cms.url, CMS_API_TOKEN: readToken, SITE_URL: 'https://www.example.org' });
    if (build.status !== 0) throw new Error(`The site build failed:\n${build.output}`);
    server = await serveSite(outDir, { CMS_URL: cms.url, CMS_API_TOKEN: readToken });
    project.provide('site', { siteUrl: server.url, cmsUrl: cms.url, readToken, adminJwt });
  } catch (error) {
    await cms.stop();
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    await server?.stop();
    await cms.stop();
    rmSync(outDir, { recursive: true, force: true });
  };
}

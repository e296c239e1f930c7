import type { TestProject } from 'vitest/node';
import { createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms } from '@malardalsradet/test-support/cmsProcess';

export interface CmsUnderTest {
  url: string;
  /** An admin session (the first admin, registered through the admin API). */
  adminJwt: string;
  /** A read-only API token, as the site uses. */
  readToken: string;
  /** The environment the CMS runs with (its scratch database and secrets). */
  env: Record<string, string | undefined>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cms: CmsUnderTest;
  }
}

/** Starts one seeded CMS for all integration tests and stops it afterwards. */
export default async function setup(project: TestProject) {
  const cms = await startCms({ CMS_SEED_ON_START: 'true' });
  try {
    const adminJwt = await registerFirstAdmin(cms.url);
    const readToken = await createApiToken(cms.url, adminJwt, 'Integrationstest (läsbehörighet)');
    project.provide('cms', { url: cms.url, adminJwt, readToken, env: cms.env });
  } catch (error) {
    await cms.stop();
    throw error;
  }
  return () => cms.stop();
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiToken, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms } from '@malardalsradet/test-support/cmsProcess';
import type { TestProject } from 'vitest/node';
import { freePort, startSiteServer, TEST_PREVIEW_SECRET } from './site';

export interface SiteUnderTest {
  siteUrl: string;
  cmsUrl: string;
  readToken: string;
  adminJwt: string;
  /** The site server's feedback outbox: a scratch folder, never the developer's apps/web/feedback-outbox. */
  feedbackOutboxDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: SiteUnderTest;
  }
}

/**
 * A seeded CMS, and the site server building and serving the site from it: real processes
 * throughout, as in production.
 */
export default async function setup(project: TestProject) {
  // The CMS makes preview links to the site, so the site's port is chosen first.
  const sitePort = await freePort();
  const cms = await startCms({
    CMS_SEED_ON_START: 'true',
    SITE_URL: `http://127.0.0.1:${sitePort}`,
    PREVIEW_SECRET: TEST_PREVIEW_SECRET,
  });
  try {
    const adminJwt = await registerFirstAdmin(cms.url);
    const readToken = await createApiToken(cms.url, adminJwt, 'Webbplatsen (e2e)');
    const feedbackOutboxDir = mkdtempSync(path.join(os.tmpdir(), 'feedback-outbox-e2e-'));
    const site = await startSiteServer({
      CMS_URL: cms.url,
      CMS_PUBLIC_URL: cms.url,
      CMS_API_TOKEN: readToken,
      PORT: String(sitePort),
      PREVIEW_SECRET: TEST_PREVIEW_SECRET,
      SITE_URL: 'https://www.example.org',
      // The tests search as many readers at once, faster than readers do: the limit for all
      // readers together, and one reader's share of a second, are tested on their own
      // (server/serving/requestLimits.test.ts), the per-reader one per minute here.
      SEARCH_TOTAL_PER_SECOND: '100000',
      SEARCH_PER_CLIENT_PER_SECOND: '100000',
      // The same for the preview and the feedback form: the tests ask for previews faster than
      // editors do. The shares of a second and the form's totals are tested in
      // feedback.e2e.test.ts; each reader's share of a minute still holds here.
      ON_DEMAND_PER_CLIENT_PER_SECOND: '100000',
      FEEDBACK_TOTAL_PER_SECOND: '100000',
      FEEDBACK_POSTS_TOTAL_PER_SECOND: '100000',
      FEEDBACK_OUTBOX_DIR: feedbackOutboxDir,
    });
    project.provide('site', { siteUrl: site.url, cmsUrl: cms.url, readToken, adminJwt, feedbackOutboxDir });
    return async () => {
      await site.stop();
      await cms.stop();
      rmSync(feedbackOutboxDir, { recursive: true, force: true });
    };
  } catch (error) {
    await cms.stop();
    throw error;
  }
}

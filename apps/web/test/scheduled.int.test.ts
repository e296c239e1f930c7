import { adminRequest } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { documentPath } from '@malardalsradet/site-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublishingStack, type SiteServerProcess } from './support/site';

// A publish scheduled in the CMS (apps/cms/src/scheduling/) goes live on the real site server the
// way an editor's does: the CMS publishes at the time, its webhook reaches the site server, which
// renders the change. English only: the Swedish page stays away.
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;

const PLAN = 'api::plan.plan';
const collection = `/content-manager/collection-types/${PLAN}`;

beforeAll(async () => {
  ({ cms, jwt, site } = await startPublishingStack('Webbplatsen (schemalagt)'));
});

afterAll(async () => {
  await site?.stop();
  await cms?.stop();
});

const status = async (pathname: string) => {
  const response = await fetch(`${site.url}${pathname}`);
  return { status: response.status, text: await response.text() };
};

describe('a scheduled publish', () => {
  it('goes live in English only, a few seconds after its time', async () => {
    const year = 2036;
    const { documentId } = await adminRequest<{ documentId: string }>(cms.url, jwt, `${collection}?locale=sv`, {
      method: 'POST',
      json: { title: 'Verksamhetsplan 2036', year },
    });
    await adminRequest(cms.url, jwt, `${collection}/${documentId}?locale=en`, { method: 'PUT', json: { title: 'Operational plan 2036' } });
    const english = documentPath(PLAN, 'en', { year }) ?? '';
    const swedish = documentPath(PLAN, 'sv', { year }) ?? '';
    expect((await status(english)).status).toBe(404);

    const at = new Date(Date.now() + 3000);
    await adminRequest(cms.url, jwt, '/scheduling', {
      method: 'POST',
      json: { contentType: PLAN, documentId, locale: 'en', action: 'publish', at: at.toISOString() },
    });
    const deadline = at.getTime() + 20_000;
    let page = await status(english);
    while (!(page.status === 200 && page.text.includes('Operational plan 2036'))) {
      if (Date.now() > deadline) throw new Error(`Not live 20 s after its time:\n${site.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await status(english);
    }
    const liveAfter = Date.now() - at.getTime();
    // Within 5 s of its time in the CMS, then the site's usual publish time (about a second).
    expect(liveAfter).toBeLessThan(10_000);
    console.log(`[scheduled] the English page was live ${liveAfter} ms after its scheduled time`);
    await site.waitForBuilds(0);
    expect((await status(swedish)).status).toBe(404);
  });
});

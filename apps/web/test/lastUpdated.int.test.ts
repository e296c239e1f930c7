import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import type { CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backdateContent } from './support/backdate';
import { startPublishingStack, type SiteServerProcess } from './support/site';

// "Senast uppdaterad" is the latest change of anything a page shows (issue 24), not only of the
// page's own document: on the start page, a priority area published to the current plan moves it.
// Real processes: a seeded CMS whose content is made a year old, and a site server that receives
// its publish webhooks.
let cms: CmsProcess;
let site: SiteServerProcess;
let jwt: string;

const COLLECTION = '/content-manager/collection-types';
const LONG_AGO = new Date('2025-03-14T10:00:00Z');
const TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** The date the page says it was last updated (the <time> of its "Senast uppdaterad"), or null. */
const lastUpdated = async (pathname: string): Promise<string | null> => {
  const html = await (await fetch(`${site.url}${pathname}`)).text();
  return /<p class="meta">(?:Senast uppdaterad|Last updated) <time datetime="([^"]+)">/.exec(html)?.[1] ?? null;
};

const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${site.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

beforeAll(async () => {
  ({ cms, jwt, site } = await startPublishingStack(
    'Webbplatsen (senast uppdaterad)',
    { RECONCILE_INTERVAL_MS: '600000' },
    {
      beforeSite: (started) =>
        backdateContent(started.env, ['organisations', 'goals', 'plans', 'reports', 'priority_areas', 'accessibility_statements'], LONG_AGO),
    },
  ));
});

afterAll(async () => {
  await site?.stop();
  await cms?.stop();
});

describe('Senast uppdaterad', () => {
  it('on the start page moves when a new priority area shown there is published, and not for one that is not shown', async () => {
    expect(await lastUpdated('/')).toBe('2025-03-14');
    expect(await lastUpdated('/verksamhetsplaner/2018/')).toBe('2025-03-14');
    expect(await lastUpdated('/en/')).toBe('2025-03-14');

    const { results: plans } = await adminJson<{ results: { documentId: string; year: number }[] }>(
      cms.url,
      jwt,
      `${COLLECTION}/api::plan.plan?locale=sv`,
    );
    // The start page's plan: the newest published one (the seed's 2019 plan is a draft).
    const current = plans.find((plan) => plan.year === 2018);
    const area = await adminRequest<{ documentId: string }>(cms.url, jwt, `${COLLECTION}/api::priority-area.priority-area?locale=sv`, {
      method: 'POST',
      json: {
        title: 'Vattenförsörjning',
        slug: 'vattenforsorjning',
        summary: 'trygga dricksvattnet i hela regionen.',
        order: 41,
        plan: { connect: [{ documentId: current?.documentId, locale: 'sv' }] },
      },
    });
    await adminRequest(cms.url, jwt, `${COLLECTION}/api::priority-area.priority-area/${area.documentId}/actions/publish?locale=sv`, {
      method: 'POST',
      json: {},
    });
    await eventually(async () => (await (await fetch(`${site.url}/`)).text()).includes('Vattenförsörjning'), 'the new area on the start page');

    // The organisation itself did not change: the date is the area's.
    expect(await lastUpdated('/')).toBe(TODAY);
    expect(await lastUpdated(`/verksamhetsplaner/${current?.year}/`)).toBe(TODAY);
    expect(await lastUpdated('/prioriterade-omraden/vattenforsorjning/')).toBe(TODAY);
    // The English start page shows no Swedish area, nor do the pages that do not list it.
    expect(await lastUpdated('/en/')).toBe('2025-03-14');
    expect(await lastUpdated('/tillganglighet/')).toBe('2025-03-14');
    expect(await lastUpdated('/verksamhetsberattelser/2017/')).toBe('2025-03-14');
  });
});

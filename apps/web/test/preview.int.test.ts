import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import { beforeAll, describe, expect, inject, it } from 'vitest';

// The CMS (Strapi's Preview) makes the link; the site checks it and renders the draft.
const COLLECTION = '/content-manager/collection-types';
let cmsUrl: string;
let siteUrl: string;
let jwt: string;

const previewUrl = async (uid: string, documentId: string, locale = 'sv', status = 'draft') => {
  const { url } = await adminRequest<{ url: string }>(
    cmsUrl,
    jwt,
    `/content-manager/preview/url/${uid}?${new URLSearchParams({ documentId, locale, status })}`,
  );
  return url;
};

const draftPlanId = async () => {
  const { results } = await adminJson<{ results: { documentId: string; year: number }[] }>(cmsUrl, jwt, `${COLLECTION}/api::plan.plan?locale=sv`);
  const draft = results.find((plan) => plan.year === 2019);
  if (!draft) throw new Error('The seeded 2019 draft is missing');
  return draft.documentId;
};

const expectPreviewHeaders = (response: Response) => {
  expect(response.headers.get('x-robots-tag')).toMatch(/noindex/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain(`frame-ancestors ${new URL(cmsUrl).origin}`);
  expect(csp).toContain("script-src 'self'");
  // The site's own policy in every other respect (it once drifted: no media-src, no form-action).
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain(`media-src 'self' ${new URL(cmsUrl).origin}`);
  expect(csp).toContain("object-src 'none'");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
};

beforeAll(() => {
  ({ cmsUrl, siteUrl, adminJwt: jwt } = inject('site'));
});

describe('preview', () => {
  it('renders the draft the CMS links to, with a banner, unindexed and uncached', async () => {
    const url = await previewUrl('api::plan.plan', await draftPlanId());
    expect(url.startsWith(`${siteUrl}/preview/plan/`)).toBe(true);
    const response = await fetch(url);
    const html = await response.text();
    expect(response.status).toBe(200);
    expectPreviewHeaders(response);
    expect(html).toContain('Verksamhetsplan 2019 (utkast)');
    expect(html).toContain('Utkastet bereds och publiceras när rådsmötet har beslutat om planen.');
    expect(html).toContain('Förhandsgranskning – inte publicerad');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it('renders an edited but unpublished organisation with the start page components, in English too', async () => {
    const single = '/content-manager/single-types/api::organisation.organisation';
    const { data } = await adminJson<{ data: { documentId: string; lead: string } }>(cmsUrl, jwt, `${single}?locale=en`);
    const lead = 'Our members are the municipalities and regions (edited, not yet published).';
    await adminRequest(cmsUrl, jwt, `${single}?locale=en`, { method: 'PUT', json: { lead } });
    try {
      const html = await (await fetch(await previewUrl('api::organisation.organisation', data.documentId, 'en'))).text();
      expect(html).toContain(lead);
      // Published before, changed since: the banner says the changes are not published.
      expect(html).toContain('Preview – with changes not yet published');
      expect(html).not.toContain('Preview – not published');
      expect(html).toContain('A cohesive region');
      expect(await (await fetch(`${siteUrl}/en/`)).text()).not.toContain(lead);
    } finally {
      await adminRequest(cmsUrl, jwt, `${single}?locale=en`, { method: 'PUT', json: { lead: data.lead } });
    }
  });

  it('says "publicerad" once the draft is published, and of the published version', async () => {
    const { results } = await adminJson<{ results: { documentId: string; year: number }[] }>(cmsUrl, jwt, `${COLLECTION}/api::plan.plan?locale=sv`);
    const published = results.find((plan) => plan.year === 2018);
    if (!published) throw new Error('The seeded 2018 plan is missing');
    // The draft of a published plan with no changes since: what the site shows.
    for (const status of ['draft', 'published']) {
      const html = await (await fetch(await previewUrl('api::plan.plan', published.documentId, 'sv', status))).text();
      expect(html).toContain('Förhandsgranskning – publicerad: så här ser sidan ut på webbplatsen');
      expect(html).not.toContain('inte publicerad');
    }
  });

  it('answers 401 and shows nothing of the draft without the signature, or with any part altered', async () => {
    const url = new URL(await previewUrl('api::plan.plan', await draftPlanId()));
    const signature = url.searchParams.get('signature') ?? '';
    const variants: [string, (target: URL) => void][] = [
      ['no signature', (target) => target.searchParams.delete('signature')],
      ['altered signature', (target) => target.searchParams.set('signature', `${signature.slice(0, -2)}AA`)],
      ['other locale', (target) => target.searchParams.set('locale', 'en')],
      ['longer validity', (target) => target.searchParams.set('expires', String(Number(target.searchParams.get('expires')) + 3600))],
      ['other document', (target) => (target.pathname = target.pathname.replace(/[^/]+$/, 'someotherdocument'))],
      ['other type', (target) => (target.pathname = target.pathname.replace('/plan/', '/report/'))],
    ];
    for (const [label, alter] of variants) {
      const target = new URL(url);
      alter(target);
      const response = await fetch(target);
      const body = await response.text();
      expect(response.status, label).toBe(401);
      expectPreviewHeaders(response);
      expect(body, label).not.toContain('2019');
      expect(body, label).not.toContain('utkast');
    }
  });

  it('leaves the public site and the anonymous API without the draft', async () => {
    await fetch(await previewUrl('api::plan.plan', await draftPlanId()));
    expect((await fetch(`${siteUrl}/verksamhetsplaner/2019/`)).status).toBe(404);
    expect(await (await fetch(`${siteUrl}/verksamhetsplaner/`)).text()).not.toContain('2019');
    const plans = await (await fetch(`${siteUrl}/sitemap-plan-1.xml`)).text();
    expect(plans).toContain('/verksamhetsplaner/2018/');
    expect(plans).not.toContain('2019');
    const anonymous = await fetch(`${cmsUrl}/api/plans?status=draft`);
    expect([401, 403]).toContain(anonymous.status);
    expect(await anonymous.text()).not.toContain('2019');
  });
});

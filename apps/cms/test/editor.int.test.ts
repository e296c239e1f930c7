import { describe, expect, it } from 'vitest';
import { adminJson, adminRequest } from '@malardalsradet/test-support/adminApi';
import { cms } from './support/contentApi';

interface SiteStatus {
  reachable: boolean;
  error?: string;
  missingTranslations: { type: string; title: string; documentId: string }[];
}

interface Missing {
  type: string;
  title: string;
  documentId: string;
  editPath: string;
}

describe('what editors see on the start page', () => {
  it('lists what each language lacks by published versions, each with a link to fix it', async () => {
    const { url, adminJwt } = cms();
    const status = () => adminJson<SiteStatus & { missingSwedish: Missing[] }>(url, adminJwt, '/site-status');
    const base = '/content-manager/collection-types/api::goal.goal';
    // The seeded content is bilingual throughout.
    expect((await status()).missingTranslations).toEqual([]);
    expect((await status()).missingSwedish).toEqual([]);

    const goal = await adminRequest<{ documentId: string }>(url, adminJwt, `${base}?locale=sv`, {
      method: 'POST',
      json: { title: 'Ett grönare Mälardalen', order: 3 },
    });
    const act = (locale: string, action: 'publish' | 'unpublish') =>
      adminRequest(url, adminJwt, `${base}/${goal.documentId}/actions/${action}?locale=${locale}`, { method: 'POST', json: {} });
    const entry = (locale: string) => ({
      type: 'Inriktningsmål',
      title: locale === 'en' ? 'Ett grönare Mälardalen' : 'A greener Mälardalen',
      documentId: goal.documentId,
      editPath: `/content-manager/collection-types/api::goal.goal/${goal.documentId}?plugins[i18n][locale]=${locale}`,
    });
    try {
      // A Swedish draft is on neither site: nothing is missing yet.
      expect((await status()).missingTranslations).toEqual([]);
      await act('sv', 'publish');
      expect((await status()).missingTranslations).toEqual([entry('en')]);
      // An English version saved but not published does not count.
      await adminRequest(url, adminJwt, `${base}/${goal.documentId}?locale=en`, { method: 'PUT', json: { title: 'A greener Mälardalen' } });
      expect((await status()).missingTranslations).toEqual([entry('en')]);
      await act('en', 'publish');
      expect((await status()).missingTranslations).toEqual([]);
      // Live in English while the Swedish version is unpublished.
      await act('sv', 'unpublish');
      expect((await status()).missingSwedish).toEqual([entry('sv')]);
    } finally {
      for (const locale of ['sv', 'en']) {
        await adminJson(url, adminJwt, `${base}/${goal.documentId}?locale=${locale}`, { method: 'DELETE' });
      }
    }
    expect((await status()).missingSwedish).toEqual([]);
  });

  it('says why the site status is missing when no site server is configured, and needs a signed-in admin', async () => {
    const { url, adminJwt } = cms();
    const answer = await adminJson<SiteStatus>(url, adminJwt, '/site-status');
    expect(answer.reachable).toBe(false);
    expect(answer.error).toMatch(/SITE_WEBHOOK_URL/);
    expect((await fetch(`${url}/site-status`)).status).toBe(401);
  });
});

describe('mistakes caught at save', () => {
  const collection = (type: string) => `/content-manager/collection-types/api::${type}.${type}`;
  /** The admin API's answer to a save, as the editor's browser gets it. */
  const save = async (pathname: string, method: 'POST' | 'PUT', json: unknown) => {
    const { url, adminJwt } = cms();
    const response = await fetch(`${url}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminJwt}` },
      body: JSON.stringify(json),
    });
    return { status: response.status, body: (await response.json()) as { error?: { message: string; details?: { errors?: { path: string[] }[] } } } };
  };
  const documentId = async (type: string, field: string, value: unknown) => {
    const { results } = await adminJson<{ results: Record<string, unknown>[] }>(
      cms().url,
      cms().adminJwt,
      `${collection(type)}?locale=sv&pageSize=100`,
    );
    return String(results.find((doc) => doc[field] === value)?.documentId);
  };

  it('refuses a draft report or plan for a year another one has, naming it, under the field', async () => {
    const report = await save(`${collection('report')}?locale=sv`, 'POST', { title: 'Ny verksamhetsberättelse', year: 2017 });
    expect(report.status).toBe(400);
    expect(report.body.error?.message).toBe('Det finns redan en verksamhetsberättelse för 2017: Verksamhetsberättelse 2017.');
    expect(report.body.error?.details?.errors?.[0]?.path).toEqual(['year']);

    // The 2019 draft plan moved to 2018's year.
    const draft = await documentId('plan', 'year', 2019);
    const plan = await save(`${collection('plan')}/${draft}?locale=sv`, 'PUT', { year: 2018 });
    expect(plan.status).toBe(400);
    expect(plan.body.error?.message).toBe('Det finns redan en verksamhetsplan för 2018: Verksamhetsplan 2018.');
  });

  it("refuses a priority area's address that another area has in that language", async () => {
    const area = await save(`${collection('priority-area')}?locale=sv`, 'POST', {
      title: 'Kopia',
      slug: 'strategisk-kompetensforsorjning',
      order: 9,
    });
    expect(area.status).toBe(400);
    expect(area.body.error?.message).toBe(
      'Adressen "strategisk-kompetensforsorjning" används redan av det prioriterade området Strategisk kompetensförsörjning. Välj en annan adress.',
    );
  });

  it('lets a document keep its own year and slug, in each of its languages', async () => {
    const report = await documentId('report', 'year', 2017);
    const own = await save(`${collection('report')}/${report}?locale=sv`, 'PUT', { year: 2017 });
    expect(own.status).toBe(200);
    const area = await documentId('priority-area', 'slug', 'strategisk-kompetensforsorjning');
    const same = await save(`${collection('priority-area')}/${area}?locale=sv`, 'PUT', { slug: 'strategisk-kompetensforsorjning' });
    expect(same.status).toBe(200);
  });
});

describe('addresses the admin suggests', () => {
  it('makes a priority area address from a Swedish title as the site does (ä → a, not ae)', async () => {
    const { url, adminJwt } = cms();
    const { data } = await adminJson<{ data: string }>(url, adminJwt, '/content-manager/uid/generate?locale=sv', {
      method: 'POST',
      json: { contentTypeUID: 'api::priority-area.priority-area', field: 'slug', data: { title: 'Bättre möjligheter för Mälardalen och Åland' } },
    });
    expect(data).toBe('battre-mojligheter-for-malardalen-och-aland');
  });

  it('suggests nothing for a form without a title (not the type’s name), and at most 80 characters cut at a word', async () => {
    const { url, adminJwt } = cms();
    const generate = (title: string) =>
      adminJson<{ data: string }>(url, adminJwt, '/content-manager/uid/generate?locale=sv', {
        method: 'POST',
        json: { contentTypeUID: 'api::priority-area.priority-area', field: 'slug', data: { title } },
      });
    expect((await generate('')).data).toBe('');
    const long = (
      await generate('Samverkan kring regional utveckling, infrastruktur, bostäder och kompetensförsörjning i hela Stockholm-Mälarregionen')
    ).data;
    expect(long).toBe('samverkan-kring-regional-utveckling-infrastruktur-bostader-och');
    expect(long.length).toBeLessThanOrEqual(80);
  });
});

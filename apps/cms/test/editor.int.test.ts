import { describe, expect, it } from 'vitest';
import { adminJson, adminRequest } from './support/adminApi';
import { cms } from './support/contentApi';

interface SiteStatus {
  reachable: boolean;
  error?: string;
  missingTranslations: { type: string; title: string; documentId: string }[];
}

describe('what editors see on the start page', () => {
  it('lists documents that have no English version', async () => {
    const { url, adminJwt } = cms();
    const before = await adminJson<SiteStatus>(url, adminJwt, '/site-status');
    // The seeded content is bilingual throughout.
    expect(before.missingTranslations).toEqual([]);

    const goal = await adminRequest<{ documentId: string }>(url, adminJwt, '/content-manager/collection-types/api::goal.goal?locale=sv', {
      method: 'POST',
      json: { title: 'Ett grönare Mälardalen', order: 3 },
    });
    try {
      const after = await adminJson<SiteStatus>(url, adminJwt, '/site-status');
      expect(after.missingTranslations).toEqual([{ type: 'Inriktningsmål', title: 'Ett grönare Mälardalen', documentId: goal.documentId }]);
    } finally {
      await adminJson(url, adminJwt, `/content-manager/collection-types/api::goal.goal/${goal.documentId}?locale=sv`, { method: 'DELETE' });
    }
  });

  it('says why the site status is missing when no site server is configured, and needs a signed-in admin', async () => {
    const { url, adminJwt } = cms();
    const answer = await adminJson<SiteStatus>(url, adminJwt, '/site-status');
    expect(answer.reachable).toBe(false);
    expect(answer.error).toMatch(/SITE_WEBHOOK_URL/);
    expect((await fetch(`${url}/site-status`)).status).toBe(401);
  });
});

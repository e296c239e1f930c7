import { describe, expect, it } from 'vitest';
import { adminRequest } from '@malardalsradet/test-support/adminApi';
import { cms } from './support/contentApi';

interface Attribute {
  type: string;
  pluginOptions?: { i18n?: { localized?: boolean } };
  unique?: boolean;
  relation?: string;
  target?: string;
  allowedTypes?: string[];
}

interface ContentTypeSchema {
  uid: string;
  schema: {
    kind: string;
    displayName: string;
    draftAndPublish: boolean;
    pluginOptions?: { i18n?: { localized?: boolean } };
    attributes: Record<string, Attribute>;
  };
}

// What the issue specifies: editors' display names, and which fields are per language.
// Numbers, files and relations are shared; every human-readable field is localized.
const EXPECTED = {
  'api::organisation.organisation': {
    kind: 'singleType',
    displayName: 'Organisation',
    localized: ['name', 'lead', 'about', 'mission', 'context', 'contact', 'members', 'seo'],
    shared: [],
  },
  'api::accessibility-statement.accessibility-statement': {
    kind: 'singleType',
    displayName: 'Tillgänglighetsredogörelse',
    localized: ['title', 'intro', 'shortcomings', 'assessment', 'feedback', 'seo'],
    shared: ['complianceStatus', 'assessedOn', 'feedbackEmail', 'complaintUrl'],
  },
  'api::goal.goal': {
    kind: 'collectionType',
    displayName: 'Inriktningsmål',
    localized: ['title', 'description'],
    shared: ['order'],
  },
  'api::report.report': {
    kind: 'collectionType',
    displayName: 'Verksamhetsberättelse',
    localized: ['title', 'summary', 'body', 'seo'],
    shared: ['year', 'document'],
  },
  'api::plan.plan': {
    kind: 'collectionType',
    displayName: 'Verksamhetsplan',
    localized: ['title', 'summary', 'body', 'seo'],
    shared: ['year', 'document'],
  },
  'api::priority-area.priority-area': {
    kind: 'collectionType',
    displayName: 'Prioriterat område',
    localized: ['title', 'slug', 'summary', 'description'],
    shared: ['order'],
  },
} as const;

const contentTypes = async () => {
  const { url, adminJwt } = cms();
  const all = await adminRequest<ContentTypeSchema[]>(url, adminJwt, '/content-type-builder/content-types');
  return new Map(all.map((type) => [type.uid, type.schema]));
};

describe('content model', () => {
  it('has every content type with Draft & Publish, i18n and Swedish display names', async () => {
    const types = await contentTypes();
    for (const [uid, expected] of Object.entries(EXPECTED)) {
      const schema = types.get(uid);
      expect(schema, uid).toBeDefined();
      expect(schema?.kind, uid).toBe(expected.kind);
      expect(schema?.displayName, uid).toBe(expected.displayName);
      expect(schema?.draftAndPublish, uid).toBe(true);
      expect(schema?.pluginOptions?.i18n?.localized, uid).toBe(true);
    }
  });

  it('localizes the human-readable fields and shares numbers, files and relations', async () => {
    const types = await contentTypes();
    for (const [uid, expected] of Object.entries(EXPECTED)) {
      const attributes = types.get(uid)?.attributes ?? {};
      for (const field of expected.localized) {
        expect(attributes[field]?.pluginOptions?.i18n?.localized, `${uid}.${field}`).toBe(true);
      }
      for (const field of expected.shared) {
        expect(attributes[field]?.pluginOptions?.i18n?.localized, `${uid}.${field}`).toBe(false);
      }
    }
  });

  it('relates plans and their priority areas, and keeps years unique and documents to files', async () => {
    const types = await contentTypes();
    const plan = types.get('api::plan.plan')?.attributes;
    const area = types.get('api::priority-area.priority-area')?.attributes;
    expect(plan?.priorityAreas).toMatchObject({ type: 'relation', relation: 'oneToMany', target: 'api::priority-area.priority-area' });
    expect(area?.plan).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'api::plan.plan' });
    expect(area?.slug).toMatchObject({ type: 'uid' });
    for (const uid of ['api::plan.plan', 'api::report.report']) {
      const attributes = types.get(uid)?.attributes;
      expect(attributes?.year, uid).toMatchObject({ type: 'integer', unique: true });
      expect(attributes?.document, uid).toMatchObject({ type: 'media', allowedTypes: ['files'] });
    }
  });

  it('refuses a second report for a year that already has one, already when its draft is saved', async () => {
    const { url, adminJwt } = cms();
    const base = '/content-manager/collection-types/api::report.report';
    // Strapi 5 itself checks unique fields only at publish; src/editor/uniqueAtSave.ts refuses the draft.
    await expect(adminRequest(url, adminJwt, `${base}?locale=sv`, { method: 'POST', json: { title: 'Dubblett', year: 2017 } })).rejects.toThrow(
      /400.*Det finns redan en verksamhetsberättelse för 2017/,
    );
  });

  it('gives every field a Swedish label and description in the admin', async () => {
    const { url, adminJwt } = cms();
    for (const uid of Object.keys(EXPECTED)) {
      const { contentType } = await adminRequest<{
        contentType: { metadatas: Record<string, { edit: { label: string; description: string } }> };
      }>(url, adminJwt, `/content-manager/content-types/${uid}/configuration`);
      const types = await contentTypes();
      const fields = Object.keys(types.get(uid)?.attributes ?? {}).filter(
        (field) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(field),
      );
      for (const field of fields) {
        const edit = contentType.metadatas[field]?.edit;
        expect(edit?.description, `${uid}.${field}`).toMatch(/\S{3,}/);
        expect(edit?.label, `${uid}.${field}`).not.toBe(field);
      }
    }
  });
});

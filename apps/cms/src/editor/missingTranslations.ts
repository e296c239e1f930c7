import type { Core, UID } from '@strapi/strapi';

/** The localized content types, with the field that names an entry for editors. */
const TRANSLATED_TYPES: { uid: UID.ContentType; label: string; titleField: string }[] = [
  { uid: 'api::organisation.organisation', label: 'Organisation', titleField: 'name' },
  { uid: 'api::accessibility-statement.accessibility-statement', label: 'Tillgänglighetsredogörelse', titleField: 'title' },
  { uid: 'api::goal.goal', label: 'Inriktningsmål', titleField: 'title' },
  { uid: 'api::plan.plan', label: 'Verksamhetsplan', titleField: 'title' },
  { uid: 'api::report.report', label: 'Verksamhetsberättelse', titleField: 'title' },
  { uid: 'api::priority-area.priority-area', label: 'Prioriterat område', titleField: 'title' },
];

export interface MissingTranslation {
  type: string;
  title: string;
  documentId: string;
}

/**
 * Documents that exist in Swedish but have no English version, so that the English site lacks
 * them. Shown to editors on the admin's start page.
 */
export const findMissingTranslations = async (strapi: Core.Strapi): Promise<MissingTranslation[]> => {
  const missing: MissingTranslation[] = [];
  for (const { uid, label, titleField } of TRANSLATED_TYPES) {
    const rows = (locale: string) =>
      strapi.db.query(uid).findMany({ where: { locale, publishedAt: null }, select: ['documentId', titleField] }) as Promise<
        Record<string, string>[]
      >;
    const [swedish, english] = await Promise.all([rows('sv'), rows('en')]);
    const translated = new Set(english.map((row) => row.documentId));
    for (const row of swedish) {
      if (!translated.has(row.documentId ?? '')) {
        missing.push({ type: label, title: row[titleField] ?? '', documentId: row.documentId ?? '' });
      }
    }
  }
  return missing;
};

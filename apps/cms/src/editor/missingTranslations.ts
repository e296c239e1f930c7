import type { Core, UID } from '@strapi/strapi';

/** The localized content types, with the field that names an entry for editors. */
const TRANSLATED_TYPES: { uid: UID.ContentType; label: string; titleField: string; single: boolean }[] = [
  { uid: 'api::organisation.organisation', label: 'Organisation', titleField: 'name', single: true },
  { uid: 'api::accessibility-statement.accessibility-statement', label: 'Tillgänglighetsredogörelse', titleField: 'title', single: true },
  { uid: 'api::goal.goal', label: 'Inriktningsmål', titleField: 'title', single: false },
  { uid: 'api::plan.plan', label: 'Verksamhetsplan', titleField: 'title', single: false },
  { uid: 'api::report.report', label: 'Verksamhetsberättelse', titleField: 'title', single: false },
  { uid: 'api::priority-area.priority-area', label: 'Prioriterat område', titleField: 'title', single: false },
];

/** A document that is live in one language and not in the other, with the admin page to fix it. */
export interface MissingTranslation {
  type: string;
  title: string;
  documentId: string;
  /** The admin's edit page of the language that is missing. */
  editPath: string;
}

export interface MissingTranslations {
  /** Live in Swedish, not in English: the English site lacks them. */
  missingTranslations: MissingTranslation[];
  /** Live in English while the Swedish version is not (unpublished, or never published). */
  missingSwedish: MissingTranslation[];
}

const editPath = (uid: string, single: boolean, documentId: string, locale: string) =>
  single
    ? `/content-manager/single-types/${uid}?plugins[i18n][locale]=${locale}`
    : `/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${locale}`;

/**
 * What the two sites lack of each other, by published versions only: an English version that is
 * saved but not published does not count. Shown to editors on the admin's start page.
 */
export const findMissingTranslations = async (strapi: Core.Strapi): Promise<MissingTranslations> => {
  const result: MissingTranslations = { missingTranslations: [], missingSwedish: [] };
  for (const { uid, label, titleField, single } of TRANSLATED_TYPES) {
    const published = (locale: string) =>
      strapi.db.query(uid).findMany({ where: { locale, publishedAt: { $notNull: true } }, select: ['documentId', titleField] }) as Promise<
        Record<string, string>[]
      >;
    const [swedish, english] = await Promise.all([published('sv'), published('en')]);
    const ids = (rows: Record<string, string>[]) => new Set(rows.map((row) => row.documentId));
    const [inSwedish, inEnglish] = [ids(swedish), ids(english)];
    for (const row of swedish) {
      if (!inEnglish.has(row.documentId)) {
        result.missingTranslations.push({
          type: label,
          title: row[titleField] ?? '',
          documentId: row.documentId ?? '',
          editPath: editPath(uid, single, row.documentId ?? '', 'en'),
        });
      }
    }
    for (const row of english) {
      if (!inSwedish.has(row.documentId)) {
        result.missingSwedish.push({
          type: label,
          title: row[titleField] ?? '',
          documentId: row.documentId ?? '',
          editPath: editPath(uid, single, row.documentId ?? '', 'sv'),
        });
      }
    }
  }
  return result;
};

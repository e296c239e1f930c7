import { DEFAULT_LOCALE, LOCALES, type Locale } from '@malardalsradet/site-contract';
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
  /** Live in another language and not in this one (not Swedish): the site of that language lacks them. */
  missingTranslations: MissingTranslation[];
  /** Live in another language while the Swedish (default) version is not (unpublished, or never published). */
  missingSwedish: MissingTranslation[];
}

/** The admin's edit view of a document in one language (the start page's widgets link there). */
export const editPath = (uid: string, single: boolean, documentId: string, locale: Locale) =>
  single
    ? `/content-manager/single-types/${uid}?plugins[i18n][locale]=${locale}`
    : `/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${locale}`;

type Row = Record<string, string>;

/**
 * What each language's site lacks of the others', by published versions only: a version that is
 * saved but not published does not count. Shown to editors on the admin's start page: what the
 * default language (Swedish) lacks apart, since a document should be there first.
 */
export const findMissingTranslations = async (strapi: Core.Strapi): Promise<MissingTranslations> => {
  const result: MissingTranslations = { missingTranslations: [], missingSwedish: [] };
  for (const { uid, label, titleField, single } of TRANSLATED_TYPES) {
    const publishedIn = (locale: Locale) =>
      strapi.db.query(uid).findMany({ where: { locale, publishedAt: { $notNull: true } }, select: ['documentId', titleField] }) as Promise<Row[]>;
    const published = new Map(await Promise.all(LOCALES.map(async (locale) => [locale, await publishedIn(locale)] as const)));
    for (const locale of LOCALES) {
      const here = new Set(published.get(locale)?.map((row) => row.documentId));
      // Each missing document once, named as the first language that has it names it.
      const missing = new Map<string, Row>();
      for (const other of LOCALES) {
        for (const row of other === locale ? [] : (published.get(other) ?? [])) {
          if (row.documentId && !here.has(row.documentId) && !missing.has(row.documentId)) missing.set(row.documentId, row);
        }
      }
      (locale === DEFAULT_LOCALE ? result.missingSwedish : result.missingTranslations).push(
        ...[...missing.values()].map((row) => ({
          type: label,
          title: row[titleField] ?? '',
          documentId: row.documentId ?? '',
          editPath: editPath(uid, single, row.documentId ?? '', locale),
        })),
      );
    }
  }
  return result;
};

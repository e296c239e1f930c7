import { LOCALES, type Locale } from './locales';

/** The path of the same page in each language it exists in. */
export type Alternates = Partial<Record<Locale, string>>;

/**
 * Alternates of one document: Strapi gives every language version of a document the same
 * documentId, so the versions are matched on it.
 */
export const documentAlternates = <Doc extends { documentId: string }>(
  documentId: string,
  documentsByLocale: Record<Locale, Doc[]>,
  pathOf: (locale: Locale, document: Doc) => string,
): Alternates => {
  const alternates: Alternates = {};
  for (const locale of LOCALES) {
    const version = documentsByLocale[locale].find((candidate) => candidate.documentId === documentId);
    if (version) alternates[locale] = pathOf(locale, version);
  }
  return alternates;
};

/** Alternates of a page that exists in every language (start page, list pages). */
export const everyLocale = (pathOf: (locale: Locale) => string): Alternates =>
  Object.fromEntries(LOCALES.map((locale) => [locale, pathOf(locale)]));

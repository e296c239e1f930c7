import { LOCALES, type Locale } from './locales';

/** The path of the same page in each language it exists in. */
export type Alternates = Partial<Record<Locale, string>>;

/** Alternates of a page that exists in every language (start page, list pages). */
export const everyLocale = (pathOf: (locale: Locale) => string): Alternates => Object.fromEntries(LOCALES.map((locale) => [locale, pathOf(locale)]));

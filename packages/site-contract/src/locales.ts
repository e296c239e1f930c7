/**
 * The site's languages, the same in the CMS (its i18n locales, the editors' rights) and on the
 * site (routes, feeds, search): Swedish first, the default, at the site's root; English under /en.
 * Adding one here makes both apps' type checks name every place that needs it.
 */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

/** True when `value` is one of the site's languages. */
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

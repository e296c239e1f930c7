/** The site's languages: Swedish at the root, English under /en. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

/** The other language, for the language switcher. */
export const otherLocale = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

/** BCP 47 tags for <html lang> and hreflang, and the locale used to format numbers and dates. */
export const LANGUAGE_TAG: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

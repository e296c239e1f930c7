// The languages themselves are the contract's, shared with the CMS; what the site does with them is here.
import type { Locale } from '@malardalsradet/site-contract';

export { DEFAULT_LOCALE, LOCALES, type Locale } from '@malardalsradet/site-contract';

/** The other language, for the language switcher. */
export const otherLocale = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

/** BCP 47 tags for <html lang> and hreflang, and the locale used to format numbers and dates. */
export const LANGUAGE_TAG: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

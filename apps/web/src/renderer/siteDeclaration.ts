import { SERVER_TEXT_KEYS, type ServerTextKey, type SiteDeclaration } from '../../renderer-contract';
import { LOCALES, type Locale } from '../i18n/locales';
import { FEEDBACK_BUSY_PATHS, FEEDBACK_PATHS, FEEDBACK_THANKS_PATHS, routeTo, SEARCH_PATHS, type ListRoute } from '../i18n/routes';
import { t } from '../i18n/t';

const textsOf = (locale: Locale) =>
  Object.fromEntries(SERVER_TEXT_KEYS.map((key) => [key, t(locale, `server.${key}`)])) as Record<ServerTextKey, string>;

/** The documents that own no page of their own, and the page that shows them (by the preview's type names). */
const TYPE_PAGES: Record<string, ListRoute> = { organisation: 'home', goal: 'goals', 'accessibility-statement': 'accessibility' };

/**
 * What the site tells the site server (renderer-contract/): the addresses it answers on demand,
 * and the texts the server refuses with, from the site's own routes and UI strings, so that the
 * server holds no address or reader's text of its own.
 */
export const siteDeclaration: SiteDeclaration = {
  routes: { search: SEARCH_PATHS, feedback: FEEDBACK_PATHS, feedbackThanks: FEEDBACK_THANKS_PATHS, feedbackBusy: FEEDBACK_BUSY_PATHS },
  texts: Object.fromEntries(LOCALES.map((locale) => [locale, textsOf(locale)])) as SiteDeclaration['texts'],
  typePages: Object.fromEntries(
    Object.entries(TYPE_PAGES).map(([type, route]) => [type, Object.fromEntries(LOCALES.map((locale) => [locale, routeTo(route, locale)]))]),
  ) as SiteDeclaration['typePages'],
};

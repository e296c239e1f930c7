import { DEFAULT_LOCALE, LOCALES, type Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';

// What this module uses of the i18n plugin's service, which Strapi's types leave as `any`.
interface LocaleService {
  findByCode(code: string): Promise<unknown>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  setDefaultLocale(locale: { code: string }): Promise<unknown>;
}

/** How each of the site's languages is named in the admin. */
const LOCALE_NAMES = { sv: 'Svenska (sv)', en: 'English (en)' } satisfies Record<Locale, string>;

/** Creates the missing locales; makes Swedish the default when it is created. */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = strapi.plugin('i18n').service<LocaleService>('locales');
  for (const code of LOCALES) {
    if (await locales.findByCode(code)) continue;
    await locales.create({ code, name: LOCALE_NAMES[code] });
    if (code === DEFAULT_LOCALE) {
      await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
    }
    strapi.log.info(`Locale ${code} created`);
  }
};

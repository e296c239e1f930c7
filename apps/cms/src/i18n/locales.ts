import type { Core } from '@strapi/strapi';

/** The site's languages: Swedish first (the default), then English. */
export const LOCALES = [
  { code: 'sv', name: 'Svenska (sv)' },
  { code: 'en', name: 'English (en)' },
] as const;

export const DEFAULT_LOCALE = 'sv';

/** Creates the missing locales; makes Swedish the default when it is created. */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of LOCALES) {
    if (await locales.findByCode(locale.code)) continue;
    await locales.create({ code: locale.code, name: locale.name });
    if (locale.code === DEFAULT_LOCALE) {
      await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
    }
    strapi.log.info(`Locale ${locale.code} created`);
  }
};

import { OrganisationDocument, type OrganisationQuery } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { cmsRequest, perLocale } from './client';

export type Organisation = NonNullable<OrganisationQuery['organisation']>;

/** The organisation in one language; the start page cannot be built without it. */
export const getOrganisation = perLocale(async (locale: Locale): Promise<Organisation> => {
  const { organisation } = await cmsRequest(OrganisationDocument, { locale });
  if (!organisation) {
    throw new Error(`The CMS has no published Organisation in "${locale}"; publish it before building the site.`);
  }
  return organisation;
});

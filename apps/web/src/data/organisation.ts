import { OrganisationPreviewDocument, type OrganisationFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentsOf } from './contentSnapshot';

export type Organisation = OrganisationFragment;

/** The organisation in one language; the start page cannot be built without it. */
export const getOrganisation = async (locale: Locale): Promise<Organisation> => {
  const [organisation] = await documentsOf('organisation', locale);
  if (!organisation) {
    throw new Error(`The CMS has no published Organisation in "${locale}"; publish it before building the site.`);
  }
  return organisation;
};

/** The organisation as it stands in the CMS (a draft, for the preview), or null. */
export const getOrganisationPreview = async (locale: Locale, status: PreviewStatus): Promise<Organisation | null> =>
  (await cmsRequest(OrganisationPreviewDocument, { locale, status: publicationStatus(status) })).organisation;

import { OrganisationPreviewDocument, type OrganisationFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { withCurrentImage } from './currentImages';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentsOf } from './contentSnapshot';

export type Organisation = OrganisationFragment;

/**
 * The organisation in one language, or null while it is not published in it: the start page then
 * says so (components/NotPublished.astro) instead of the build failing, so that an empty CMS still
 * gives a site that tells the truth.
 */
export const getOrganisation = async (locale: Locale): Promise<Organisation | null> => {
  const [organisation] = await documentsOf('organisation', locale);
  return organisation ?? null;
};

/** The organisation as it stands in the CMS (a draft, for the preview), or null. */
export const getOrganisationPreview = async (locale: Locale, status: PreviewStatus): Promise<Organisation | null> =>
  withCurrentImage((await cmsRequest(OrganisationPreviewDocument, { locale, status: publicationStatus(status) })).organisation, locale);

import { PriorityAreasDocument, PriorityAreaPreviewDocument, type PriorityAreaFragment } from '@malardalsradet/types';
import { documentAlternates } from '../i18n/alternates';
import type { Locale } from '../i18n/locales';
import { priorityAreaPath } from '../i18n/routes';
import { cmsRequest, fetchAllPages, loadEveryLocale, perLocale, publicationStatus, type PreviewStatus } from './client';

export type PriorityArea = PriorityAreaFragment;

/** Published priority areas in one language. */
export const getPriorityAreas = perLocale(
  (locale: Locale): Promise<PriorityArea[]> =>
    fetchAllPages(PriorityAreasDocument, { locale }, (result) => result.priorityAreas_connection),
);

/** One page per priority area in `locale`, by its slug there, with its language versions. */
export const priorityAreaPaths = async (locale: Locale) => {
  const byLocale = await loadEveryLocale(getPriorityAreas);
  return byLocale[locale].map((area) => ({
    params: { slug: area.slug },
    props: {
      area,
      alternates: documentAlternates(area.documentId, byLocale, (code, version) => priorityAreaPath(code, version.slug)),
    },
  }));
};

/** One priorityArea as it stands in the CMS (a draft, for the preview), or null. */
export const getPriorityAreaPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<PriorityArea | null> =>
  (await cmsRequest(PriorityAreaPreviewDocument, { documentId, locale, status: publicationStatus(status) })).priorityArea;

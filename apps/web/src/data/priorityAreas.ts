import { PriorityAreaPreviewDocument, type PriorityAreaFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { withCurrentImage } from './currentImages';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentOf } from './contentSnapshot';
import { documentPage } from './documentPages';
import type { Plan } from './plans';

export type PriorityArea = PriorityAreaFragment;

/** The area whose page is /prioriterade-omraden/{slug}/ (or /en/priority-areas/{slug}/), with its language versions. */
export const priorityAreaPage = async (locale: Locale, slug: string | undefined) => {
  const page = await documentPage('priority-area', locale, slug);
  return page && { area: page.doc, alternates: page.alternates };
};

/** The published plan an area belongs to, in the same language, if any. */
export const planOf = async (area: PriorityArea, locale: Locale): Promise<Plan | undefined> =>
  area.plan ? documentOf('plan', locale, area.plan.documentId) : undefined;

/** One priority area as it stands in the CMS (a draft, for the preview), or null. */
export const getPriorityAreaPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<PriorityArea | null> =>
  withCurrentImage((await cmsRequest(PriorityAreaPreviewDocument, { documentId, locale, status: publicationStatus(status) })).priorityArea, locale);

import { PlanPreviewDocument, type PlanFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { withCurrentImage } from './currentImages';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentsOf } from './contentSnapshot';
import { documentPage } from './documentPages';
import type { PriorityArea } from './priorityAreas';

export type Plan = PlanFragment;

/** Published plans in one language, newest first. */
export const getPlans = (locale: Locale): Promise<Plan[]> => documentsOf('plan', locale);

/** The current plan: the newest published one, if any. */
export const getCurrentPlan = async (locale: Locale): Promise<Plan | undefined> => (await getPlans(locale))[0];

/**
 * A plan's published priority areas in their order. Read from the areas (each names its plan),
 * so that an area that is renamed, moved or unpublished changes every plan page that lists it.
 */
export const priorityAreasOf = async (plan: Pick<Plan, 'documentId'>, locale: Locale): Promise<PriorityArea[]> =>
  (await documentsOf('priority-area', locale)).filter((area) => area.plan?.documentId === plan.documentId);

/** The plan whose page is /verksamhetsplaner/{year}/ (or /en/plans/{year}/), with its language versions. */
export const planPage = async (locale: Locale, year: string | undefined) => {
  const page = await documentPage('plan', locale, year);
  return page && { plan: page.doc, alternates: page.alternates };
};

/** One plan as it stands in the CMS (a draft, for the preview), or null. */
export const getPlanPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<Plan | null> =>
  withCurrentImage((await cmsRequest(PlanPreviewDocument, { documentId, locale, status: publicationStatus(status) })).plan, locale);

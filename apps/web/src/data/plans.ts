import { PlansDocument, PlanPreviewDocument, type PlanFragment } from '@malardalsradet/types';
import { documentAlternates } from '../i18n/alternates';
import type { Locale } from '../i18n/locales';
import { planPath } from '../i18n/routes';
import { cmsRequest, fetchAllPages, loadEveryLocale, perLocale, publicationStatus, type PreviewStatus } from './client';

export type Plan = PlanFragment;
export type PriorityAreaSummary = NonNullable<Plan['priorityAreas'][number]>;

/** Published plans in one language, newest first, each with its published priority areas. */
export const getPlans = perLocale(
  (locale: Locale): Promise<Plan[]> => fetchAllPages(PlansDocument, { locale }, (result) => result.plans_connection),
);

/** The current plan: the newest published one, if any. */
export const getCurrentPlan = async (locale: Locale): Promise<Plan | undefined> => (await getPlans(locale))[0];

/** A plan's priority areas, without the gaps that unpublished ones leave in the list. */
export const priorityAreasOf = (plan: Plan): PriorityAreaSummary[] =>
  plan.priorityAreas.filter((area): area is PriorityAreaSummary => area !== null);

/** One page per plan that exists in `locale`, with the paths of its language versions. */
export const planPaths = async (locale: Locale) => {
  const byLocale = await loadEveryLocale(getPlans);
  return byLocale[locale].map((plan) => ({
    params: { year: String(plan.year) },
    props: {
      plan,
      alternates: documentAlternates(plan.documentId, byLocale, (code, version) => planPath(code, version.year)),
    },
  }));
};

/** One plan as it stands in the CMS (a draft, for the preview), or null. */
export const getPlanPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<Plan | null> =>
  (await cmsRequest(PlanPreviewDocument, { documentId, locale, status: publicationStatus(status) })).plan;

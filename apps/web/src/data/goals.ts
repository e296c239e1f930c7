import { GoalsDocument, GoalPreviewDocument, type GoalFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { cmsRequest, fetchAllPages, perLocale, publicationStatus, type PreviewStatus } from './client';

export type Goal = GoalFragment;

/** Published inriktningsmål in one language, in their set order. */
export const getGoals = perLocale(
  (locale: Locale): Promise<Goal[]> => fetchAllPages(GoalsDocument, { locale }, (result) => result.goals_connection),
);

/** One goal as it stands in the CMS (a draft, for the preview), or null. */
export const getGoalPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<Goal | null> =>
  (await cmsRequest(GoalPreviewDocument, { documentId, locale, status: publicationStatus(status) })).goal;

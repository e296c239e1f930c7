import { GoalPreviewDocument, type GoalFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { withCurrentImage } from './currentImages';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentsOf } from './contentSnapshot';

export type Goal = GoalFragment;

/** Published inriktningsmål in one language, in their set order. */
export const getGoals = (locale: Locale): Promise<Goal[]> => documentsOf('goal', locale);

/** One goal as it stands in the CMS (a draft, for the preview), or null. */
export const getGoalPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<Goal | null> =>
  withCurrentImage((await cmsRequest(GoalPreviewDocument, { documentId, locale, status: publicationStatus(status) })).goal, locale);

import { GoalsDocument, type GoalFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { fetchAllPages, perLocale } from './client';

export type Goal = GoalFragment;

/** Published inriktningsmål in one language, in their set order. */
export const getGoals = perLocale(
  (locale: Locale): Promise<Goal[]> => fetchAllPages(GoalsDocument, { locale }, (result) => result.goals_connection),
);

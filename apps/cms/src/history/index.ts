import type { Core } from '@strapi/strapi';
import type { CmsEnv } from '../config/env';
import { recordAdminEvents } from './adminEvents';
import { scheduleGallring } from './gallring';
import { registerHistoryRecorder } from './recorder';
import { registerHistoryRoutes } from './routes';
import { ensureHistoryTables } from './store';

export { actingAs } from './recorder';

/** In register(): the recording middleware, so that every write from then on is recorded. */
export const registerHistory = (strapi: Core.Strapi): void => {
  registerHistoryRecorder(strapi);
};

/** In bootstrap(), before anything writes content: the tables, the routes, the admin's events, the gallring. */
export const bootstrapHistory = async (strapi: Core.Strapi, env: CmsEnv): Promise<void> => {
  await ensureHistoryTables(strapi.db.connection);
  registerHistoryRoutes(strapi, env.SITE_URL && env.PREVIEW_SECRET ? { siteUrl: env.SITE_URL, secret: env.PREVIEW_SECRET } : undefined);
  recordAdminEvents(strapi);
  await scheduleGallring(strapi, {
    keepPublishedDays: env.HISTORY_KEEP_PUBLISHED_DAYS,
    draftKeepAllDays: env.HISTORY_DRAFT_KEEP_ALL_DAYS,
    draftKeepDays: env.HISTORY_DRAFT_KEEP_DAYS,
  });
};

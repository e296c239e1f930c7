import type { Core } from '@strapi/strapi';
import { registerDocumentDraftGuard } from './access/draftGuard';
import { ensureEditorRole } from './access/editorRole';
import { FEEDBACK_TOKEN, SITE_TOKEN, ensureApiTokenFromSecret } from './access/apiTokenFromSecret';
import { preventStrapiDefaultApiTokens, removeStrapiDefaultApiTokens } from './access/defaultApiTokens';
import { lockDownPublicRole } from './access/publicRole';
import { bootstrapAddresses, registerAddresses } from './addresses';
import { registerRequestBody } from './access/requestBody';
import { cmsEnv } from './config/env';
import { ensureDevAccounts } from './dev/devAccounts';
import { applyEditorLabels } from './editor/applyEditorLabels';
import { registerEditViewRoutes } from './editor/editViewRoutes';
import { registerUniqueAtSave } from './editor/uniqueAtSave';
import { backfillFeedbackTitles } from './feedback/feedbackTitle';
import { registerEditorGuideRoute } from './editorGuide/route';
import { scheduleFeedbackRetention } from './feedback/retention';
import { registerContentApiGuards } from './graphql/contentApiGuards';
import { hideTypesFromGraphql } from './graphql/hiddenTypes';
import { actingAs, bootstrapHistory, registerHistory } from './history';
import { ensureLocales } from './i18n/locales';
import { registerUploadDeleteGuard } from './media/deleteGuard';
import { registerUnusedFilesRoutes } from './media/routes';
import { extendUploadFile } from './media/imageText';
import { registerImageTextRoutes } from './media/imageTextRoutes';
import { registerPublishGuard } from './publishing/publishGuard';
import { registerLinksRoute } from './publishing/whoLinksHere';
import { bootstrapScheduling, stopScheduling } from './scheduling';
import { seedOnFirstStart } from './seed/seedOnFirstStart';
import { registerSiteStatusRoute } from './webhooks/siteStatus';
import { startSiteWebhook } from './webhooks/siteWebhook';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerRequestBody(strapi);
    preventStrapiDefaultApiTokens(strapi);
    registerDocumentDraftGuard(strapi);
    registerContentApiGuards(strapi);
    hideTypesFromGraphql(strapi);
    registerUniqueAtSave(strapi);
    extendUploadFile(strapi);
    registerPublishGuard(strapi);
    registerHistory(strapi);
    registerUploadDeleteGuard(strapi);
    registerAddresses(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const env = cmsEnv();
    // First: the history's tables must exist before anything below writes content or tokens.
    await bootstrapHistory(strapi, env);
    await bootstrapAddresses(strapi);
    await removeStrapiDefaultApiTokens(strapi);
    await ensureLocales(strapi);
    await lockDownPublicRole(strapi);
    await applyEditorLabels(strapi);
    const editorRole = await ensureEditorRole(strapi);

    await startSiteWebhook(strapi, env);
    registerSiteStatusRoute(strapi, env);
    registerUnusedFilesRoutes(strapi);
    registerEditViewRoutes(strapi, env.SITE_URL);
    registerEditorGuideRoute(strapi);
    registerImageTextRoutes(strapi);
    registerLinksRoute(strapi);
    if (env.CMS_API_TOKEN) await ensureApiTokenFromSecret(strapi, SITE_TOKEN, env.CMS_API_TOKEN, 'CMS_API_TOKEN');
    if (env.CMS_FEEDBACK_TOKEN) await ensureApiTokenFromSecret(strapi, FEEDBACK_TOKEN, env.CMS_FEEDBACK_TOKEN, 'CMS_FEEDBACK_TOKEN');
    await scheduleFeedbackRetention(strapi, env.FEEDBACK_RETENTION_MONTHS);
    await backfillFeedbackTitles(strapi);
    if (env.CMS_SEED_ON_START) await actingAs('System (seed)', () => seedOnFirstStart(strapi));
    if (env.CMS_DEV_ACCESS) await ensureDevAccounts(strapi, env, editorRole.id);
    // Last: a schedule that fell due while the CMS was down runs now, with the webhook listening.
    await bootstrapScheduling(strapi);
  },

  destroy() {
    stopScheduling();
  },
};

import { signWebhook, SITE_HOOK_PATHS, type SiteStatus } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { findMissingTranslations, type MissingTranslations } from '../editor/missingTranslations';
import { findNewFeedback, type NewFeedback } from '../feedback/newFeedback';
import type { CmsEnv } from '../config/env';
import { registerAdminRoutes } from '../utils/adminRoutes';

/** What the admin shows about the public site: the site server's status, or why there is none. */
export type SiteStatusAnswer = { reachable: true; status: SiteStatus } | { reachable: false; error: string };

/** What GET /site-status answers the admin's "Webbplatsen" widget (src/admin/SiteStatusWidget.tsx). */
export type SiteStatusRouteAnswer = SiteStatusAnswer & MissingTranslations & NewFeedback;

/** The site server's status URL: SITE_STATUS_URL, or the status path on the webhook's server. */
export const siteStatusUrl = (env: CmsEnv): string | undefined =>
  env.SITE_STATUS_URL ?? (env.SITE_WEBHOOK_URL ? new URL(SITE_HOOK_PATHS.status, env.SITE_WEBHOOK_URL).toString() : undefined);

/** Asks the site server for its status, signed with the webhook secret, which never leaves the server. */
export const fetchSiteStatus = async (env: CmsEnv): Promise<SiteStatusAnswer> => {
  const url = siteStatusUrl(env);
  if (!url || !env.SITE_WEBHOOK_SECRET) {
    return { reachable: false, error: 'SITE_WEBHOOK_URL och SITE_WEBHOOK_SECRET är inte satta.' };
  }
  try {
    const { pathname, search } = new URL(url);
    const response = await fetch(url, {
      headers: signWebhook(env.SITE_WEBHOOK_SECRET, { method: 'GET', path: `${pathname}${search}` }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return { reachable: false, error: `Webbplatsen svarade ${response.status}.` };
    // The site server is ours and answers per the contract; its JSON is not checked again here.
    return { reachable: true, status: (await response.json()) as SiteStatus };
  } catch (error) {
    return { reachable: false, error: `Webbplatsen svarar inte (${error instanceof Error ? error.message : String(error)}).` };
  }
};

/**
 * GET /site-status for signed-in admins: the admin's homepage widget reads the public site's
 * state through the CMS, so that the browser never needs the site server's secret, the
 * documents that still lack an English version, and how much readers' feedback is new.
 */
export const registerSiteStatusRoute = (strapi: Core.Strapi, env: CmsEnv): void => {
  registerAdminRoutes(strapi, [
    {
      method: 'GET',
      path: '/site-status',
      handler: async (ctx: { body: SiteStatusRouteAnswer }) => {
        const [site, translations, feedback] = await Promise.all([fetchSiteStatus(env), findMissingTranslations(strapi), findNewFeedback(strapi)]);
        ctx.body = { ...site, ...translations, ...feedback };
      },
    },
  ]);
};

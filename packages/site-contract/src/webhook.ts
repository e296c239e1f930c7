/**
 * The publish webhook: the CMS registers it with these events and header (apps/cms/src/webhooks),
 * the site server answers it at these paths (apps/web/server).
 */

/** Where the site server takes a publish, and where it tells its state. */
export const SITE_HOOK_PATHS = { publish: '/hooks/publish', status: '/hooks/status' } as const;

/** The header that carries the shared secret (SITE_WEBHOOK_SECRET). HTTP header names are case-insensitive; Node reads them lower-case. */
export const WEBHOOK_SECRET_HEADER = 'x-webhook-secret';

/**
 * The Strapi events after which the public site must change: the CMS sends these and no others,
 * and the site refuses any other event as a mistake. Drafts being saved (entry.create,
 * entry.update) and files being uploaded (media.create) change nothing public.
 */
export const SITE_WEBHOOK_EVENTS = ['entry.publish', 'entry.unpublish', 'entry.delete', 'media.update', 'media.delete'] as const;
export type SiteWebhookEvent = (typeof SITE_WEBHOOK_EVENTS)[number];

/** True when `value` is an event the site acts on. */
export const isSiteWebhookEvent = (value: unknown): value is SiteWebhookEvent => SITE_WEBHOOK_EVENTS.includes(value as SiteWebhookEvent);

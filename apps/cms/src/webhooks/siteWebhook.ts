import { SITE_WEBHOOK_EVENTS, WEBHOOK_SECRET_HEADER } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import type { CmsEnv } from '../config/env';

export const SITE_WEBHOOK_NAME = 'Webbplatsen: bygg om vid publicering';

interface Webhook {
  id: string;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

interface WebhookStore {
  findWebhooks(): Promise<Webhook[]>;
  createWebhook(data: Omit<Webhook, 'id'>): Promise<Webhook>;
  updateWebhook(id: string, data: Omit<Webhook, 'id'>): Promise<Webhook>;
  deleteWebhook(id: string): Promise<Webhook>;
}

interface WebhookRunner {
  add(webhook: Webhook): void;
  update(webhook: Webhook): void;
  remove(webhook: Webhook): void;
}

/**
 * Registers the site's publish webhook from the environment at every start (SITE_WEBHOOK_URL,
 * SITE_WEBHOOK_SECRET), so that no one has to set it up in the admin, and a changed URL or a
 * rotated secret takes effect with a restart. The events and the secret's header are the contract's.
 */
export const registerSiteWebhook = async (strapi: Core.Strapi, env: CmsEnv): Promise<void> => {
  const store = strapi.get<WebhookStore>('webhookStore');
  const runner = strapi.get<WebhookRunner>('webhookRunner');
  const existing = (await store.findWebhooks()).find((webhook) => webhook.name === SITE_WEBHOOK_NAME);

  if (!env.SITE_WEBHOOK_URL || !env.SITE_WEBHOOK_SECRET) {
    if (existing) {
      await store.deleteWebhook(existing.id);
      runner.remove(existing);
    }
    strapi.log.warn('SITE_WEBHOOK_URL / SITE_WEBHOOK_SECRET not set: publishing will not rebuild the site.');
    return;
  }

  const wanted = {
    name: SITE_WEBHOOK_NAME,
    url: env.SITE_WEBHOOK_URL,
    headers: { [WEBHOOK_SECRET_HEADER]: env.SITE_WEBHOOK_SECRET },
    events: [...SITE_WEBHOOK_EVENTS],
    isEnabled: true,
  };
  if (existing) {
    runner.update(await store.updateWebhook(existing.id, wanted));
  } else {
    runner.add(await store.createWebhook(wanted));
  }
  strapi.log.info(`Site webhook registered: ${env.SITE_WEBHOOK_URL}`);
};

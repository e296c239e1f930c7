import { isSiteContentModel, signWebhook, SITE_WEBHOOK_EVENTS, type SiteWebhookEvent } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import type { CmsEnv } from '../config/env';

/** The webhook earlier versions registered in Strapi's store (unsigned, a static secret header). */
export const SITE_WEBHOOK_NAME = 'Webbplatsen: bygg om vid publicering';

interface Webhook {
  id: string;
  name: string;
}

interface WebhookStore {
  findWebhooks(): Promise<Webhook[]>;
  deleteWebhook(id: string): Promise<Webhook>;
}

interface WebhookRunner {
  remove(webhook: Webhook): void;
}

/** What Strapi's event hub passes with an entry event (core's document-service/events) and a media event (upload). */
interface EventInfo {
  model?: string;
  uid?: string;
  entry?: ({ documentId?: unknown; locale?: unknown } & Record<string, unknown>) | null;
  media?: { documentId?: unknown } | null;
}

/** What the sender logs with (Strapi's logger). */
interface SenderLog {
  error(message: string): void;
  warn(message: string): void;
}

/** Attempts per event (the first and two more), and the waits before the retries (ms). */
export const SEND_ATTEMPTS = 3;
const RETRY_WAITS_MS = [1000, 5000];
/** Each attempt's time limit, as Strapi's own webhook runner has it. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/**
 * Events waiting to be sent, at most. Past it new events are dropped with a log line: the
 * site's reconciliation (RECONCILE_INTERVAL_MS) finds the change, and a burst that large makes
 * the site build everything anyway (MAX_QUEUED_CHANGES).
 */
export const MAX_PENDING_EVENTS = 1000;

/** The body the site reads: only what names the change (the site reads the document from the CMS itself). */
const bodyOf = (event: SiteWebhookEvent, info: EventInfo): string =>
  JSON.stringify(
    event.startsWith('media.')
      ? { event, createdAt: new Date(), media: info.media ? { documentId: info.media.documentId } : null }
      : {
          event,
          createdAt: new Date(),
          model: info.model,
          uid: info.uid,
          entry: info.entry ? { documentId: info.entry.documentId, locale: info.entry.locale } : null,
        },
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the site's publish hook itself, signed (the contract's signWebhook: HMAC-SHA256 over the
 * time, method, path and body), after the events the site acts on. Strapi's webhook runner can
 * only send static headers, which a captured request replays for ever, so the CMS listens to
 * Strapi's event hub as that runner does, and sends one event at a time, in order, with a
 * bounded retry. Identical events waiting to be sent are sent once: Strapi emits entry.delete
 * once per stored version (draft and published, per language).
 */
export class SiteWebhookSender {
  private readonly url: URL;
  private readonly secret: string;
  private readonly log: SenderLog;
  private readonly retryWaitsMs: readonly number[];
  private readonly pending = new Map<string, string>();
  private sending = false;
  private dropped = 0;

  constructor(url: string, secret: string, log: SenderLog, { retryWaitsMs = RETRY_WAITS_MS } = {}) {
    this.url = new URL(url);
    this.secret = secret;
    this.log = log;
    this.retryWaitsMs = retryWaitsMs;
  }

  /** Takes one event from Strapi's event hub; returns at once (the hub waits for its listeners). */
  accept(event: SiteWebhookEvent, info: EventInfo = {}): void {
    // Entry events of models the site does not show (feedback, users) change no page, and the site refuses them.
    if (event.startsWith('entry.') && !isSiteContentModel(info.model)) return;
    const body = bodyOf(event, info);
    // The key leaves out createdAt: the same change waiting twice is one change.
    const key = JSON.stringify([event, info.model, info.entry?.documentId, info.entry?.locale, info.media?.documentId]);
    if (this.pending.has(key)) return;
    if (this.pending.size >= MAX_PENDING_EVENTS) {
      if (this.dropped++ === 0)
        this.log.error(`Site webhook: more than ${MAX_PENDING_EVENTS} events waiting; dropping events until the queue drains.`);
      return;
    }
    this.pending.set(key, body);
    void this.drain();
  }

  /** Resolves once no event waits (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.sending || this.pending.size > 0) await sleep(20);
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (let next = this.pending.entries().next(); !next.done; next = this.pending.entries().next()) {
        const [key, body] = next.value;
        this.pending.delete(key);
        await this.send(body);
      }
    } finally {
      this.sending = false;
      if (this.dropped > 0) {
        this.log.error(`Site webhook: ${this.dropped} event(s) were dropped; the site's reconciliation will find the changes.`);
        this.dropped = 0;
      }
    }
  }

  /** POSTs one body, signed afresh for each attempt; a 4xx is final, a 5xx or a network error is tried again. */
  async send(body: string): Promise<boolean> {
    const path = `${this.url.pathname}${this.url.search}`;
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signWebhook(this.secret, { method: 'POST', path, body }) },
          body,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const text = await response.text();
        if (response.ok) return true;
        failure = `${response.status} ${text.slice(0, 300)}`;
        if (response.status < 500 && response.status !== 429) {
          this.log.error(`Site webhook refused by ${this.url.origin}: ${failure}`);
          return false;
        }
      } catch (error) {
        failure = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
      }
      const wait = this.retryWaitsMs[attempt - 1];
      if (attempt >= SEND_ATTEMPTS || wait === undefined) {
        this.log.error(
          `Site webhook to ${this.url.toString()} failed ${attempt} times, last: ${failure}. The site's reconciliation will find the change.`,
        );
        return false;
      }
      this.log.warn(`Site webhook to ${this.url.toString()} failed (${failure}); trying again in ${wait} ms.`);
      await sleep(wait);
    }
  }
}

/**
 * Starts sending the site's publish hook from the environment (SITE_WEBHOOK_URL,
 * SITE_WEBHOOK_SECRET): a changed URL or a rotated secret takes effect with a restart. The
 * webhook earlier versions registered in Strapi's store is removed first, so that nothing sends
 * the old unsigned request any more.
 */
export const startSiteWebhook = async (strapi: Core.Strapi, env: CmsEnv): Promise<SiteWebhookSender | undefined> => {
  const store = strapi.get<WebhookStore>('webhookStore');
  const runner = strapi.get<WebhookRunner>('webhookRunner');
  for (const old of (await store.findWebhooks()).filter((webhook) => webhook.name === SITE_WEBHOOK_NAME)) {
    await store.deleteWebhook(old.id);
    runner.remove(old);
    strapi.log.info(`Removed the stored webhook "${SITE_WEBHOOK_NAME}": the CMS now sends the site's hook itself, signed.`);
  }

  if (!env.SITE_WEBHOOK_URL || !env.SITE_WEBHOOK_SECRET) {
    strapi.log.warn('SITE_WEBHOOK_URL / SITE_WEBHOOK_SECRET not set: publishing will not rebuild the site.');
    return undefined;
  }
  const sender = new SiteWebhookSender(env.SITE_WEBHOOK_URL, env.SITE_WEBHOOK_SECRET, strapi.log);
  for (const event of SITE_WEBHOOK_EVENTS) {
    strapi.eventHub.on(event, (info: EventInfo) => {
      sender.accept(event, info);
      return Promise.resolve();
    });
  }
  strapi.log.info(`Site webhook: signed events go to ${env.SITE_WEBHOOK_URL}`);
  return sender;
};

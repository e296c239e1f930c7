/**
 * The publish webhook: the CMS sends it, signed, after these events (apps/cms/src/webhooks), the
 * site server answers it at these paths (apps/web/server). Both sides sign and check requests
 * here, so that neither can drift from the other.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PREVIEW_TYPES } from './preview.ts';

/** Where the site server takes a publish, and where it tells its state. */
export const SITE_HOOK_PATHS = { publish: '/hooks/publish', status: '/hooks/status' } as const;

/**
 * The headers of a signed request: when it was signed (Unix seconds), a random nonce, and the
 * signature over those, the method, the path and the body. The nonce makes two identical
 * requests within a second (two status polls, a document published twice) two signatures, so
 * that the replay guard refuses only a copy. HTTP header names are case-insensitive; Node reads
 * them lower-case.
 */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const WEBHOOK_NONCE_HEADER = 'x-webhook-nonce';
export const WEBHOOK_SIGNATURE_HEADER = 'x-webhook-signature';

/**
 * How far a request's timestamp may lie from the site's clock, either way. A captured request
 * is refused once it is older; within the window the replay guard refuses it (ReplayGuard).
 */
export const WEBHOOK_MAX_SKEW_SECONDS = 300;

/**
 * The Strapi events after which the public site must change: the CMS sends these and no others,
 * and the site refuses any other event as a mistake. Drafts being saved (entry.create,
 * entry.update) and files being uploaded (media.create) change nothing public.
 */
export const SITE_WEBHOOK_EVENTS = ['entry.publish', 'entry.unpublish', 'entry.delete', 'media.update', 'media.delete'] as const;
export type SiteWebhookEvent = (typeof SITE_WEBHOOK_EVENTS)[number];

/** True when `value` is an event the site acts on. */
export const isSiteWebhookEvent = (value: unknown): value is SiteWebhookEvent => SITE_WEBHOOK_EVENTS.includes(value as SiteWebhookEvent);

/**
 * The Strapi models (the `model` of an entry event) the site shows: the content types with a
 * page or a preview. The CMS sends entry events for these only; the site refuses any other.
 */
export const SITE_CONTENT_MODELS: readonly string[] = PREVIEW_TYPES;

/** True when `value` is a model the site shows. */
export const isSiteContentModel = (value: unknown): value is string => typeof value === 'string' && SITE_CONTENT_MODELS.includes(value);

/**
 * Strapi 5's documentIds are cuid2 ids (@paralleldrive/cuid2's createId): 24 characters, lower-case
 * letters and digits, starting with a letter. Anything else cannot name a document, and is
 * refused before it reaches a queue or a GraphQL variable. The length is a little lenient
 * (cuid2 allows other lengths) but bounded.
 */
const DOCUMENT_ID = /^[a-z][a-z0-9]{15,31}$/;
export const DOCUMENT_ID_MAX_LENGTH = 32;

/** True when `value` has the form of a Strapi documentId. */
export const isDocumentId = (value: unknown): value is string => typeof value === 'string' && DOCUMENT_ID.test(value);

/** What a signature covers: the request line's method and path (query included), and the body. */
export interface WebhookRequestParts {
  method: string;
  /** The path as sent, e.g. `/hooks/publish` (with its query string, if any). */
  path: string;
  body?: string | Uint8Array;
}

const SIGNATURE_VERSION = 'v1';
const SIGNATURE = /^v1=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

const digest = (secret: string, timestamp: string, nonce: string, { method, path, body = '' }: WebhookRequestParts): Buffer =>
  createHmac('sha256', secret)
    .update(`${SIGNATURE_VERSION}\n${timestamp}\n${nonce}\n${method.toUpperCase()}\n${path}\n`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest();

/**
 * The headers that sign a request to the site's hooks: HMAC-SHA256, keyed with
 * SITE_WEBHOOK_SECRET, over the time, the method, the path and the body. The secret itself never
 * travels, and a request altered in any part, or sent again later, is refused (verifyWebhook).
 */
export const signWebhook = (secret: string, parts: WebhookRequestParts, now = Date.now()): Record<string, string> => {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = randomBytes(16).toString('base64url');
  return {
    [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
    [WEBHOOK_NONCE_HEADER]: nonce,
    [WEBHOOK_SIGNATURE_HEADER]: `${SIGNATURE_VERSION}=${digest(secret, timestamp, nonce, parts).toString('hex')}`,
  };
};

/** Why a request was refused (each answered with 401 and its message). */
export type WebhookRefusal = 'missing' | 'malformed' | 'wrong' | 'stale' | 'replayed';

export type WebhookVerdict = { ok: true; signature: string; timestamp: number } | { ok: false; reason: WebhookRefusal; message: string };

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Remembers the signatures accepted within the clock window, so that a captured request cannot
 * be sent again while its timestamp is still fresh. Only requests with a valid signature are
 * remembered, so only the secret's holder can fill it; it is bounded all the same (the oldest
 * entries go first), and a signature older than the window is refused by its timestamp anyway.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private readonly maxEntries: number;

  constructor(maxEntries = 100_000) {
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Records a signature until `expiresAt` (ms); false when it was already recorded. */
  claim(signature: string, expiresAt: number, now = Date.now()): boolean {
    // Insertion order is expiry order (give or take the skew), so expired entries are at the front.
    for (const [key, expiry] of this.seen) {
      if (expiry > now && this.seen.size < this.maxEntries) break;
      this.seen.delete(key);
    }
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, expiresAt);
    return true;
  }
}

/**
 * Checks a request's signature and time, and (with a guard) that it was not seen before. The
 * comparison is constant-time. A request more than `maxSkewSeconds` from `now`, either way, is
 * refused: a replay, or a clock that is off on one of the two machines.
 */
export const verifyWebhook = (
  secret: string,
  request: WebhookRequestParts & { headers: Record<string, string | string[] | undefined> },
  { now = Date.now(), maxSkewSeconds = WEBHOOK_MAX_SKEW_SECONDS, guard }: { now?: number; maxSkewSeconds?: number; guard?: ReplayGuard } = {},
): WebhookVerdict => {
  const timestamp = header(request.headers, WEBHOOK_TIMESTAMP_HEADER);
  const nonce = header(request.headers, WEBHOOK_NONCE_HEADER);
  const signature = header(request.headers, WEBHOOK_SIGNATURE_HEADER);
  const names = `${WEBHOOK_TIMESTAMP_HEADER}, ${WEBHOOK_NONCE_HEADER}, ${WEBHOOK_SIGNATURE_HEADER}`;
  if (timestamp === undefined || nonce === undefined || signature === undefined) {
    return { ok: false, reason: 'missing', message: `The request is not signed (headers ${names}).` };
  }
  const given = SIGNATURE.exec(signature)?.[1];
  if (!TIMESTAMP.test(timestamp) || !NONCE.test(nonce) || given === undefined) {
    return { ok: false, reason: 'malformed', message: `Malformed signature headers (${names}).` };
  }
  if (!secret || !timingSafeEqual(Buffer.from(given, 'hex'), digest(secret, timestamp, nonce, request))) {
    return { ok: false, reason: 'wrong', message: 'Wrong signature: the request was not signed with SITE_WEBHOOK_SECRET, or was altered.' };
  }
  const seconds = Number(timestamp);
  const skew = seconds - now / 1000;
  if (Math.abs(skew) > maxSkewSeconds) {
    return {
      ok: false,
      reason: 'stale',
      message: `The request was signed ${Math.round(Math.abs(skew))} s ${skew < 0 ? 'ago' : 'in the future'}, beyond the ${maxSkewSeconds} s allowed: a replayed request, or a clock that is wrong on the CMS's or the site's machine.`,
    };
  }
  if (guard && !guard.claim(given, (seconds + maxSkewSeconds) * 1000 + 1000, now)) {
    return { ok: false, reason: 'replayed', message: 'This signed request was already received: a replay is refused.' };
  }
  return { ok: true, signature: given, timestamp: seconds };
};

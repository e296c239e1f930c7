import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isSiteWebhookEvent, SITE_WEBHOOK_EVENTS, type SiteWebhookEvent } from '@malardalsradet/site-contract';
import type { ContentChange } from './rendererContract.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP error with the status to answer and a message for the caller. */
export class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Compares the secret a request carries with ours in constant time. Both are hashed first, so
 * that neither the comparison nor a length check tells an attacker anything.
 */
export const verifyWebhookSecret = (given: string | string[] | undefined, expected: string): boolean => {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

/** Reads a request body up to `limit` bytes; a larger one is refused with 413 without reading on. */
export const readBody = (request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, `The body is larger than ${limit} bytes.`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `The body is larger than ${limit} bytes.`));
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    // A client that goes away mid-body made a mistake, not the server.
    request.on('error', () => reject(new HttpError(400, 'The request body was cut off.')));
  });

/** What a webhook says: the event, and the document or file it concerns when it names one. */
export interface WebhookEvent {
  event: SiteWebhookEvent;
  /** Undefined when the body names no document (Strapi sometimes sends `"entry": null`). */
  change?: ContentChange;
}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;

/**
 * The event a webhook body names, and what it changed. Nothing in the body is trusted beyond
 * that: the site reads the document again from the CMS. Throws a 400 HttpError when the body is
 * not JSON or names an event the contract does not send (SITE_WEBHOOK_EVENTS).
 */
export const parseWebhookEvent = (body: Buffer): WebhookEvent => {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not JSON.');
  }
  const event = field(payload, 'event');
  if (!isSiteWebhookEvent(event)) {
    throw new HttpError(400, `The body names no known event (expected one of ${SITE_WEBHOOK_EVENTS.join(', ')}).`);
  }
  if (event.startsWith('media.')) {
    const fileDocumentId = field(field(payload, 'media'), 'documentId');
    return typeof fileDocumentId === 'string' && fileDocumentId !== '' ? { event, change: { fileDocumentId } } : { event };
  }
  const model = field(payload, 'model');
  const documentId = field(field(payload, 'entry'), 'documentId');
  if (typeof model === 'string' && typeof documentId === 'string' && documentId !== '') {
    return { event, change: { type: model, documentId } };
  }
  return { event };
};

import type { IncomingMessage } from 'node:http';
import {
  DOCUMENT_ID_MAX_LENGTH,
  isDocumentId,
  isSiteContentModel,
  isSiteWebhookEvent,
  SITE_CONTENT_MODELS,
  SITE_WEBHOOK_EVENTS,
  type SiteWebhookEvent,
} from '@malardalsradet/site-contract';
import type { ContentChange } from '../../renderer-contract/index.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP error with the status to answer and a message for the caller. */
export class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

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

/** A value quoted in an error message, cut short: the message must not echo a megabyte back. */
const quoted = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

const checkedDocumentId = (value: unknown, what: string): string => {
  if (!isDocumentId(value)) {
    throw new HttpError(
      400,
      `The ${what} documentId ${quoted(value)} is not a Strapi documentId (lower-case letters and digits, at most ${DOCUMENT_ID_MAX_LENGTH}).`,
    );
  }
  return value;
};

/**
 * The event a webhook body names, and what it changed. Nothing in the body is trusted beyond
 * that: the site reads the document again from the CMS. Throws a 400 HttpError when the body is
 * not JSON, names an event the contract does not send (SITE_WEBHOOK_EVENTS), an entry event for
 * a model the site does not show (SITE_CONTENT_MODELS), or an id that is not a documentId: such
 * a body is a mistake or a forgery, and must reach neither the queue nor the CMS.
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
    const media = field(payload, 'media');
    // Strapi names the file; a body without one asks for a full build, as `"entry": null` does.
    if (media === undefined || media === null) return { event };
    return { event, change: { fileDocumentId: checkedDocumentId(field(media, 'documentId'), "file's") } };
  }
  const model = field(payload, 'model');
  if (!isSiteContentModel(model)) {
    throw new HttpError(400, `The model ${quoted(model)} is not one the site shows (expected one of ${SITE_CONTENT_MODELS.join(', ')}).`);
  }
  const entry = field(payload, 'entry');
  // Strapi can send `"entry": null` (an entry.publish whose entry it could not read back).
  if (entry === undefined || entry === null) return { event };
  return { event, change: { type: model, documentId: checkedDocumentId(field(entry, 'documentId'), "entry's") } };
};

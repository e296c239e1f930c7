import { describe, expect, it } from 'vitest';
import { HttpError, parseWebhookEvent } from './webhook.ts';

// Strapi's documentIds: cuid2, 24 characters.
const DOC = 'abcdefghijklmnopqrstuvwx';
const FILE = 'filefilefilefilefilefile';

describe('parseWebhookEvent', () => {
  const parse = (payload: unknown) => parseWebhookEvent(Buffer.from(JSON.stringify(payload)));

  it('reads the event of a Strapi webhook and the document it names', () => {
    expect(parse({ event: 'entry.publish', model: 'plan', uid: 'api::plan.plan', entry: { documentId: DOC, locale: 'sv', title: 'x' } })).toEqual({
      event: 'entry.publish',
      change: { type: 'plan', documentId: DOC },
    });
    expect(parse({ event: 'media.update', media: { documentId: FILE, url: '/uploads/a.pdf' } })).toEqual({
      event: 'media.update',
      change: { fileDocumentId: FILE },
    });
  });

  it('names no change when the body names no document (Strapi can send "entry": null)', () => {
    expect(parse({ event: 'entry.publish', model: 'plan', entry: null })).toEqual({ event: 'entry.publish' });
    expect(parse({ event: 'entry.publish', model: 'plan' })).toEqual({ event: 'entry.publish' });
    expect(parse({ event: 'media.delete', media: null })).toEqual({ event: 'media.delete' });
  });

  it('refuses bodies that are not JSON or name no known event, with 400', () => {
    // entry.update and media.create are Strapi's, but change nothing public: the CMS never sends them.
    const invalid = [
      'nope',
      '[]',
      '{"event":"entry.explode"}',
      '{"model":"plan"}',
      '{"event":"entry.update"}',
      '{"event":"media.create"}',
      // A model the site does not show, or none; an id that is not a Strapi documentId.
      '{"event":"entry.publish"}',
      '{"event":"entry.publish","model":"user","entry":{"documentId":"abcdefghijklmnopqrstuvwx"}}',
      '{"event":"entry.publish","model":"__proto__","entry":null}',
      '{"event":"entry.publish","model":"organisation","entry":{"documentId":"x"}}',
      '{"event":"entry.delete","model":"plan","entry":{"documentId":42}}',
      '{"event":"entry.delete","model":"plan","entry":{}}',
      `{"event":"entry.publish","model":"plan","entry":{"documentId":"${'a'.repeat(100_000)}"}}`,
      '{"event":"media.update","media":{"documentId":"../../etc"}}',
    ];
    for (const body of invalid) {
      expect(() => parseWebhookEvent(Buffer.from(body))).toThrow(HttpError);
      try {
        parseWebhookEvent(Buffer.from(body));
      } catch (error) {
        expect((error as HttpError).status).toBe(400);
        expect((error as HttpError).message.length).toBeLessThan(300);
      }
    }
  });
});

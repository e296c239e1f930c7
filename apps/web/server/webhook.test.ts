import { describe, expect, it } from 'vitest';
import { HttpError, parseWebhookEvent, verifyWebhookSecret } from './webhook.ts';

describe('verifyWebhookSecret', () => {
  it('accepts only the exact secret', () => {
    expect(verifyWebhookSecret('s3cret-value-0123', 's3cret-value-0123')).toBe(true);
    expect(verifyWebhookSecret('s3cret-value-012', 's3cret-value-0123')).toBe(false);
    expect(verifyWebhookSecret('', 's3cret-value-0123')).toBe(false);
    expect(verifyWebhookSecret(undefined, 's3cret-value-0123')).toBe(false);
    expect(verifyWebhookSecret(['s3cret-value-0123'], 's3cret-value-0123')).toBe(false);
  });
});

describe('parseWebhookEvent', () => {
  const parse = (payload: unknown) => parseWebhookEvent(Buffer.from(JSON.stringify(payload)));

  it('reads the event of a Strapi webhook and the document it names', () => {
    expect(parse({ event: 'entry.publish', model: 'plan', uid: 'api::plan.plan', entry: { documentId: 'abc', locale: 'sv', title: 'x' } })).toEqual({
      event: 'entry.publish',
      change: { type: 'plan', documentId: 'abc' },
    });
    expect(parse({ event: 'media.update', media: { documentId: 'file1', url: '/uploads/a.pdf' } })).toEqual({
      event: 'media.update',
      change: { fileDocumentId: 'file1' },
    });
  });

  it('names no change when the body names no document (Strapi can send "entry": null)', () => {
    expect(parse({ event: 'entry.publish', model: 'plan', entry: null })).toEqual({ event: 'entry.publish' });
    expect(parse({ event: 'entry.publish', model: 'plan' })).toEqual({ event: 'entry.publish' });
    expect(parse({ event: 'entry.delete', model: 'plan', entry: { documentId: 42 } })).toEqual({ event: 'entry.delete' });
    expect(parse({ event: 'media.delete', media: null })).toEqual({ event: 'media.delete' });
  });

  it('refuses bodies that are not JSON or name no known event, with 400', () => {
    // entry.update and media.create are Strapi's, but change nothing public: the CMS never sends them.
    for (const body of ['nope', '[]', '{"event":"entry.explode"}', '{"model":"plan"}', '{"event":"entry.update"}', '{"event":"media.create"}']) {
      expect(() => parseWebhookEvent(Buffer.from(body))).toThrow(HttpError);
      try {
        parseWebhookEvent(Buffer.from(body));
      } catch (error) {
        expect((error as HttpError).status).toBe(400);
      }
    }
  });
});

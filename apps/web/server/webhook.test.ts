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
  it('reads the event of a Strapi webhook', () => {
    expect(parseWebhookEvent(Buffer.from(JSON.stringify({ event: 'entry.publish', model: 'plan' })))).toBe('entry.publish');
  });

  it('refuses bodies that are not JSON or name no known event, with 400', () => {
    for (const body of ['nope', '[]', '{"event":"entry.explode"}', '{"model":"plan"}']) {
      expect(() => parseWebhookEvent(Buffer.from(body))).toThrow(HttpError);
      try {
        parseWebhookEvent(Buffer.from(body));
      } catch (error) {
        expect((error as HttpError).status).toBe(400);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { readMediaUrl, readPreviewEnv, readSiteEnv, readSiteUrl } from './env';

describe('site environment', () => {
  it('reads the CMS address and token', () => {
    expect(readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337/', CMS_API_TOKEN: 'abc' })).toMatchObject({
      CMS_URL: 'http://127.0.0.1:1337',
      CMS_API_TOKEN: 'abc',
      CMS_TIMEOUT_MS: 10_000,
    });
    expect(readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'abc', CMS_TIMEOUT_MS: '2500' }).CMS_TIMEOUT_MS).toBe(2500);
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => readSiteEnv({ CMS_API_TOKEN: 'abc' })).toThrow(/CMS_URL is not set/);
    expect(() => readSiteEnv({ CMS_URL: 'nowhere', CMS_API_TOKEN: 'abc' })).toThrow(
      /CMS_URL must be an http\(s\) address such as https:\/\/cms.example.org, got "nowhere"/,
    );
    expect(() => readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337' })).toThrow(/CMS_API_TOKEN is not set/);
    expect(() => readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'change-me' })).toThrow(/CMS_API_TOKEN must be/);
    expect(() => readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'abc', CMS_TIMEOUT_MS: 'soon' })).toThrow(
      /CMS_TIMEOUT_MS must be a whole number of at least 100, got "soon"/,
    );
  });

  it('serves media from MEDIA_URL, or else from the CMS', () => {
    expect(readMediaUrl({})).toBeUndefined();
    expect(readMediaUrl({ CMS_URL: 'http://127.0.0.1:1337' })).toBe('http://127.0.0.1:1337');
    expect(readMediaUrl({ CMS_URL: 'http://127.0.0.1:1337', MEDIA_URL: 'https://media.example.org/' })).toBe('https://media.example.org');
    expect(readMediaUrl({ CMS_URL: 'http://127.0.0.1:1337', MEDIA_URL: '' })).toBe('http://127.0.0.1:1337');
  });

  it('names MEDIA_URL (or CMS_URL) when it is not an http(s) address', () => {
    expect(() => readMediaUrl({ CMS_URL: 'http://127.0.0.1:1337', MEDIA_URL: 'media.example.org' })).toThrow(
      /MEDIA_URL must be an http\(s\) address such as https:\/\/cms.example.org, got "media.example.org"/,
    );
    expect(() => readMediaUrl({ MEDIA_URL: 'javascript:alert(1)' })).toThrow(/MEDIA_URL must be an http\(s\) address/);
    expect(() => readMediaUrl({ CMS_URL: 'nowhere' })).toThrow(/CMS_URL must be an http\(s\) address/);
  });

  it('reads the preview settings, and names a bad one', () => {
    expect(readPreviewEnv({})).toEqual({ PREVIEW_SECRET: undefined, PREVIEW_MAX_AGE_SECONDS: 14_400, CMS_PUBLIC_URL: 'http://localhost:1337' });
    const secret = 'a-preview-secret-of-some-length';
    expect(readPreviewEnv({ PREVIEW_SECRET: secret, PREVIEW_MAX_AGE_SECONDS: '600', CMS_PUBLIC_URL: 'https://cms.example.org' })).toEqual({
      PREVIEW_SECRET: secret,
      PREVIEW_MAX_AGE_SECONDS: 600,
      CMS_PUBLIC_URL: 'https://cms.example.org',
    });
    expect(() => readPreviewEnv({ PREVIEW_MAX_AGE_SECONDS: '30' })).toThrow(
      /PREVIEW_MAX_AGE_SECONDS must be a whole number from 60 to 86400, got "30"/,
    );
    expect(() => readPreviewEnv({ CMS_PUBLIC_URL: 'cms.example.org' })).toThrow(/CMS_PUBLIC_URL must be an http\(s\) address/);
    expect(() => readPreviewEnv({ PREVIEW_SECRET: 'change-me' })).toThrow(/PREVIEW_SECRET must be a random value of at least 16 characters/);
  });

  it('reads the public address, by default the local one', () => {
    expect(readSiteUrl({})).toBe('http://localhost:4321');
    expect(readSiteUrl({ SITE_URL: 'https://www.example.org/' })).toBe('https://www.example.org');
    expect(() => readSiteUrl({ SITE_URL: 'www.example.org' })).toThrow(/SITE_URL must be an http\(s\) address/);
  });
});

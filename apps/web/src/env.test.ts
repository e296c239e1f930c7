import { describe, expect, it } from 'vitest';
import { readMediaUrl, readSiteEnv } from './env';

describe('site environment', () => {
  it('reads the CMS address and token', () => {
    expect(readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337/', CMS_API_TOKEN: 'abc' })).toEqual({
      cmsUrl: 'http://127.0.0.1:1337',
      cmsApiToken: 'abc',
      cmsTimeoutMs: 10_000,
    });
    expect(readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'abc', CMS_TIMEOUT_MS: '2500' }).cmsTimeoutMs).toBe(2500);
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => readSiteEnv({ CMS_API_TOKEN: 'abc' })).toThrow(/CMS_URL is not set/);
    expect(() => readSiteEnv({ CMS_URL: 'nowhere', CMS_API_TOKEN: 'abc' })).toThrow(/CMS_URL is not a URL: "nowhere"/);
    expect(() => readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337' })).toThrow(/CMS_API_TOKEN is not set/);
    expect(() => readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'change-me' })).toThrow(/CMS_API_TOKEN/);
    expect(() => readSiteEnv({ CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'abc', CMS_TIMEOUT_MS: 'soon' })).toThrow(
      /CMS_TIMEOUT_MS must be a whole number of milliseconds, at least 100; got "soon"/,
    );
  });

  it('serves media from MEDIA_URL, or else from the CMS', () => {
    expect(readMediaUrl({ CMS_URL: 'http://127.0.0.1:1337' })).toBe('http://127.0.0.1:1337');
    expect(readMediaUrl({ CMS_URL: 'http://127.0.0.1:1337', MEDIA_URL: 'https://media.example.org/' })).toBe('https://media.example.org');
  });

  it('names MEDIA_URL (or CMS_URL) when it is not an http(s) address', () => {
    expect(() => readMediaUrl({ CMS_URL: 'http://127.0.0.1:1337', MEDIA_URL: 'media.example.org' })).toThrow(
      /MEDIA_URL must be an http\(s\) address such as https:\/\/cms.example.org, got "media.example.org"/,
    );
    expect(() => readMediaUrl({ MEDIA_URL: 'javascript:alert(1)' })).toThrow(/MEDIA_URL must be an http\(s\) address/);
    expect(() => readMediaUrl({ CMS_URL: 'nowhere' })).toThrow(/CMS_URL must be an http\(s\) address/);
  });
});

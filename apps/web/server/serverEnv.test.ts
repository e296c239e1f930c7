import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerEnv, WEB_DIR } from './serverEnv.ts';

const VALID = { SITE_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length', CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'token' };

describe("the site server's environment", () => {
  it('reads the defaults, search limits and trusted proxies included', () => {
    const env = readServerEnv(VALID);
    expect(env.PORT).toBe(4321);
    expect(env.RELEASES_DIR).toBe(path.join(WEB_DIR, 'releases'));
    expect(env.SEARCH_PER_CLIENT_PER_MINUTE).toBe(60);
    expect(env.SEARCH_TOTAL_PER_SECOND).toBe(50);
    expect(env.TRUSTED_PROXIES).toEqual(['loopback']);
    expect(readServerEnv({ ...VALID, TRUSTED_PROXIES: '172.16.0.0/12, 10.0.0.1' }).TRUSTED_PROXIES).toEqual(['172.16.0.0/12', '10.0.0.1']);
  });

  it('reads the feedback settings: no token (messages wait), the outbox beside the releases, the limits', () => {
    const env = readServerEnv(VALID);
    expect(env.CMS_FEEDBACK_TOKEN).toBeUndefined();
    expect(env.FEEDBACK_OUTBOX_DIR).toBe(path.join(WEB_DIR, 'feedback-outbox'));
    expect([env.FEEDBACK_PER_CLIENT, env.FEEDBACK_WINDOW_SECONDS, env.FEEDBACK_RETENTION_MONTHS]).toEqual([5, 600, 12]);
    expect([env.FEEDBACK_RETRY_MIN_MS, env.FEEDBACK_RETRY_MAX_MS]).toEqual([5000, 300_000]);
    expect([env.FEEDBACK_TOTAL_PER_SECOND, env.FEEDBACK_OUTBOX_MAX_MESSAGES, env.FEEDBACK_OUTBOX_MAX_MB]).toEqual([20, 2000, 50]);
    expect(() => readServerEnv({ ...VALID, FEEDBACK_OUTBOX_MAX_MESSAGES: '0' })).toThrow(
      /FEEDBACK_OUTBOX_MAX_MESSAGES must be a whole number of at least 1/,
    );
    expect(readServerEnv({ ...VALID, FEEDBACK_OUTBOX_DIR: '/data/outbox', CMS_FEEDBACK_TOKEN: 'a-key' })).toMatchObject({
      FEEDBACK_OUTBOX_DIR: '/data/outbox',
      CMS_FEEDBACK_TOKEN: 'a-key',
    });
    // The .env.example placeholder is not a token; the message does not repeat it.
    expect(() => readServerEnv({ ...VALID, CMS_FEEDBACK_TOKEN: 'change-me' })).toThrow(/CMS_FEEDBACK_TOKEN must be the CMS's feedback token/);
    expect(() => readServerEnv({ ...VALID, FEEDBACK_RETENTION_MONTHS: '0' })).toThrow(
      /FEEDBACK_RETENTION_MONTHS must be a whole number of at least 1/,
    );
  });

  it('takes an empty variable as unset, as compose passes one', () => {
    const env = readServerEnv({ ...VALID, PORT: '', MEDIA_URL: '' });
    expect(env.PORT).toBe(4321);
    expect(env.MEDIA_URL).toBeUndefined();
  });

  it('stops with the name of the variable that is wrong, and what it expects', () => {
    expect(() => readServerEnv({ ...VALID, MEDIA_URL: 'cdn.example.org' })).toThrow(
      'MEDIA_URL must be an http(s) address such as https://cms.example.org, got "cdn.example.org"',
    );
    expect(() => readServerEnv({ ...VALID, TRUSTED_PROXIES: 'the proxy' })).toThrow(/TRUSTED_PROXIES must be addresses or subnets/);
    expect(() => readServerEnv({ ...VALID, SEARCH_PER_CLIENT_PER_MINUTE: 'many' })).toThrow(
      'SEARCH_PER_CLIENT_PER_MINUTE must be a whole number of at least 1, got "many"',
    );
    expect(() => readServerEnv({ ...VALID, PREVIEW_MAX_AGE_SECONDS: '604800' })).toThrow(
      'PREVIEW_MAX_AGE_SECONDS must be a whole number from 60 to 86400, got "604800"',
    );
  });

  it('names a missing or weak webhook secret without repeating it', () => {
    const { SITE_WEBHOOK_SECRET: _unset, ...withoutSecret } = VALID;
    expect(() => readServerEnv(withoutSecret)).toThrow(/SITE_WEBHOOK_SECRET is not set; it must be a random value of at least 16 characters/);
    const weak = () => readServerEnv({ ...VALID, SITE_WEBHOOK_SECRET: 'short' });
    expect(weak).toThrow(/SITE_WEBHOOK_SECRET must be a random value of at least 16 characters, the same as the CMS's SITE_WEBHOOK_SECRET$/m);
    expect(weak).not.toThrow(/short/);
    expect(() => readServerEnv({ ...VALID, SITE_WEBHOOK_SECRET: 'change-me' })).toThrow(/SITE_WEBHOOK_SECRET must be/);
  });

  it("checks the site's own variables too, so that a server that could never render does not start", () => {
    expect(() => readServerEnv({ ...VALID, CMS_URL: undefined })).toThrow(/CMS_URL is not set/);
    expect(() => readServerEnv({ ...VALID, CMS_API_TOKEN: 'change-me' })).toThrow(/CMS_API_TOKEN must be the site's API token/);
  });

  it('lists every variable at fault in one message', () => {
    let message = '';
    try {
      readServerEnv({ CMS_URL: 'nowhere', PORT: '-1', TRUSTED_PROXIES: 'the proxy' });
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message.split('\n')).toEqual([
      'the environment is wrong (see apps/web/.env.example):',
      '  CMS_URL must be an http(s) address such as https://cms.example.org, got "nowhere"',
      "  CMS_API_TOKEN is not set; it must be the site's API token from the admin (Settings → API Tokens)",
      '  PORT must be a whole number of at least 0, got "-1"',
      "  SITE_WEBHOOK_SECRET is not set; it must be a random value of at least 16 characters, the same as the CMS's SITE_WEBHOOK_SECRET",
      '  TRUSTED_PROXIES must be addresses or subnets (like 172.16.0.0/12) or the names loopback, linklocal, uniquelocal, separated by commas, got "the proxy"',
    ]);
  });
});

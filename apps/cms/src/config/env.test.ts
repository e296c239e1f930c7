import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_SECRETS, readCmsEnv } from './env';

const random = () => randomBytes(24).toString('base64');
const goodProductionEnv = (): NodeJS.ProcessEnv => ({
  NODE_ENV: 'production',
  ...Object.fromEntries(PRODUCTION_SECRETS.map((name) => [name, random()])),
  APP_KEYS: `${random()},${random()}`,
});

/** The lines of the message readCmsEnv throws for env. */
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    readCmsEnv(env);
  } catch (error) {
    return (error instanceof Error ? error.message : '')
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
  }
  return [];
};

describe("the CMS's environment", () => {
  it('reads the defaults, as development has them', () => {
    const env = readCmsEnv({});
    expect(env).toMatchObject({ HOST: '127.0.0.1', PORT: 1337, DATABASE_CLIENT: 'sqlite', SERVE_ADMIN_PANEL: true, isDevelopment: true });
    expect(env.CORS_ORIGINS).toEqual(['http://localhost:4321', 'http://localhost:1337']);
    expect(env.CMS_SEED_ON_START).toBe(true);
    expect(env.CMS_DEV_ACCESS).toBe(true);
  });

  it('seeds and makes development accounts in development only, unless told otherwise', () => {
    expect(readCmsEnv({ NODE_ENV: 'test' })).toMatchObject({ CMS_SEED_ON_START: false, CMS_DEV_ACCESS: false });
    expect(readCmsEnv({ NODE_ENV: 'test', CMS_SEED_ON_START: 'true' }).CMS_SEED_ON_START).toBe(true);
    expect(readCmsEnv({ CMS_DEV_ACCESS: 'false' }).CMS_DEV_ACCESS).toBe(false);
  });

  it('parses lists, numbers and flags, and takes an empty variable as unset', () => {
    const env = readCmsEnv({ APP_KEYS: 'a, b', PORT: '1400', DATABASE_SSL: 'true', SITE_WEBHOOK_URL: '', CORS_ORIGINS: '' });
    expect(env).toMatchObject({ APP_KEYS: ['a', 'b'], PORT: 1400, DATABASE_SSL: true });
    expect(env.SITE_WEBHOOK_URL).toBeUndefined();
    expect(env.CORS_ORIGINS).toHaveLength(2);
  });

  it("reads TRUSTED_PROXIES as the site server does, the site's loopback included", () => {
    const proxies = readCmsEnv({ TRUSTED_PROXIES: 'loopback, 172.16.0.0/12' }).TRUSTED_PROXIES;
    expect(proxies.trusts('127.0.0.1')).toBe(true);
    expect(proxies.trusts('172.18.0.2')).toBe(true);
    expect(proxies.trusts('192.168.1.1')).toBe(false);
    expect(readCmsEnv({}).TRUSTED_PROXIES.trusts('127.0.0.1')).toBe(false);
  });

  it('names every malformed variable and what it expects, in one message', () => {
    expect(
      problemsOf({ PORT: 'http', DATABASE_CLIENT: 'mysql', CMS_SEED_ON_START: 'yes', SITE_WEBHOOK_URL: 'site:4321', TRUSTED_PROXIES: 'proxy' }),
    ).toEqual([
      'PORT must be a whole number of at least 0, got "http"',
      'TRUSTED_PROXIES must be addresses or subnets (like 172.16.0.0/12) or the names loopback, linklocal, uniquelocal, separated by commas, got "proxy"',
      'DATABASE_CLIENT must be "sqlite" or "postgres", got "mysql"',
      'SITE_WEBHOOK_URL must be an http(s) address such as https://cms.example.org, got "site:4321"',
      'CMS_SEED_ON_START must be "true" or "false", got "yes"',
    ]);
    expect(() => readCmsEnv({ PORT: 'http' })).toThrow(/^the environment is wrong \(see apps\/cms\/.env.example\):\n/);
  });

  it('lets production start with long random secrets', () => {
    expect(() => readCmsEnv(goodProductionEnv())).not.toThrow();
    expect(readCmsEnv(goodProductionEnv()).isProduction).toBe(true);
  });

  it('names every missing, placeholder or short secret in production, without repeating their values', () => {
    const problems = problemsOf({
      ...goodProductionEnv(),
      JWT_SECRET: undefined,
      APP_KEYS: 'change-me-1,change-me-2',
      SITE_WEBHOOK_SECRET: 'tiny-value',
      PORT: 'x',
    });
    expect(problems.map((problem) => problem.replace(/;.*/, ''))).toEqual([
      'PORT must be a whole number of at least 0, got "x"',
      'APP_KEYS is still a placeholder',
      'JWT_SECRET is not set',
      'SITE_WEBHOOK_SECRET is shorter than 16 characters',
    ]);
    expect(problems[1]).toMatch(/production needs a long random value, each its own \(`openssl rand -base64 32`\)$/);
    expect(problems.join('\n')).not.toMatch(/change-me|tiny-value/);
    expect(problemsOf({ ...goodProductionEnv(), ENCRYPTION_KEY: 'tobemodified' })).toEqual([
      expect.stringMatching(/^ENCRYPTION_KEY is still a placeholder/),
    ]);
  });

  it('checks a site token key given in production like the other secrets, and none when left to the admin', () => {
    expect(problemsOf({ ...goodProductionEnv(), CMS_API_TOKEN: 'change-me' })).toEqual([
      expect.stringMatching(/^CMS_API_TOKEN is still a placeholder/),
    ]);
    expect(readCmsEnv({ ...goodProductionEnv(), CMS_API_TOKEN: random() }).CMS_API_TOKEN).toBeDefined();
    expect(readCmsEnv(goodProductionEnv()).CMS_API_TOKEN).toBeUndefined();
    expect(problemsOf({ ...goodProductionEnv(), CMS_FEEDBACK_TOKEN: 'too-short' })).toEqual([
      expect.stringMatching(/^CMS_FEEDBACK_TOKEN is shorter than 16/),
    ]);
    expect(readCmsEnv({ ...goodProductionEnv(), CMS_FEEDBACK_TOKEN: random() }).CMS_FEEDBACK_TOKEN).toBeDefined();
  });

  it('keeps feedback 12 months unless told otherwise, in whole months of at least one', () => {
    expect(readCmsEnv({}).FEEDBACK_RETENTION_MONTHS).toBe(12);
    expect(readCmsEnv({ FEEDBACK_RETENTION_MONTHS: '6' }).FEEDBACK_RETENTION_MONTHS).toBe(6);
    for (const wrong of ['0', '1.5', 'a year', '-3']) {
      expect(problemsOf({ FEEDBACK_RETENTION_MONTHS: wrong })).toEqual([
        `FEEDBACK_RETENTION_MONTHS must be a whole number of at least 1, got "${wrong}"`,
      ]);
    }
  });

  it('limits uploads, images and the wait for headers, each tunable', () => {
    expect(readCmsEnv({})).toMatchObject({
      UPLOAD_MAX_FILE_SIZE: 50 * 1024 * 1024,
      UPLOAD_MAX_IMAGE_PIXELS: 40_000_000,
      HEADERS_TIMEOUT_SECONDS: 10,
    });
    expect(readCmsEnv({ UPLOAD_MAX_IMAGE_PIXELS: '24000000', HEADERS_TIMEOUT_SECONDS: '15' })).toMatchObject({
      UPLOAD_MAX_IMAGE_PIXELS: 24_000_000,
      HEADERS_TIMEOUT_SECONDS: 15,
    });
    // Node refuses a headers timeout longer than the request's, so the CMS says so at start.
    for (const wrong of ['0', '61', '300', '2.5', 'ten']) {
      expect(problemsOf({ HEADERS_TIMEOUT_SECONDS: wrong })).toEqual([
        `HEADERS_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 60, got "${wrong}"`,
      ]);
    }
  });

  it('leaves the secrets out when asked (the admin build, which has none)', () => {
    expect(() => readCmsEnv({ NODE_ENV: 'production' }, { secrets: false })).not.toThrow();
    expect(() => readCmsEnv({ NODE_ENV: 'production', PORT: 'x' }, { secrets: false })).toThrow(/PORT must be/);
  });

  it('leaves secrets to Strapi outside production (development makes its own)', () => {
    expect(() => readCmsEnv({ NODE_ENV: 'development' })).not.toThrow();
  });
});

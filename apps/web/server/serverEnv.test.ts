import { describe, expect, it } from 'vitest';
import { readServerEnv } from './serverEnv.ts';

const VALID = { WEBHOOK_SECRET: 'a-webhook-secret-of-some-length', CMS_URL: 'http://127.0.0.1:1337', CMS_API_TOKEN: 'token' };

describe("the site server's environment", () => {
  it('reads the defaults, search limits and trusted proxies included', () => {
    const env = readServerEnv(VALID);
    expect(env.port).toBe(4321);
    expect(env.searchPerClientPerMinute).toBe(60);
    expect(env.searchTotalPerSecond).toBe(50);
    expect(env.trustedProxies).toEqual(['loopback']);
    expect(readServerEnv({ ...VALID, TRUSTED_PROXIES: '172.16.0.0/12, 10.0.0.1' }).trustedProxies).toEqual(['172.16.0.0/12', '10.0.0.1']);
  });

  it('stops with the name of the variable that is wrong', () => {
    expect(() => readServerEnv({ ...VALID, MEDIA_URL: 'cdn.example.org' })).toThrow(/MEDIA_URL must be an http\(s\) address/);
    expect(() => readServerEnv({ ...VALID, TRUSTED_PROXIES: 'the proxy' })).toThrow(/TRUSTED_PROXIES must list addresses or subnets/);
    expect(() => readServerEnv({ ...VALID, SEARCH_PER_CLIENT_PER_MINUTE: 'many' })).toThrow(/SEARCH_PER_CLIENT_PER_MINUTE must be a whole number/);
    expect(() => readServerEnv({ ...VALID, WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET/);
  });
});

import { describe, expect, it } from 'vitest';
import { isTrustedProxy, parseTrustedProxies } from './trustedProxies';

describe('trusted proxies', () => {
  it('trusts the listed addresses and subnets only, IPv4 peers in IPv6 form included', () => {
    const list = parseTrustedProxies(' 10.0.0.5, 172.16.0.0/12 ,::1');
    expect(isTrustedProxy(list, '10.0.0.5')).toBe(true);
    expect(isTrustedProxy(list, '::ffff:10.0.0.5')).toBe(true);
    expect(isTrustedProxy(list, '172.18.0.1')).toBe(true);
    expect(isTrustedProxy(list, '::1')).toBe(true);
    expect(isTrustedProxy(list, '10.0.0.6')).toBe(false);
    expect(isTrustedProxy(list, '127.0.0.1')).toBe(false);
    expect(isTrustedProxy(list, undefined)).toBe(false);
    expect(isTrustedProxy(parseTrustedProxies(''), '127.0.0.1')).toBe(false);
  });

  it('names what it cannot read', () => {
    expect(() => parseTrustedProxies('10.0.0.5, proxy.example.org')).toThrow('TRUSTED_PROXIES: "proxy.example.org" is not an address or a subnet');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/"10\.0\.0\.0\/33"/);
  });
});

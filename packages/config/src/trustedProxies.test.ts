import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, trustedProxiesVariable } from './trustedProxies.ts';

describe('trusted proxies', () => {
  it('trusts the listed addresses and subnets only, IPv4 peers in IPv6 form included', () => {
    const list = parseTrustedProxies(' 10.0.0.5, 172.16.0.0/12 ,::1');
    expect(list.entries).toEqual(['10.0.0.5', '172.16.0.0/12', '::1']);
    expect(list.trusts('10.0.0.5')).toBe(true);
    expect(list.trusts('::ffff:10.0.0.5')).toBe(true);
    expect(list.trusts('172.18.0.1')).toBe(true);
    expect(list.trusts('::1')).toBe(true);
    expect(list.trusts('10.0.0.6')).toBe(false);
    expect(list.trusts('127.0.0.1')).toBe(false);
    expect(list.trusts(undefined)).toBe(false);
    expect(list.trusts('not an address')).toBe(false);
    expect(parseTrustedProxies('').trusts('127.0.0.1')).toBe(false);
  });

  it("takes proxy-addr's names for the private ranges, as apps/web/.env.example's loopback", () => {
    const loopback = parseTrustedProxies('loopback');
    expect(loopback.trusts('127.0.0.1')).toBe(true);
    expect(loopback.trusts('::ffff:127.0.0.1')).toBe(true);
    expect(loopback.trusts('::1')).toBe(true);
    expect(loopback.trusts('10.0.0.1')).toBe(false);
    const local = parseTrustedProxies('uniquelocal, linklocal');
    expect(['10.1.2.3', '172.20.0.1', '192.168.1.1', 'fd00::1', '169.254.1.1', 'fe80::1'].every((address) => local.trusts(address))).toBe(true);
    expect(local.trusts('8.8.8.8')).toBe(false);
  });

  it('names what it cannot read', () => {
    expect(() => parseTrustedProxies('10.0.0.5, proxy.example.org')).toThrow('TRUSTED_PROXIES: "proxy.example.org" is not an address or a subnet');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/"10\.0\.0\.0\/33"/);
    // proxy-addr would take these; one syntax means the CMS and the site refuse them alike.
    expect(() => parseTrustedProxies('10.0.0.0/255.0.0.0')).toThrow(/"10\.0\.0\.0\/255\.0\.0\.0"/);
    expect(() => parseTrustedProxies('10.1')).toThrow(/"10\.1"/);
    expect(() => parseTrustedProxies('Loopback')).toThrow(/"Loopback"/);
  });

  it('is a variable that refuses an empty list and says what it takes', () => {
    expect(trustedProxiesVariable().parse('loopback, 10.0.0.1').entries).toEqual(['loopback', '10.0.0.1']);
    const result = trustedProxiesVariable().safeParse(' , ');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'must be addresses or subnets (like 172.16.0.0/12) or the names loopback, linklocal, uniquelocal, separated by commas, got " , "',
    );
  });
});

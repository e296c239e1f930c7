import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/** Which proxies may name the client (proxy-addr syntax: 'loopback', '172.16.0.0/12'). */
export type ProxyTrust = ReturnType<typeof proxyaddr.compile>;

/** Compiles TRUSTED_PROXIES once. */
export const trustProxies = (trustedProxies: string[]): ProxyTrust => proxyaddr.compile(trustedProxies);

/**
 * The reader, as far as the address can be trusted: taken from X-Forwarded-For only when the
 * request came from a trusted proxy (as the CMS does), so that nobody picks their own address;
 * an IPv4 address, or an IPv6 /64 (one household or server gets a whole /64, and could
 * otherwise take a new address per request). Used for rate limits in memory only: never logged
 * or kept.
 */
export const clientOf = (request: IncomingMessage, trust: ProxyTrust): string => {
  const address = proxyaddr(request, trust);
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  return parsed.kind() === 'ipv6' ? `${(parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4).join(':')}::/64` : parsed.toString();
};

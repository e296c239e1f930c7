import type { IncomingMessage } from 'node:http';
import { parseTrustedProxies } from '@malardalsradet/config';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/** Which proxies may name the client: TRUSTED_PROXIES, parsed as the CMS parses it (@malardalsradet/config). */
export type ProxyTrust = (address: string) => boolean;

/** Compiles TRUSTED_PROXIES' entries once. */
export const trustProxies = (trustedProxies: readonly string[]): ProxyTrust => {
  const proxies = parseTrustedProxies(trustedProxies.join(','));
  return (address) => proxies.trusts(address);
};

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

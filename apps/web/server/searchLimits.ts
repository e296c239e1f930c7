import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * How much search work one reader, and everyone together, may ask of the server: search is the
 * one page rendered on demand for the public, so it must not become a way to load the server.
 * The reader is the client address, taken from X-Forwarded-For only when the request came from a
 * trusted proxy (TRUSTED_PROXIES), as the CMS does, so that nobody picks their own address.
 */
export interface SearchLimitOptions {
  /** Searches per client per minute. */
  perClientPerMinute: number;
  /** Searches per second, all clients together. */
  totalPerSecond: number;
  /** Addresses or subnets of the proxies in front (proxy-addr syntax: 'loopback', '172.16.0.0/12'). */
  trustedProxies: string[];
}

export type SearchAdmission = { ok: true } | { ok: false; retryAfterSeconds: number; reason: 'client' | 'total' };

export class SearchLimits {
  private readonly perClient: RateLimiterMemory;
  private readonly total: RateLimiterMemory;
  private readonly trust: ReturnType<typeof proxyaddr.compile>;

  constructor(options: SearchLimitOptions) {
    this.perClient = new RateLimiterMemory({ points: options.perClientPerMinute, duration: 60 });
    this.total = new RateLimiterMemory({ points: options.totalPerSecond, duration: 1 });
    this.trust = proxyaddr.compile(options.trustedProxies);
  }

  /**
   * The reader, as far as the address can be trusted: an IPv4 address, or an IPv6 /64 (one
   * household or server gets a whole /64, and could otherwise take a new address per search).
   */
  clientOf(request: IncomingMessage): string {
    const address = proxyaddr(request, this.trust);
    if (!ipaddr.isValid(address)) return address;
    const parsed = ipaddr.process(address);
    return parsed.kind() === 'ipv6' ? `${(parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4).join(':')}::/64` : parsed.toString();
  }

  /** Takes one search from the reader's and the server's allowance, or says how long to wait. */
  async admit(request: IncomingMessage): Promise<SearchAdmission> {
    try {
      await this.perClient.consume(this.clientOf(request));
    } catch (refusal) {
      return { ok: false, reason: 'client', retryAfterSeconds: retryAfter(refusal) };
    }
    try {
      await this.total.consume('all');
    } catch (refusal) {
      return { ok: false, reason: 'total', retryAfterSeconds: retryAfter(refusal) };
    }
    return { ok: true };
  }
}

const retryAfter = (refusal: unknown): number => {
  if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  throw refusal;
};

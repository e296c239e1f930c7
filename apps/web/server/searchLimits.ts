import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientOf, trustProxies, type ProxyTrust } from './clientAddress.ts';

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
  private readonly trust: ProxyTrust;

  constructor(options: SearchLimitOptions) {
    this.perClient = new RateLimiterMemory({ points: options.perClientPerMinute, duration: 60 });
    this.total = new RateLimiterMemory({ points: options.totalPerSecond, duration: 1 });
    this.trust = trustProxies(options.trustedProxies);
  }

  /** The reader (server/clientAddress.ts). */
  clientOf(request: IncomingMessage): string {
    return clientOf(request, this.trust);
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

/** The seconds a refusal of rate-limiter-flexible asks to wait (at least 1); rethrows anything else. */
export const retryAfter = (refusal: unknown): number => {
  if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  throw refusal;
};

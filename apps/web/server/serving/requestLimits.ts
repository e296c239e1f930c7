import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientOf, trustProxies, type ProxyTrust } from './clientAddress.ts';

/**
 * How much on-demand work one reader, and everyone together, may ask of the server: search and
 * the feedback form are the pages rendered on demand for the public, so they must not become a
 * way to load the server. The reader is the client address, taken from X-Forwarded-For only when
 * the request came from a trusted proxy (TRUSTED_PROXIES), as the CMS does, so that nobody picks
 * their own address.
 */
export interface RequestLimitOptions {
  /**
   * Requests one client may make per `seconds`, and at most `perSecond` of them in one second;
   * none when only the total counts. The second's share is what keeps one client from using
   * the whole of `totalPerSecond` (and so closing the form for everyone) in a burst.
   */
  perClient?: { requests: number; seconds: number; perSecond?: number };
  /** Requests per second, all clients together; none when only each client counts. */
  totalPerSecond?: number;
  /** Addresses or subnets of the proxies in front (proxy-addr syntax: 'loopback', '172.16.0.0/12'). */
  trustedProxies: string[];
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number; reason: 'client' | 'total' };

/** A per-client and a server-wide allowance (rate-limiter-flexible, in memory). */
export class RequestLimits {
  private readonly perClient: RateLimiterMemory | undefined;
  private readonly perClientSecond: RateLimiterMemory | undefined;
  private readonly total: RateLimiterMemory | undefined;
  private readonly trust: ProxyTrust;

  constructor(options: RequestLimitOptions) {
    const { perClient, totalPerSecond } = options;
    this.perClient = perClient && new RateLimiterMemory({ points: perClient.requests, duration: perClient.seconds });
    this.perClientSecond = perClient?.perSecond === undefined ? undefined : new RateLimiterMemory({ points: perClient.perSecond, duration: 1 });
    this.total = totalPerSecond === undefined ? undefined : new RateLimiterMemory({ points: totalPerSecond, duration: 1 });
    this.trust = trustProxies(options.trustedProxies);
  }

  /** The reader (clientAddress.ts). */
  clientOf(request: IncomingMessage): string {
    return clientOf(request, this.trust);
  }

  /** Takes one request from the reader's and the server's allowance, or says how long to wait. */
  async admit(request: IncomingMessage): Promise<Admission> {
    const client = this.perClient ? this.clientOf(request) : '';
    try {
      await this.perClientSecond?.consume(client);
      await this.perClient?.consume(client);
    } catch (refusal) {
      return { ok: false, reason: 'client', retryAfterSeconds: retryAfter(refusal) };
    }
    try {
      await this.total?.consume('all');
    } catch (refusal) {
      return { ok: false, reason: 'total', retryAfterSeconds: retryAfter(refusal) };
    }
    return { ok: true };
  }

  /** Gives the reader back a request that the server, not the reader, failed to serve. */
  async giveBack(request: IncomingMessage): Promise<void> {
    await this.perClient?.reward(this.clientOf(request));
  }
}

/** The seconds a refusal of rate-limiter-flexible asks to wait (at least 1); rethrows anything else. */
const retryAfter = (refusal: unknown): number => {
  if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  throw refusal;
};

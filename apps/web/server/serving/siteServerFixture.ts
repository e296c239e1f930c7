import { RebuildQueue } from '../publishing/rebuildQueue.ts';
import type { LiveRelease } from '../publishing/liveRelease.ts';
import { RequestLimits } from './requestLimits.ts';
import { SiteServer, type SiteServerOptions } from './siteServer.ts';

/** Limits that let nothing through (a door the test does not use). */
export const noRequests = (): RequestLimits => new RequestLimits({ perClient: { requests: 0, seconds: 60 }, trustedProxies: [] });

/** Limits no test reaches. */
export const manyRequests = (): RequestLimits => new RequestLimits({ perClient: { requests: 1000, seconds: 60 }, trustedProxies: [] });

/**
 * A site server for the server's own tests: it serves `live` and makes no builds (a webhook is
 * queued, never run), with no door open that the test does not open in `options`. The tests of
 * the serving code and of the front door in front of it share this one.
 */
export const siteServerWithoutBuilds = (live: LiveRelease, options: Partial<SiteServerOptions> = {}): SiteServer =>
  new SiteServer({
    live,
    queue: new RebuildQueue(() => Promise.reject(new Error('no builds here')), {
      quietMs: 60_000,
      maxWaitMs: 60_000,
      changeQuietMs: 60_000,
      deadlineMs: 60_000,
      burstSize: 1000,
      fullAfterBurstMs: 60_000,
    }),
    webhookSecret: 'a-secret-of-at-least-16-characters',
    securityHeaders: [],
    previewTimeoutMs: 1000,
    searchLimits: noRequests(),
    feedback: {
      receive: () => Promise.reject(new Error('no feedback is taken here')),
      outboxState: () => ({ waiting: 0, setAside: 0, full: false }),
    },
    feedbackLimits: noRequests(),
    feedbackPostLimits: noRequests(),
    thanksLimits: noRequests(),
    previewLimits: noRequests(),
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    log: () => {},
    ...options,
  });

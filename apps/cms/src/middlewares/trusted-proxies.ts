import type { IncomingMessage } from 'node:http';
import { FORWARDED_HEADERS } from '../access/trustedProxies';
import { cmsEnv } from '../config/env';

/**
 * Runs first: forwarded headers from anyone but a trusted proxy (TRUSTED_PROXIES) are dropped,
 * so that Koa (config/server.ts: proxy, one hop) takes the client's address and protocol from
 * the proxy alone. Without this, a client talking to the CMS directly could pick its address
 * with X-Forwarded-For and slip past the admin login throttle, which counts per e-mail and address.
 */
export default () => {
  const trusted = cmsEnv().TRUSTED_PROXIES;
  return async (ctx: { req: IncomingMessage }, next: () => Promise<void>) => {
    if (!trusted.trusts(ctx.req.socket.remoteAddress)) {
      for (const header of FORWARDED_HEADERS) delete ctx.req.headers[header];
    }
    await next();
  };
};

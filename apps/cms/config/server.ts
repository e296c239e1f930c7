import { cmsEnv } from '../src/config/env';

export default () => {
  const env = cmsEnv();
  return {
    host: env.HOST,
    port: env.PORT,
    url: env.CMS_PUBLIC_URL ?? '',
    // Behind the TLS proxy: Koa takes the client's address (the last X-Forwarded-For hop, the one
    // the proxy added) and protocol from the proxy, and src/middlewares/trusted-proxies.ts drops
    // those headers from anyone but the proxies in TRUSTED_PROXIES. So the login throttle counts
    // per real client, and the admin's cookies are Secure when the public address is https.
    proxy: { koa: true, maxIpsCount: 1 },
    app: {
      keys: env.APP_KEYS,
    },
    http: {
      // Node's own defaults held a client that sends its headers slowly (or half a request line)
      // for 60 s, checked every 30 s: about 70 s per connection, so a few hundred slow sockets
      // held the CMS. Headers arrive in milliseconds from a browser or the TLS proxy; a client that
      // has not sent them in HEADERS_TIMEOUT_SECONDS (10) gets 408 and is closed, checked every
      // second. The whole request may take 5 minutes: an editor's 50 MB upload on a slow line.
      serverOptions: {
        headersTimeout: env.HEADERS_TIMEOUT_SECONDS * 1000,
        requestTimeout: 300_000,
        connectionsCheckingInterval: 1000,
      },
    },
    dirs: {
      // Uploads go to <public>/uploads; tests give each scratch CMS a folder of its own.
      public: env.PUBLIC_DIR,
    },
    webhooks: {
      // The site fetches what it needs over GraphQL; relation payloads only make webhooks heavier.
      populateRelations: false,
    },
  };
};

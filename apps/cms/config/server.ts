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

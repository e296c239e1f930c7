import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../src/config/productionSecrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  // The first configuration Strapi reads: an unsafe production setup stops here, with the reason.
  assertProductionSecrets();
  return {
    host: env('HOST', '127.0.0.1'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    // Behind the TLS proxy: Koa takes the client's address (the last X-Forwarded-For hop, the one
    // the proxy added) and protocol from the proxy, and src/middlewares/trusted-proxies.ts drops
    // those headers from anyone but the proxies in TRUSTED_PROXIES. So the login throttle counts
    // per real client, and the admin's cookies are Secure when the public address is https.
    proxy: { koa: true, maxIpsCount: 1 },
    app: {
      keys: env.array('APP_KEYS'),
    },
    dirs: {
      // Uploads go to <public>/uploads; tests give each scratch CMS a folder of its own.
      public: env('PUBLIC_DIR', './public'),
    },
    webhooks: {
      // The site fetches what it needs over GraphQL; relation payloads only make webhooks heavier.
      populateRelations: false,
    },
  };
};

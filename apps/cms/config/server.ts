import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../src/config/productionSecrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  // The first configuration Strapi reads: an unsafe production setup stops here, with the reason.
  assertProductionSecrets();
  return {
    host: env('HOST', '127.0.0.1'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
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

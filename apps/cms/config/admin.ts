import { createPreviewUrl, type PreviewStatus } from '@malardalsradet/site-contract';
import { cmsEnv } from '../src/config/env';
import { EDITOR_GUIDE_PATH } from '../src/editorGuide/route';

export default () => {
  const env = cmsEnv();
  return {
    // Tests and tooling run the CMS without the admin UI, which saves building it.
    serveAdminPanel: env.SERVE_ADMIN_PANEL,
    auth: {
      secret: env.ADMIN_JWT_SECRET,
    },
    apiToken: {
      salt: env.API_TOKEN_SALT,
    },
    transfer: {
      token: {
        salt: env.TRANSFER_TOKEN_SALT,
      },
    },
    secrets: {
      encryptionKey: env.ENCRYPTION_KEY,
    },
    // Strapi's Preview: the admin shows the site's own rendering of a draft, through a signed,
    // short-lived URL to the site's on-demand preview route.
    preview: {
      enabled: Boolean(env.SITE_URL && env.PREVIEW_SECRET),
      config: {
        allowedOrigins: [env.SITE_URL ?? 'http://localhost:4321'],
        handler: (uid: string, params: { documentId: string; locale?: string; status?: PreviewStatus }) =>
          createPreviewUrl({ uid, ...params }, { siteUrl: env.SITE_URL ?? '', secret: env.PREVIEW_SECRET ?? '' }),
      },
    },
    flags: {
      nps: false,
      promoteEE: false,
      // "Läs mer i dokumentationen" leads to the editors' guide, not Strapi's developer docs
      // (our patch of @strapi/admin's HeaderLayout reads this).
      editorGuideUrl: env.EDITOR_GUIDE_URL ?? EDITOR_GUIDE_PATH,
    },
  };
};

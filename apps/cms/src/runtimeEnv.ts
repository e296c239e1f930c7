/**
 * The CMS's own environment variables (Strapi's are read in config/ with its `env` helper),
 * parsed in one place. Development is any NODE_ENV other than production and test.
 */
const flag = (name: string, fallback: boolean): boolean => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${name} must be "true" or "false", got "${value}"`);
};

export const readRuntimeEnv = () => {
  const isDevelopment = process.env.NODE_ENV !== 'production' && process.env.NODE_ENV !== 'test';
  return {
    isDevelopment,
    /** Seed once per database at start (development default). */
    seedOnStart: flag('CMS_SEED_ON_START', isDevelopment),
    /** Create the development accounts (development only; off for tooling). */
    devAccess: isDevelopment && flag('CMS_DEV_ACCESS', true),
    /** Development: the developers' administrator (Super Admin). */
    adminEmail: process.env.CMS_ADMIN_EMAIL || undefined,
    adminPassword: process.env.CMS_ADMIN_PASSWORD || undefined,
    /** Development: the editor's login (role "Redaktör"), the one the README gives. */
    editorEmail: process.env.CMS_EDITOR_EMAIL || undefined,
    editorPassword: process.env.CMS_EDITOR_PASSWORD || undefined,
    /** The site server's publish webhook, and the secret it expects. */
    siteWebhookUrl: process.env.SITE_WEBHOOK_URL || undefined,
    siteWebhookSecret: process.env.SITE_WEBHOOK_SECRET || undefined,
    /** Signs preview links; the site checks them with the same secret. */
    previewSecret: process.env.PREVIEW_SECRET || undefined,
    /** Where the site server reports its status; by default beside the webhook URL. */
    siteStatusUrl: process.env.SITE_STATUS_URL || undefined,
  };
};

export type RuntimeEnv = ReturnType<typeof readRuntimeEnv>;

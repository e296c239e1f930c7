import path from 'path';
import type { Core } from '@strapi/strapi';
import type { RuntimeEnv } from '../runtimeEnv';
import { readEnvFile, updateEnvFile } from './envFile';
import { SITE_TOKEN_DESCRIPTION, SITE_TOKEN_PERMISSIONS } from '../access/siteToken';

export const SITE_TOKEN_NAME = 'Webbplatsen (läsbehörighet)';

/**
 * Development only: the admin user from CMS_ADMIN_EMAIL / CMS_ADMIN_PASSWORD, created when no
 * admin exists yet. Production admins register through the admin's own first-run screen.
 */
export const ensureDevAdmin = async (
  strapi: Core.Strapi,
  { adminEmail: email, adminPassword: password }: RuntimeEnv,
): Promise<void> => {
  if (!email || !password) {
    strapi.log.warn('CMS_ADMIN_EMAIL / CMS_ADMIN_PASSWORD not set: no development admin created.');
    return;
  }
  const users = strapi.service('admin::user');
  if (await users.exists()) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    email,
    password,
    firstname: 'Redaktör',
    lastname: 'Mälardalsrådet',
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'sv',
    roles: superAdmin ? [superAdmin.id] : [],
  });
  strapi.log.info(`Development admin created: ${email}`);
};

/**
 * Development only: the site's API token (SITE_TOKEN_PERMISSIONS) and the shared secrets, written into the
 * site's env file (apps/web/.env). A token that the file already holds and the CMS still knows
 * is kept.
 */
export const ensureSiteToken = async (
  strapi: Core.Strapi,
  { siteEnvFile, siteWebhookSecret, previewSecret }: RuntimeEnv,
): Promise<void> => {
  const envFile = path.resolve(strapi.dirs.app.root, siteEnvFile);
  const siteEnv = readEnvFile(envFile);
  // The site checks the webhooks and the preview links the CMS makes with the same secrets.
  const shared = { WEBHOOK_SECRET: siteWebhookSecret, PREVIEW_SECRET: previewSecret };
  const changed = Object.fromEntries(
    Object.entries(shared).filter((entry): entry is [string, string] => Boolean(entry[1]) && siteEnv.get(entry[0]) !== entry[1]),
  );
  if (Object.keys(changed).length > 0) updateEnvFile(envFile, changed);
  const tokens = strapi.service('admin::api-token-content-api');
  const current = siteEnv.get('CMS_API_TOKEN');
  const known = current ? await tokens.getByAccessKey(tokens.hash(current)) : null;
  if (known?.type === 'custom') return;

  // A token from before (of Strapi's read-only kind, which reads too much) is replaced.
  const existing = await tokens.getByName(SITE_TOKEN_NAME);
  if (existing) await tokens.revoke(existing.id);
  const { accessKey } = await tokens.create({
    name: SITE_TOKEN_NAME,
    description: SITE_TOKEN_DESCRIPTION,
    type: 'custom',
    lifespan: null,
    permissions: SITE_TOKEN_PERMISSIONS,
  });
  updateEnvFile(envFile, {
    CMS_URL: `http://127.0.0.1:${strapi.config.get('server.port')}`,
    CMS_API_TOKEN: accessKey,
  });
  strapi.log.info(`The site's API token (reading its content types only) written to ${envFile}`);
};

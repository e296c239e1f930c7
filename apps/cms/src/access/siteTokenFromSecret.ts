import type { Core } from '@strapi/strapi';
import siteToken from './siteToken.json';

// The site's token as `npm run dev` makes it too (scripts/siteToken.mjs): name, description and
// the permissions (its content types, read only; drafts too, for the preview).
const { name: SITE_TOKEN_NAME, description: SITE_TOKEN_DESCRIPTION, permissions: SITE_TOKEN_PERMISSIONS } = siteToken;

interface TokenService {
  hash(accessKey: string): string;
  create(attributes: Record<string, unknown>): Promise<{ id: number }>;
  update(id: number, attributes: Record<string, unknown>): Promise<unknown>;
}

interface StoredToken {
  id: number;
  accessKey: string;
  type: string;
  permissions?: { action: string }[];
}

/**
 * The site's API token as a secret of the deployment (CMS_API_TOKEN, given to the CMS and to the
 * site), so that nobody copies a token out of the admin into a file: at every start the token
 * named SITE_TOKEN_NAME gets exactly that key and the site's permissions. It is created the first
 * time; a rotated secret replaces its key; a changed permission list is written over it.
 * Strapi makes its tokens' keys itself, so the key is set on the stored token as Strapi stores one
 * (its salted hash, and the key encrypted with ENCRYPTION_KEY for the admin to show).
 */
export const ensureSiteTokenFromSecret = async (strapi: Core.Strapi, secret: string): Promise<void> => {
  const tokens = strapi.service('admin::api-token-content-api') as unknown as TokenService;
  const store = strapi.db.query('admin::api-token');
  const find = () =>
    store.findOne({ where: { name: SITE_TOKEN_NAME }, select: ['id', 'accessKey', 'type'], populate: ['permissions'] }) as Promise<StoredToken | null>;

  let token = await find();
  if (!token) {
    await tokens.create({
      name: SITE_TOKEN_NAME,
      description: SITE_TOKEN_DESCRIPTION,
      kind: 'content-api',
      type: 'custom',
      lifespan: null,
      permissions: SITE_TOKEN_PERMISSIONS,
    });
    token = await find();
    if (!token) throw new Error(`The site's API token "${SITE_TOKEN_NAME}" was created but cannot be read back.`);
    strapi.log.info(`The site's API token "${SITE_TOKEN_NAME}" created from CMS_API_TOKEN.`);
  }

  const granted = new Set((token.permissions ?? []).map((permission) => permission.action));
  const exact = token.type === 'custom' && granted.size === SITE_TOKEN_PERMISSIONS.length && SITE_TOKEN_PERMISSIONS.every((action) => granted.has(action));
  if (!exact) {
    await tokens.update(token.id, { type: 'custom', permissions: SITE_TOKEN_PERMISSIONS });
    strapi.log.info(`The site's API token: permissions set to ${SITE_TOKEN_PERMISSIONS.join(', ')}.`);
  }

  const hashed = tokens.hash(secret);
  if (token.accessKey !== hashed) {
    const encryptedKey = (strapi.service('admin::encryption') as unknown as { encrypt(value: string): string | null }).encrypt(secret);
    await store.update({ where: { id: token.id }, data: { accessKey: hashed, encryptedKey } });
    strapi.log.info(`The site's API token: key set from CMS_API_TOKEN.`);
  }
};

import type { Core } from '@strapi/strapi';
import feedbackToken from './feedbackToken.json';
import siteToken from './siteToken.json';

/** An API token the deployment gives a key: its name, description and exact permissions. */
export interface ApiTokenSpec {
  name: string;
  description: string;
  permissions: string[];
}

/** The site's read token (its content types; drafts too, for the preview), key CMS_API_TOKEN. */
export const SITE_TOKEN: ApiTokenSpec = siteToken;

/** The site server's token for readers' feedback (create feedback, nothing else), key CMS_FEEDBACK_TOKEN. */
export const FEEDBACK_TOKEN: ApiTokenSpec = feedbackToken;

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
 * An API token as a secret of the deployment (given to the CMS and to the site, named by
 * `secretName`), so that nobody copies a token out of the admin into a file: at every start the
 * token named spec.name gets exactly that key and spec.permissions. It is created the first time;
 * a rotated secret replaces its key; a changed permission list is written over it. `npm run dev`
 * makes the same tokens through the admin instead (scripts/apiTokens.mjs).
 * Strapi makes its tokens' keys itself, so the key is set on the stored token as Strapi stores one
 * (its salted hash, and the key encrypted with ENCRYPTION_KEY for the admin to show).
 */
export const ensureApiTokenFromSecret = async (strapi: Core.Strapi, spec: ApiTokenSpec, secret: string, secretName: string): Promise<void> => {
  const tokens = strapi.service('admin::api-token-content-api') as unknown as TokenService;
  const store = strapi.db.query('admin::api-token');
  const find = () =>
    store.findOne({ where: { name: spec.name }, select: ['id', 'accessKey', 'type'], populate: ['permissions'] }) as Promise<StoredToken | null>;

  let token = await find();
  if (!token) {
    await tokens.create({
      name: spec.name,
      description: spec.description,
      kind: 'content-api',
      type: 'custom',
      lifespan: null,
      permissions: spec.permissions,
    });
    token = await find();
    if (!token) throw new Error(`The API token "${spec.name}" was created but cannot be read back.`);
    strapi.log.info(`The API token "${spec.name}" created from ${secretName}.`);
  }

  const granted = new Set((token.permissions ?? []).map((permission) => permission.action));
  const exact = token.type === 'custom' && granted.size === spec.permissions.length && spec.permissions.every((action) => granted.has(action));
  if (!exact) {
    await tokens.update(token.id, { type: 'custom', permissions: spec.permissions });
    strapi.log.info(`The API token "${spec.name}": permissions set to ${spec.permissions.join(', ')}.`);
  }

  const hashed = tokens.hash(secret);
  if (token.accessKey !== hashed) {
    const encryptedKey = (strapi.service('admin::encryption') as unknown as { encrypt(value: string): string | null }).encrypt(secret);
    await store.update({ where: { id: token.id }, data: { accessKey: hashed, encryptedKey } });
    strapi.log.info(`The API token "${spec.name}": key set from ${secretName}.`);
  }
};

import type { Core } from '@strapi/strapi';

/**
 * Strapi's two default API tokens, word for word as @strapi/admin 5.54 makes them
 * (server/src/services/constants.ts: DEFAULT_API_TOKENS, created by createDefaultAPITokensIfNeeded
 * in its bootstrap whenever the database has no admin user and no API token, so on every fresh
 * database, in development and production alike). They never expire, and "Read Only" reads the
 * users-permissions roles, the upload listing and drafts: nothing here needs them (the site has
 * its own tokens, siteToken.json and feedbackToken.json).
 */
export const STRAPI_DEFAULT_API_TOKENS = [
  {
    name: 'Read Only',
    description: 'A default API token with read-only permissions, only used for accessing resources',
    type: 'read-only',
  },
  {
    name: 'Full Access',
    description: 'A default API token with full access permissions, used for accessing or modifying resources',
    type: 'full-access',
  },
] as const;

type TokenService = {
  create(attributes: Record<string, unknown>, ...rest: unknown[]): Promise<unknown>;
  revoke(id: number): Promise<unknown>;
} & Record<string, unknown>;

/** Whether token attributes are one of Strapi's defaults, word for word, never expiring. */
const isStrapiDefault = (attributes: Record<string, unknown>) =>
  (attributes.kind ?? 'content-api') === 'content-api' &&
  attributes.lifespan == null &&
  STRAPI_DEFAULT_API_TOKENS.some(
    (token) => attributes.name === token.name && attributes.description === token.description && attributes.type === token.type,
  );

/**
 * Keeps Strapi from making its default tokens at all: its bootstrap creates them through the
 * content API's token service when the database has no admin user, so creation is refused there
 * and then (an administrator who makes a token has a user, and is never refused). Registered in
 * register(), before Strapi's bootstrap runs.
 */
export const preventStrapiDefaultApiTokens = (strapi: Core.Strapi): void => {
  strapi
    .get<{ extend(uid: string, wrap: (service: TokenService) => TokenService): unknown }>('services')
    .extend('admin::api-token-content-api', (service) => ({
      ...service,
      create: async (attributes: Record<string, unknown>, ...rest: unknown[]) => {
        if (isStrapiDefault(attributes) && (await strapi.db.query('admin::user').count()) === 0) {
          strapi.log.info(`Strapi's default API token "${String(attributes.name)}" not made: it never expires, and nothing here uses it.`);
          return null;
        }
        return service.create(attributes, ...rest);
      },
    }));
};

interface StoredToken {
  id: number;
  name: string;
  createdAt: string | Date;
}

/**
 * Removes Strapi's default API tokens at every start, for databases that have them from before
 * preventStrapiDefaultApiTokens (or from a Strapi that makes them another way), after Strapi's
 * bootstrap and before the server listens, so they never answer a request. Only Strapi's own: a token with the
 * same name, description, kind and type, that never expires, and that was made before the first
 * admin user existed (Strapi makes them only then, an administrator only after). An
 * administrator's token, even one named "Full Access" with Strapi's description, is kept.
 */
export const removeStrapiDefaultApiTokens = async (strapi: Core.Strapi): Promise<void> => {
  const candidates = (await strapi.db.query('admin::api-token').findMany({
    where: {
      $or: STRAPI_DEFAULT_API_TOKENS.map(({ name, description, type }) => ({ name, description, type, kind: 'content-api', lifespan: null })),
    },
    select: ['id', 'name', 'createdAt'],
  })) as StoredToken[];
  if (candidates.length === 0) return;

  const firstAdmin = (await strapi.db.query('admin::user').findOne({ select: ['createdAt'], orderBy: { createdAt: 'asc' } })) as {
    createdAt: string | Date;
  } | null;
  const firstAdminAt = firstAdmin ? new Date(firstAdmin.createdAt).getTime() : Infinity;
  const tokens = strapi.service('admin::api-token-content-api') as unknown as TokenService;
  for (const token of candidates) {
    if (new Date(token.createdAt).getTime() > firstAdminAt) continue;
    await tokens.revoke(token.id);
    strapi.log.info(`Strapi's default API token "${token.name}" removed: it never expires, and nothing here uses it.`);
  }
};

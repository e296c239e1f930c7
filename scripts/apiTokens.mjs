// The site's API tokens for `npm run dev`, made through the CMS's admin API: as an administrator
// makes them in production (docs/deployment.md) and as the tests make theirs
// (packages/test-support/src/adminApi.ts). The tokens reach the site server in its environment;
// nothing is written into the site's folder.
import { readFileSync } from 'node:fs';

/** A token's name, description and exact permissions, as the CMS keeps them (apps/cms/src/access/). */
const spec = (file) => JSON.parse(readFileSync(new URL(`../apps/cms/src/access/${file}`, import.meta.url), 'utf8'));

/**
 * The site's tokens: `site` reads the content types the site shows (drafts too, for the preview)
 * and nothing more (a token of Strapi's read-only kind would also read users and roles);
 * `feedback` may only create readers' feedback.
 */
export const SITE_TOKENS = { site: spec('siteToken.json'), feedback: spec('feedbackToken.json') };

/** One call of the admin API; its `data`, or an error naming the call and Strapi's reason. */
const adminApi = async (cmsUrl, method, pathname, { jwt, json } = {}) => {
  const response = await fetch(`${cmsUrl}${pathname}`, {
    method,
    headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status} ${body?.error?.message ?? ''}`.trim());
  return body.data;
};

/**
 * One token: the one an earlier run made, with today's permissions, or a new one. Strapi keeps
 * tokens encrypted with ENCRYPTION_KEY and shows them again to an administrator; one it can no
 * longer show is regenerated.
 */
const ensureApiToken = async (cmsUrl, jwt, tokens, { name, description, permissions }) => {
  const existing = tokens.find((token) => token.name === name);
  if (!existing) {
    const created = await adminApi(cmsUrl, 'POST', '/admin/api-tokens', {
      jwt,
      json: { name, description, type: 'custom', lifespan: null, permissions },
    });
    return { token: created.accessKey, how: 'created' };
  }
  await adminApi(cmsUrl, 'PUT', `/admin/api-tokens/${existing.id}`, { jwt, json: { type: 'custom', permissions } });
  const { accessKey } = await adminApi(cmsUrl, 'GET', `/admin/api-tokens/${existing.id}`, { jwt });
  if (accessKey) return { token: accessKey, how: 'reused' };
  const regenerated = await adminApi(cmsUrl, 'POST', `/admin/api-tokens/${existing.id}/regenerate`, { jwt });
  return { token: regenerated.accessKey, how: 'regenerated' };
};

/**
 * Signs in once as the developers' administrator (Strapi allows five sign-ins per address in five
 * minutes) and returns each of SITE_TOKENS' tokens by its key there ({ site, feedback }), each as
 * { token, how }.
 */
export const ensureSiteTokens = async (cmsUrl, { email, password }) => {
  const { token: jwt } = await adminApi(cmsUrl, 'POST', '/admin/login', { json: { email, password } });
  const tokens = await adminApi(cmsUrl, 'GET', '/admin/api-tokens', { jwt });
  const made = {};
  for (const [key, tokenSpec] of Object.entries(SITE_TOKENS)) made[key] = await ensureApiToken(cmsUrl, jwt, tokens, tokenSpec);
  return made;
};

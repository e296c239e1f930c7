// The site's API token for `npm run dev`, made through the CMS's admin API: as an administrator
// makes it in production (docs/deployment.md) and as the tests make theirs
// (apps/cms/test/support/adminApi.ts). The token reaches the site server in its environment;
// nothing is written into the site's folder.
import { readFileSync } from 'node:fs';

/**
 * What the token may do: read the content types the site shows (drafts too, for the preview) and
 * nothing more. A token of Strapi's read-only kind would also read users and roles.
 */
const {
  name: NAME,
  description: DESCRIPTION,
  permissions: PERMISSIONS,
} = JSON.parse(readFileSync(new URL('../apps/cms/src/access/siteToken.json', import.meta.url), 'utf8'));

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
 * Signs in once as the developers' administrator (Strapi allows five sign-ins per address in five
 * minutes) and returns the site's token: the one an earlier run made, with today's permissions, or
 * a new one. Strapi keeps tokens encrypted with ENCRYPTION_KEY and shows them again to an
 * administrator; one it can no longer show is regenerated.
 */
export const ensureSiteToken = async (cmsUrl, { email, password }) => {
  const { token: jwt } = await adminApi(cmsUrl, 'POST', '/admin/login', { json: { email, password } });
  const tokens = await adminApi(cmsUrl, 'GET', '/admin/api-tokens', { jwt });
  const existing = tokens.find((token) => token.name === NAME);
  if (!existing) {
    const created = await adminApi(cmsUrl, 'POST', '/admin/api-tokens', {
      jwt,
      json: { name: NAME, description: DESCRIPTION, type: 'custom', lifespan: null, permissions: PERMISSIONS },
    });
    return { token: created.accessKey, how: 'created' };
  }
  await adminApi(cmsUrl, 'PUT', `/admin/api-tokens/${existing.id}`, { jwt, json: { type: 'custom', permissions: PERMISSIONS } });
  const { accessKey } = await adminApi(cmsUrl, 'GET', `/admin/api-tokens/${existing.id}`, { jwt });
  if (accessKey) return { token: accessKey, how: 'reused' };
  const regenerated = await adminApi(cmsUrl, 'POST', `/admin/api-tokens/${existing.id}/regenerate`, { jwt });
  return { token: regenerated.accessKey, how: 'regenerated' };
};

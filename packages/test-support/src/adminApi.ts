import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CMS_DIR } from './cmsProcess.ts';

// The permissions of the site's tokens (src/access/siteToken.json and feedbackToken.json, which
// `npm run dev` reads too, in scripts/apiTokens.mjs), read as data: the CMS's sources are
// CommonJS, which Node cannot import into these ES modules when it runs them directly.
const tokenPermissions = (file: string) =>
  (JSON.parse(readFileSync(path.join(CMS_DIR, 'src', 'access', file), 'utf8')) as { permissions: string[] }).permissions;
const SITE_TOKEN_PERMISSIONS = tokenPermissions('siteToken.json');
const FEEDBACK_TOKEN_PERMISSIONS = tokenPermissions('feedbackToken.json');

/** The admin's HTTP API, used by tests as an editor's browser would use it. */
export const TEST_ADMIN = {
  firstname: 'Test',
  lastname: 'Redaktör',
  email: 'test-redaktor@example.org',
  password: 'Test-redaktor-2026',
};

const send = async (url: string, init: RequestInit & { jwt?: string; json?: unknown } = {}) => {
  const { jwt, json, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: {
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body as never;
};

const dataOf = <T>(body: { data: T }) => body.data;

/** Registers the first admin of a fresh CMS and returns its session token. */
export const registerFirstAdmin = async (cmsUrl: string): Promise<string> => {
  const { token } = dataOf<{ token: string }>(await send(`${cmsUrl}/admin/register-admin`, { method: 'POST', json: TEST_ADMIN }));
  return token;
};

/**
 * Creates an API token through the admin (Settings → API Tokens) and returns its secret. By
 * default the site's own kind (SITE_TOKEN_PERMISSIONS: its content types, nothing else), so that
 * every test reads the CMS the way the site does; 'feedback' is the site server's token that may
 * only create readers' feedback.
 */
export const createApiToken = async (
  cmsUrl: string,
  jwt: string,
  name: string,
  type: 'site' | 'feedback' | 'read-only' | 'full-access' = 'site',
): Promise<string> => {
  const kind =
    type === 'site'
      ? { type: 'custom', permissions: SITE_TOKEN_PERMISSIONS }
      : type === 'feedback'
        ? { type: 'custom', permissions: FEEDBACK_TOKEN_PERMISSIONS }
        : { type };
  const { accessKey } = dataOf<{ accessKey: string }>(
    await send(`${cmsUrl}/admin/api-tokens`, {
      method: 'POST',
      jwt,
      json: { name, ...kind, lifespan: null, description: 'Created by the test suite' },
    }),
  );
  return accessKey;
};

interface AdminInit {
  method?: string;
  json?: unknown;
}

/** The whole JSON answer of an admin API call with an admin session; throws unless 2xx. */
export const adminJson = <T>(cmsUrl: string, jwt: string, pathname: string, init: AdminInit = {}) =>
  send(`${cmsUrl}${pathname}`, { ...init, jwt }) as Promise<T>;

/** The `data` of an admin API answer, for the routes that wrap their answer in one. */
export const adminRequest = async <T>(cmsUrl: string, jwt: string, pathname: string, init: AdminInit = {}) =>
  dataOf(await adminJson<{ data: T }>(cmsUrl, jwt, pathname, init));

export interface AdminAccount {
  firstname: string;
  lastname: string;
  email: string;
  password: string;
}

/**
 * Invites an admin user with the editor's role ("Redaktör", src/access/editorRole.ts) and
 * accepts the invitation, as docs/deployment.md has the first administrator do it; returns the
 * editor's session token.
 */
export const inviteEditor = async (cmsUrl: string, adminJwt: string, editor: AdminAccount): Promise<string> => {
  const roles = await adminRequest<{ id: number; code: string }[]>(cmsUrl, adminJwt, '/admin/roles');
  const role = roles.find((candidate) => candidate.code === 'malardalsradet-redaktor');
  if (!role) throw new Error('The CMS has no "Redaktör" role (code malardalsradet-redaktor).');
  const invited = await adminRequest<{ registrationToken: string }>(cmsUrl, adminJwt, '/admin/users', {
    method: 'POST',
    json: { firstname: editor.firstname, lastname: editor.lastname, email: editor.email, roles: [role.id] },
  });
  const registered = await adminRequest<{ token: string }>(cmsUrl, adminJwt, '/admin/register', {
    method: 'POST',
    json: {
      registrationToken: invited.registrationToken,
      userInfo: { firstname: editor.firstname, lastname: editor.lastname, password: editor.password },
    },
  });
  return registered.token;
};

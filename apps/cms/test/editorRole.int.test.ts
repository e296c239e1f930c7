import { beforeAll, describe, expect, it } from 'vitest';
import { adminJson, adminRequest, inviteEditor } from '@malardalsradet/test-support/adminApi';
import { cms } from './support/contentApi';

// The "Redaktör" role, tried over the admin API with an editor's own session, as the admin's
// pages call it: what an editor may do, and what stays closed.
const EDITOR = { firstname: 'Rolltest', lastname: 'Redaktör', email: 'rolltest-redaktor@example.org', password: 'Rolltest-2026-redaktor' };
const SITE_TYPES = [
  'api::accessibility-statement.accessibility-statement',
  'api::goal.goal',
  'api::organisation.organisation',
  'api::plan.plan',
  'api::priority-area.priority-area',
  'api::report.report',
];

interface Permission {
  action: string;
  subject: string | null;
  properties: { fields?: string[]; locales?: string[] };
}

let editorJwt = '';

/** A request with the editor's session: its HTTP status and body, whatever the status; `Body` is the caller's expectation. */
const asEditor = async <Body = unknown>(pathname: string, init: { method?: string; json?: unknown; body?: FormData } = {}) => {
  const response = await fetch(`${cms().url}${pathname}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${editorJwt}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Body };
};

beforeAll(async () => {
  const { url, adminJwt } = cms();
  const roles = await adminRequest<{ code: string; name: string }[]>(url, adminJwt, '/admin/roles');
  expect(roles.find((role) => role.code === 'malardalsradet-redaktor')?.name).toBe('Redaktör');
  editorJwt = await inviteEditor(url, adminJwt, EDITOR);
});

describe('the editor role', () => {
  it('holds create, read, update, delete and publish on every site content type in both languages, and the media library', async () => {
    const { body } = await asEditor<{ data: Permission[] }>('/admin/users/me/permissions');
    const permissions = body.data;
    for (const subject of SITE_TYPES) {
      for (const action of ['create', 'read', 'update', 'delete', 'publish']) {
        const permission = permissions.find((p) => p.subject === subject && p.action === `plugin::content-manager.explorer.${action}`);
        expect(permission, `${action} ${subject}`).toBeDefined();
        expect(permission?.properties.locales?.sort()).toEqual(['en', 'sv']);
      }
    }
    const actions = new Set(permissions.map((p) => p.action));
    for (const action of ['read', 'assets.create', 'assets.update', 'assets.download', 'assets.copy-link']) {
      expect(actions.has(`plugin::upload.${action}`), action).toBe(true);
    }
    // Nothing else: no builder, marketplace, users, roles, tokens, webhooks or settings, and no
    // users-permissions "User" type. (Readers' feedback has rights of its own: feedback.int.test.ts.)
    const unexpected = permissions.filter(
      (p) =>
        !(p.action.startsWith('plugin::content-manager.explorer.') && [...SITE_TYPES, 'api::feedback.feedback'].includes(p.subject ?? '')) &&
        !p.action.startsWith('plugin::upload.'),
    );
    expect(unexpected.map((p) => `${p.action} ${p.subject ?? ''}`)).toEqual([]);
    expect(actions.has('plugin::upload.settings.read')).toBe(false);
  });

  it('lets an editor write, translate, publish, unpublish and delete content, and upload a file', async () => {
    const base = '/content-manager/collection-types/api::goal.goal';
    const created = await asEditor<{ data: { documentId: string } }>(`${base}?locale=sv`, {
      method: 'POST',
      json: { title: 'Rolltestets mål', order: 9 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.data.documentId;
    try {
      expect((await asEditor(`${base}/${id}?locale=en`, { method: 'PUT', json: { title: 'The role test goal' } })).status).toBe(200);
      for (const locale of ['sv', 'en']) {
        expect((await asEditor(`${base}/${id}/actions/publish?locale=${locale}`, { method: 'POST', json: {} })).status).toBe(200);
      }
      expect((await asEditor(`${base}/${id}/actions/unpublish?locale=sv`, { method: 'POST', json: {} })).status).toBe(200);
    } finally {
      for (const locale of ['sv', 'en']) {
        const deleted = await asEditor(`${base}/${id}?locale=${locale}`, { method: 'DELETE' });
        expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
      }
    }
    const single = await asEditor('/content-manager/single-types/api::organisation.organisation?locale=en');
    expect(single.status).toBe(200);

    const form = new FormData();
    form.append('files', new Blob(['%PDF-1.4\ntrailer << /Root 1 0 R >>\n%%EOF\n'], { type: 'application/pdf' }), 'rolltest.pdf');
    const uploaded = await asEditor<{ id: number }[]>('/upload', { method: 'POST', body: form });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const files = await asEditor('/upload/files?page=1&pageSize=10');
    expect(files.status).toBe(200);
    await adminJson(cms().url, cms().adminJwt, `/upload/files/${uploaded.body[0]!.id}`, { method: 'DELETE' });
  });

  it.each([
    ['the content-type builder', 'GET', '/content-type-builder/content-types'],
    ['changing the content model', 'POST', '/content-type-builder/update-schema'],
    ['the users', 'GET', '/admin/users'],
    ['the roles', 'GET', '/admin/roles'],
    ['the API tokens', 'GET', '/admin/api-tokens'],
    ['the transfer tokens', 'GET', '/admin/transfer/tokens'],
    ['the webhooks', 'GET', '/admin/webhooks'],
    ['the project settings', 'GET', '/admin/project-settings'],
    ['the locales settings', 'POST', '/i18n/locales'],
    ['the media library settings', 'GET', '/upload/settings'],
    ['the users-permissions "User" type', 'GET', '/content-manager/collection-types/plugin::users-permissions.user'],
    ['the users-permissions roles', 'GET', '/users-permissions/roles'],
    ["the content manager's layout settings", 'PUT', '/content-manager/content-types/api::goal.goal/configuration'],
  ])('keeps %s closed', async (_what, method, pathname) => {
    const { status } = await asEditor(pathname, { method, json: method === 'GET' ? undefined : {} });
    expect(status).toBe(403);
  });
});

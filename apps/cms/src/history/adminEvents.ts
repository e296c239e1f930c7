import type { Core } from '@strapi/strapi';
import { currentActor } from './recorder';
import { insertEvent, type Knex } from './store';
import type { SiteEventType } from './types';

/**
 * The "Händelser" of roles and API tokens. Strapi 5.54 emits role.create/update/delete on its
 * event hub (admin's services/role.js) and permission.create/update/delete when a role's
 * permissions change, but nothing for API tokens: those are followed through the database's
 * lifecycles of admin::api-token, which every way of changing a token goes through.
 */

const record = async (strapi: Core.Strapi, type: SiteEventType, label: string) => {
  try {
    // Joins the transaction of the change when there is one, so it is recorded with it.
    await strapi.db.transaction(({ trx }) =>
      insertEvent(trx as unknown as Knex, {
        type,
        at: Date.now(),
        by_name: currentActor(strapi),
        content_type: null,
        document_id: null,
        locale: null,
        label: label.slice(0, 255),
        version_id: null,
      }),
    );
  } catch (error) {
    // The change itself is done by now (the hub runs after it): say so loudly, never undo it.
    strapi.log.error(`History: could not record ${type} "${label}": ${error instanceof Error ? error.message : String(error)}`);
  }
};

interface RequestContext {
  request?: { url?: string; method?: string };
  state?: { user?: unknown };
}

/** Requests whose permission changes are already recorded (one event per save of a role's permissions). */
const permissionRequests = new WeakSet<object>();

export const recordAdminEvents = (strapi: Core.Strapi): void => {
  const role = (type: SiteEventType) => async (payload: { role?: { name?: string } }) => record(strapi, type, payload.role?.name ?? '');
  strapi.eventHub.on('role.create', role('role.create'));
  strapi.eventHub.on('role.update', role('role.update'));
  strapi.eventHub.on('role.delete', role('role.delete'));

  // A role's permissions saved in the admin (PUT /admin/roles/:id/permissions). The CMS's own
  // rewriting of the editors' role at every start (editorRole.ts) has no admin user and is
  // not an event.
  const permissions = async () => {
    const ctx = strapi.requestContext.get() as RequestContext | undefined;
    const match = /^\/admin\/roles\/(\d+)\/permissions/.exec(ctx?.request?.url ?? '');
    if (!ctx || !match || !ctx.state?.user || permissionRequests.has(ctx)) return;
    permissionRequests.add(ctx);
    const changed = (await strapi.db.query('admin::role').findOne({ where: { id: Number(match[1]) }, select: ['name'] })) as { name?: string } | null;
    await record(strapi, 'role.update', changed?.name ?? match[1] ?? '');
  };
  for (const name of ['permission.create', 'permission.update', 'permission.delete']) strapi.eventHub.on(name, permissions);

  strapi.db.lifecycles.subscribe({
    models: ['admin::api-token'],
    async afterCreate(event: { result?: { name?: string } }) {
      await record(strapi, 'token.create', event.result?.name ?? '');
    },
    async afterUpdate(event: { result?: { name?: string }; params?: { data?: Record<string, unknown> } }) {
      // Using a token stamps lastUsedAt, and the CMS gives its tokens their keys at every start
      // (apiTokenFromSecret.ts): only a change made by someone signed in to the admin is an event.
      const keys = Object.keys(event.params?.data ?? {}).filter((key) => key !== 'lastUsedAt' && key !== 'updatedAt');
      const ctx = strapi.requestContext.get() as RequestContext | undefined;
      if (keys.length === 0 || !ctx?.state?.user) return;
      await record(strapi, 'token.update', event.result?.name ?? '');
    },
    async afterDelete(event: { result?: { name?: string } }) {
      await record(strapi, 'token.delete', event.result?.name ?? '');
    },
  });
};

import type { Core } from '@strapi/strapi';

// Login and password reset stay open so that the users-permissions plugin keeps working; nothing
// else (no content, no media library, no registration) is reachable without a token.
const KEPT_PUBLIC_ACTIONS = new Set([
  'plugin::users-permissions.auth.callback',
  'plugin::users-permissions.auth.connect',
  'plugin::users-permissions.auth.forgotPassword',
  'plugin::users-permissions.auth.resetPassword',
]);

/**
 * Removes every content permission from the public (anonymous) role and closes self-registration.
 * Runs at every start, so a permission ticked by mistake in the admin does not survive a restart.
 */
export const lockDownPublicRole = async (strapi: Core.Strapi): Promise<void> => {
  const publicRole = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' }, populate: ['permissions'] })) as {
    permissions: { id: number; action: string }[];
  } | null;
  if (!publicRole) return;

  const removable = publicRole.permissions.filter((permission) => !KEPT_PUBLIC_ACTIONS.has(permission.action));
  if (removable.length > 0) {
    await strapi.db
      .query('plugin::users-permissions.permission')
      .deleteMany({ where: { id: { $in: removable.map((permission) => permission.id) } } });
    strapi.log.info(`Public role: removed ${removable.length} permission(s): ${removable.map((p) => p.action).join(', ')}`);
  }

  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = ((await advanced.get()) ?? {}) as Record<string, unknown>;
  if (settings.allow_register !== false) {
    await advanced.set({ value: { ...settings, allow_register: false } });
  }
};

import type { Core } from '@strapi/strapi';
import type { CmsEnv } from '../config/env';

// What this module uses of Strapi's admin services, which Strapi's types leave as `any`.
interface AdminUser {
  id: number;
  roles?: { id: number }[];
}
interface UserService {
  findOneByEmail(email: string, populate: string[]): Promise<AdminUser | null>;
  updateById(id: number, attributes: { roles: number[] }): Promise<unknown>;
  create(attributes: Record<string, unknown>): Promise<unknown>;
}
interface RoleService {
  getSuperAdmin(): Promise<{ id: number } | null>;
  getSuperAdminWithUsersCount(): Promise<{ id: number; usersCount: number } | null>;
}

interface DevAccount {
  email: string;
  password: string;
  firstname: string;
  roleId: number;
}

/**
 * Creates the account when its e-mail is not known yet; an existing one gets the given role,
 * unless that would leave the CMS without a Super Admin (Strapi refuses, and nobody could manage
 * users any more).
 */
const ensureAccount = async (strapi: Core.Strapi, account: DevAccount): Promise<void> => {
  const users = strapi.service('admin::user') as UserService;
  const existing = await users.findOneByEmail(account.email, ['roles']);
  if (existing) {
    const roleIds = (existing.roles ?? []).map((role) => role.id);
    if (roleIds.length === 1 && roleIds[0] === account.roleId) return;
    const superAdmin = await (strapi.service('admin::role') as RoleService).getSuperAdminWithUsersCount();
    if (superAdmin && roleIds.includes(superAdmin.id) && superAdmin.id !== account.roleId && superAdmin.usersCount <= 1) {
      strapi.log.warn(
        `${account.email} is the only Super Admin, so it keeps that role; set CMS_ADMIN_EMAIL to another address (apps/cms/.env.example).`,
      );
      return;
    }
    await users.updateById(existing.id, { roles: [account.roleId] });
    return;
  }
  await users.create({
    email: account.email,
    password: account.password,
    firstname: account.firstname,
    lastname: 'Mälardalsrådet',
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'sv',
    roles: [account.roleId],
  });
  strapi.log.info(`Development account created: ${account.email} (${account.firstname})`);
};

/**
 * Development only: two logins, as production has them. The editor (CMS_EDITOR_EMAIL /
 * CMS_EDITOR_PASSWORD) has the "Redaktör" role and is the login the README and the editor's
 * guide give; the developers' administrator (CMS_ADMIN_EMAIL / CMS_ADMIN_PASSWORD) is a Super
 * Admin, for the content-type builder, roles, tokens and settings. Production accounts are
 * registered and invited in the admin (docs/deployment.md). The site's API token is made by
 * `npm run dev` through the admin API (scripts/dev.mjs), as an administrator would make it.
 */
export const ensureDevAccounts = async (
  strapi: Core.Strapi,
  { CMS_ADMIN_EMAIL: adminEmail, CMS_ADMIN_PASSWORD: adminPassword, CMS_EDITOR_EMAIL: editorEmail, CMS_EDITOR_PASSWORD: editorPassword }: CmsEnv,
  editorRoleId: number,
): Promise<void> => {
  const clash = Boolean(editorEmail && adminEmail?.toLowerCase() === editorEmail.toLowerCase());
  if (clash) {
    strapi.log.error(
      `CMS_ADMIN_EMAIL and CMS_EDITOR_EMAIL are both ${adminEmail}: give the developers' administrator its own address (apps/cms/.env.example).`,
    );
  }
  // The administrator first: an editor's account that was the only Super Admin can then become an editor.
  const superAdmin = await (strapi.service('admin::role') as RoleService).getSuperAdmin();
  if (!clash && adminEmail && adminPassword && superAdmin) {
    await ensureAccount(strapi, { email: adminEmail, password: adminPassword, firstname: 'Utvecklare', roleId: superAdmin.id });
  } else if (!clash) {
    strapi.log.warn('CMS_ADMIN_EMAIL / CMS_ADMIN_PASSWORD not set: no development administrator created.');
  }
  if (editorEmail && editorPassword) {
    await ensureAccount(strapi, { email: editorEmail, password: editorPassword, firstname: 'Redaktör', roleId: editorRoleId });
  } else {
    strapi.log.warn('CMS_EDITOR_EMAIL / CMS_EDITOR_PASSWORD not set: no development editor created.');
  }
};

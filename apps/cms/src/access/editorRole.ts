import { FEEDBACK_UID, LOCALES } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';

/**
 * The admin role of Mälardalsrådet's communications staff. It is defined here and written at
 * every start (in production too), so that every environment has the same role, a new content
 * type is covered the day it ships, and a change made to it in the admin does not drift away
 * unnoticed: the code is the one source of what an editor may do.
 */
export const EDITOR_ROLE = {
  code: 'malardalsradet-redaktor',
  name: 'Redaktör',
  description:
    'Skapar, redigerar, publicerar, avpublicerar och tar bort webbplatsens innehåll på svenska och engelska, använder mediebiblioteket och tar hand om läsarnas synpunkter.',
} as const;

const explorer = (action: string) => `plugin::content-manager.explorer.${action}`;

// Everything the content manager lets a role do with a content type. Unpublishing is part of
// "publish" in Strapi 5.
const CONTENT_ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map(explorer);

// Readers' feedback comes from the site: editors read it, mark it handled and delete it, but
// neither write it nor change what a reader wrote ("update" covers the handled flag only).
const FEEDBACK_ACTIONS = ['read', 'update', 'delete'].map(explorer);
const FEEDBACK_EDITABLE_FIELDS = ['handled'];

// The media library: browse, upload, edit file details (alt text), download and copy links.
// Not "configure-view" (the library's settings) and not the upload plugin's settings.
const MEDIA_ACTIONS = ['read', 'assets.create', 'assets.update', 'assets.download', 'assets.copy-link'].map((action) => `plugin::upload.${action}`);

interface Permission {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[]; locales?: string[] };
  conditions?: string[];
}

// What this module uses of Strapi's admin services, which Strapi's types leave as `any`.
interface ContentTypeService {
  getNestedFields(model: unknown, options: { components: unknown }): string[];
}
interface AdminRole {
  id: number;
  name: string;
  description?: string | null;
}
interface RoleService {
  findOne(where: { code: string }): Promise<AdminRole | null>;
  create(attributes: { name: string; code: string; description: string }): Promise<AdminRole>;
  update(where: { id: number }, attributes: { name: string; description: string }): Promise<unknown>;
  assignPermissions(roleId: number, permissions: Permission[]): Promise<unknown>;
}

/** The site's own content types: everything under api:: (not users, roles or plugin types). */
export const siteContentTypes = (strapi: Core.Strapi): string[] =>
  Object.keys(strapi.contentTypes)
    .filter((uid) => uid.startsWith('api::'))
    .sort();

export const editorPermissions = (strapi: Core.Strapi): Permission[] => {
  const contentType = strapi.service('admin::content-type') as ContentTypeService;
  const locales = [...LOCALES];
  const content = siteContentTypes(strapi).flatMap((subject) => {
    const model = strapi.contentTypes[subject as keyof typeof strapi.contentTypes];
    const localized = Boolean((model.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);
    const feedback = subject === FEEDBACK_UID;
    const fields = (action: string) => {
      // "delete" and "publish" take no field list.
      if (action.endsWith('.delete') || action.endsWith('.publish')) return {};
      if (feedback && action.endsWith('.update')) return { fields: FEEDBACK_EDITABLE_FIELDS };
      // Every field, components' fields included.
      return { fields: contentType.getNestedFields(model, { components: strapi.components }) };
    };
    return (feedback ? FEEDBACK_ACTIONS : CONTENT_ACTIONS).map((action) => ({
      action,
      subject,
      properties: { ...fields(action), ...(localized ? { locales } : {}) },
      conditions: [],
    }));
  });
  const media = MEDIA_ACTIONS.map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
  return [...content, ...media];
};

/** Creates the role when it is missing and sets its permissions to exactly editorPermissions. */
export const ensureEditorRole = async (strapi: Core.Strapi): Promise<{ id: number }> => {
  const roles = strapi.service('admin::role') as RoleService;
  const role =
    (await roles.findOne({ code: EDITOR_ROLE.code })) ??
    (await roles.create({ name: EDITOR_ROLE.name, code: EDITOR_ROLE.code, description: EDITOR_ROLE.description }));
  if (role.name !== EDITOR_ROLE.name || role.description !== EDITOR_ROLE.description) {
    await roles.update({ id: role.id }, { name: EDITOR_ROLE.name, description: EDITOR_ROLE.description });
  }
  await roles.assignPermissions(role.id, editorPermissions(strapi));
  return role;
};

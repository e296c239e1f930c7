import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FileInUseError, removeConfirmed } from './deleteGuard';
import { documentsUsingFile, FILE_UID, findUnusedFiles, type DocumentUse, type LibraryFile } from './fileUsage';
import { registerAdminRoutes } from '../utils/adminRoutes';

/** The media library's own permissions, which these routes follow: reading it, and changing (deleting) files. */
const READ = 'plugin::upload.read';
const UPDATE = 'plugin::upload.assets.update';

/** The admin API's paths (the admin page "Oanvända filer" reads them, src/admin/media/). */
export const UNUSED_FILES_PATH = '/media/unused-files';

interface RouteContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  state: { userAbility?: { can(action: string, subject?: string): boolean } };
  body: unknown;
}

export interface UnusedFilesAnswer {
  data: LibraryFile[];
}
export interface FileUsageAnswer {
  data: { id: number; name: string; usedBy: DocumentUse[] };
}

// A PolicyError carries its message to the editor (history/routes.ts says why).
const allow = (ctx: RouteContext, action: string, message: string) => {
  if (!ctx.state.userAbility?.can(action)) throw new errors.PolicyError(message);
};

const fileOf = async (strapi: Core.Strapi, idText: string | undefined) => {
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || id < 1) throw new errors.ValidationError(`"${idText ?? ''}" är ingen fil. Ange filens nummer.`);
  const file = (await strapi.db.query(FILE_UID).findOne({ where: { id } })) as ({ id: number; name: string } & Record<string, unknown>) | null;
  if (!file) throw new errors.NotFoundError('Filen finns inte (längre). Den kan redan vara raderad.');
  return file;
};

/**
 * "Oanvända filer": the files no document uses, which editors may remove, and the deletion
 * that names the documents using a file unless the editor confirmed (`?confirm=true`).
 */
export const registerUnusedFilesRoutes = (strapi: Core.Strapi): void => {
  const list = async (ctx: RouteContext) => {
    allow(ctx, READ, 'Du har inte behörighet att se mediebiblioteket.');
    const answer: UnusedFilesAnswer = { data: await findUnusedFiles(strapi) };
    ctx.body = answer;
  };

  const usage = async (ctx: RouteContext) => {
    allow(ctx, READ, 'Du har inte behörighet att se mediebiblioteket.');
    const file = await fileOf(strapi, ctx.params.id);
    const answer: FileUsageAnswer = { data: { id: file.id, name: file.name, usedBy: await documentsUsingFile(strapi, file.id) } };
    ctx.body = answer;
  };

  const remove = async (ctx: RouteContext) => {
    allow(ctx, UPDATE, 'Du har inte behörighet att radera filer.');
    const file = await fileOf(strapi, ctx.params.id);
    const usedBy = await documentsUsingFile(strapi, file.id);
    // A used file goes only when the editor has seen the documents and confirmed.
    if (usedBy.length > 0 && ctx.query.confirm !== 'true') throw new FileInUseError(file, usedBy);
    await removeConfirmed(() => strapi.plugin('upload').service<{ remove(file: unknown): Promise<unknown> }>('upload').remove(file));
    ctx.body = { data: { id: file.id, name: file.name, usedBy } };
  };

  registerAdminRoutes(strapi, [
    { method: 'GET', path: UNUSED_FILES_PATH, handler: list },
    { method: 'GET', path: '/media/files/:id/usage', handler: usage },
    { method: 'DELETE', path: '/media/files/:id', handler: remove },
  ]);
};

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { documentNames, documentsUsingFile, FILE_UID, findFileUsage, type DocumentUse } from './fileUsage';

const UPLOAD_SERVICE = 'plugin::upload.upload';
const BULK_CONTROLLER = 'plugin::upload.admin-folder-file';

// Set while a removal runs that was confirmed (DELETE /media/files/:id?confirm=true) or checked already.
const confirmed = new AsyncLocalStorage<true>();

/** Runs `remove` with the guard lifted: the editor was shown the documents and confirmed. */
export const removeConfirmed = <T>(remove: () => Promise<T>): Promise<T> => confirmed.run(true, remove);

interface StoredFile {
  id: number;
  name?: string;
}
interface BulkContext {
  request: { body?: { fileIds?: unknown; folderIds?: unknown } };
}
interface BulkController {
  deleteMany(ctx: BulkContext): Promise<unknown>;
}
// What this module uses of Strapi's service and controller registries (typed `any` by Strapi).
interface Registry<T> {
  extend(uid: string, wrap: (current: T) => T): unknown;
}
interface UploadService {
  remove(file: StoredFile): Promise<unknown>;
}

/** The Swedish refusal: which file, which documents, and what the editor can do instead. */
export const usedFileRefusal = (file: { name?: string | null }, uses: DocumentUse[]): string =>
  `Filen ”${file.name ?? 'utan namn'}” används av ${uses.length === 1 ? 'dokumentet' : `${uses.length} dokument`}: ${documentNames(uses)}. ` +
  'Ta bort den från dokumenten först, så går den att radera.';

/** A refusal (400) with the documents in its details, for a screen that lists them. */
export class FileInUseError extends errors.ApplicationError {
  constructor(file: { name?: string | null }, uses: DocumentUse[]) {
    super(usedFileRefusal(file, uses), { usedBy: uses });
  }
}

/**
 * Every deletion of a file goes through the upload plugin's service `remove`: the media library's
 * delete (DELETE /upload/files/:id), its bulk delete and folder delete (POST
 * /upload/actions/bulk-delete), and the content API's. Wrapped here, a file some document uses
 * (any language, draft or published) is refused naming those documents, unless the removal was
 * confirmed (removeConfirmed: DELETE /media/files/:id?confirm=true, src/media/routes.ts).
 */
export const registerUploadDeleteGuard = (strapi: Core.Strapi): void => {
  strapi.get<Registry<UploadService>>('services').extend(UPLOAD_SERVICE, (service: UploadService) => {
    const remove = service.remove.bind(service);
    return Object.assign(Object.create(Object.getPrototypeOf(service) as object) as UploadService, service, {
      async remove(file: StoredFile) {
        if (!confirmed.getStore()) {
          const uses = await documentsUsingFile(strapi, file.id);
          if (uses.length > 0) throw new FileInUseError(file, uses);
        }
        return remove(file);
      },
    });
  });

  // The bulk delete removes its files side by side (Promise.all): checked before any is removed,
  // so that a selection with one used file deletes nothing rather than the others.
  strapi.get<Registry<BulkController>>('controllers').extend(BULK_CONTROLLER, (controller: BulkController) => ({
    ...controller,
    async deleteMany(ctx: BulkContext) {
      const body = ctx.request.body;
      const fileIds = Array.isArray(body?.fileIds) ? body.fileIds.map(Number).filter(Number.isInteger) : [];
      const folderIds = Array.isArray(body?.folderIds) ? body.folderIds.map(Number).filter(Number.isInteger) : [];
      const folders = folderIds.length
        ? ((await strapi.db.query('plugin::upload.folder').findMany({ where: { id: { $in: folderIds } }, select: ['path'] })) as { path: string }[])
        : [];
      const inFolders = folders.length
        ? ((await strapi.db.query(FILE_UID).findMany({
            where: { $or: folders.flatMap(({ path }) => [{ folderPath: { $eq: path } }, { folderPath: { $startsWith: `${path}/` } }]) },
            select: ['id'],
          })) as { id: number }[])
        : [];
      const ids = [...new Set([...fileIds, ...inFolders.map((file) => file.id)])];
      if (ids.length > 0) {
        const usage = await findFileUsage(strapi);
        const files = (await strapi.db.query(FILE_UID).findMany({ where: { id: { $in: ids } }, select: ['id', 'name'] })) as StoredFile[];
        const used = files.find((file) => usage.has(file.id));
        if (used) throw new FileInUseError(used, usage.get(used.id) ?? []);
      }
      // Checked above, all at once: each removal need not scan the documents again.
      return removeConfirmed(() => controller.deleteMany(ctx));
    },
  }));
};

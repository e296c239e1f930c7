import type { Core } from '@strapi/strapi';
import { assertDraftAccess, type RequestState } from '../access/draftGuard';
import { assertPageSizeAllowed } from '../access/pageSizeLimit';

interface FieldArgs {
  status?: string;
  pagination?: { limit?: unknown; pageSize?: unknown };
}

type FieldResolver = (root: unknown, args: FieldArgs, ctx: { state?: RequestState }, info: unknown) => unknown;

// The part of the GraphQL plugin's extension service that is used here (Strapi types it as `any`).
interface ExtensionService {
  use(extension: (context: { nexus: Nexus }) => { plugins: unknown[] }): void;
}

// The part of nexus that is used here; the GraphQL plugin passes nexus in at run time.
interface Nexus {
  plugin(config: { name: string; onCreateFieldResolver: () => (...params: [...Parameters<FieldResolver>, next: FieldResolver]) => unknown }): unknown;
}

/**
 * Wraps every GraphQL field resolver, root queries and relation fields alike, with the content
 * API's rules: no drafts without an API token, and no page larger than the maximum.
 */
export const registerContentApiGuards = (strapi: Core.Strapi): void => {
  const extension = strapi.plugin('graphql').service<ExtensionService>('extension');
  extension.use(({ nexus }) => ({
    plugins: [
      nexus.plugin({
        name: 'contentApiGuards',
        onCreateFieldResolver: () => (root, args, ctx, info, next) => {
          assertDraftAccess(args?.status, ctx?.state);
          assertPageSizeAllowed(args?.pagination);
          return next(root, args, ctx, info);
        },
      }),
    ],
  }));
};

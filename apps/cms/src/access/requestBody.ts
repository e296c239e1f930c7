import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

type Middleware = (ctx: RequestContext, next: () => Promise<void>) => Promise<void>;
type BodyFactory = (config: BodyConfig, context: { strapi: Core.Strapi }) => Middleware;

interface RequestContext {
  method: string;
  path: string;
  status: number;
  body: unknown;
  is(...types: string[]): string | false | null;
  get(header: string): string;
}

/** An answer in Strapi's error format, given before the body is read. */
const refuse = (ctx: RequestContext, status: number, name: string, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

export interface BodyConfig {
  multipart?: boolean;
  jsonLimit?: string;
  formLimit?: string;
  textLimit?: string;
  formidable?: Record<string, unknown>;
}

/**
 * The routes that take files: the media library's (POST /upload, /upload/files, a file's
 * replacement and its details), the content API's POST /api/upload (as far as a token's
 * permissions enable it), and the administrator's logos (POST /admin/project-settings). Strapi's
 * router matches paths whatever their case, so these do too.
 */
export const takesFiles = (method: string, pathname: string, apiPrefix = '/api'): boolean => {
  const escapedPrefix = apiPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const routes = [
    { methods: ['POST', 'PUT'], path: /^\/upload(\/files(\/[^/]+(\/replace)?)?)?\/?$/i },
    { methods: ['POST'], path: new RegExp(`^${escapedPrefix}/upload/?$`, 'i') },
    { methods: ['POST'], path: /^\/admin\/project-settings\/?$/i },
  ];
  return routes.some((route) => route.methods.includes(method.toUpperCase()) && route.path.test(pathname));
};

/**
 * Strapi's body parser (strapi::body: koa-body with formidable), with every temporary file of a
 * request gone when the request ends, whatever the answer. Strapi's own removes the files sent
 * under the field name `files` only, and none when a later middleware throws (our content check
 * does, for every refused upload), so any client could fill the disk with multipart bodies to
 * any path: the files stayed in the temporary folder for good.
 *
 * - A multipart body is parsed on the routes that take files only (takesFiles); anywhere else it
 *   is refused with 415 before a byte of it is stored.
 * - On those routes, a request without credentials (no Authorization header: the admin and every
 *   API client send their token there, and the public role may never upload, publicRole.ts) is
 *   refused with 401 before a byte is stored too, so anonymous clients cannot make the CMS write
 *   to its disk at all. Credentials that are there are checked by Strapi after parsing, as before.
 * - On those routes, formidable writes the request's files into a folder of the request's own,
 *   which is removed, with whatever is in it (a file cut short by the size limit or by a client
 *   that went away too), before the answer leaves.
 * - Everything else is Strapi's: the limits given in config/middlewares.ts, GraphQL left to its
 *   own parser, the 413 for a file over the size limit.
 */
const removingTemporaryFiles =
  (strapiBody: BodyFactory): BodyFactory =>
  (config, { strapi }) => {
    const withoutFiles = strapiBody({ ...config, multipart: false }, { strapi });
    const apiPrefix = strapi.config.get('api.rest.prefix', '/api');

    return async (ctx, next) => {
      if (!ctx.is('multipart')) return withoutFiles(ctx, next);
      if (!takesFiles(ctx.method, ctx.path, apiPrefix)) {
        return refuse(
          ctx,
          415,
          'UnsupportedMediaTypeError',
          `${ctx.method} ${ctx.path} takes no files: multipart bodies are accepted only where files are uploaded (POST ${apiPrefix}/upload, the media library).`,
        );
      }
      if (!ctx.get('authorization')) {
        return refuse(
          ctx,
          401,
          'UnauthorizedError',
          'Uploading files needs credentials: an API token or a signed-in session (Authorization: Bearer …).',
        );
      }
      const folder = await mkdtemp(path.join(os.tmpdir(), 'cms-upload-'));
      try {
        await strapiBody({ ...config, multipart: true, formidable: { ...config.formidable, uploadDir: folder } }, { strapi })(ctx, next);
      } finally {
        await rm(folder, { recursive: true, force: true, maxRetries: 3 });
      }
    };
  };

/**
 * Wraps strapi::body (config/middlewares.ts keeps its place and limits; Strapi requires it there)
 * in removingTemporaryFiles, through Strapi's own registry before the middlewares are built.
 */
export const registerRequestBody = (strapi: Core.Strapi): void => {
  strapi
    .get<{ extend(uid: string, wrap: (factory: BodyFactory) => BodyFactory): unknown }>('middlewares')
    .extend('strapi::body', removingTemporaryFiles);
};

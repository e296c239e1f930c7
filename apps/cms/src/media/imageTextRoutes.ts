import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ALT_TEXT_FIELD, DECORATIVE_FIELD, FILE_UID, type ImageFile } from './imageText';
import { registerAdminRoutes } from '../utils/adminRoutes';

/** One image as the admin's "Bilder och alternativtexter" page shows and edits it. */
export interface ImageText {
  id: number;
  name: string;
  url: string;
  /** Swedish: Strapi's own `alternativeText`, the one the media library edits too. */
  alternativeText: string;
  alternativeTextEn: string;
  decorative: boolean;
}

export interface ImageTextsAnswer {
  data: ImageText[];
  meta: { page: number; pageSize: number; total: number; pageCount: number };
}

export const IMAGE_TEXTS_PAGE_SIZE = 50;
/** The longest text alternative taken: a text alternative is a sentence or two, a longer text belongs in the page. */
export const ALT_TEXT_MAX = 500;

interface Ability {
  can(action: string, subject?: string): boolean;
}

interface RouteContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: { userAbility?: Ability; user?: { id: number } };
  body: unknown;
}

const toImageText = (file: ImageFile): ImageText => ({
  id: file.id,
  name: file.name,
  url: file.url,
  alternativeText: file.alternativeText ?? '',
  alternativeTextEn: file.alternativeTextEn ?? '',
  decorative: file.decorative === true,
});

const allow = (ctx: RouteContext, action: string, message: string) => {
  // A PolicyError: Strapi answers a plain ForbiddenError with a bare "Forbidden".
  if (!ctx.state.userAbility?.can(action)) throw new errors.PolicyError(message);
};

/** The body of a change, checked: each text at most ALT_TEXT_MAX characters, decorative a boolean. */
export const parseImageTextChange = (body: unknown): Partial<Pick<ImageText, 'alternativeText' | 'alternativeTextEn' | 'decorative'>> => {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const change: Partial<Pick<ImageText, 'alternativeText' | 'alternativeTextEn' | 'decorative'>> = {};
  for (const [field, language] of [
    [ALT_TEXT_FIELD.sv, 'svenska'],
    [ALT_TEXT_FIELD.en, 'engelska'],
  ] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new errors.ValidationError(`Alternativtexten på ${language} ska vara text.`);
    if (value.trim().length > ALT_TEXT_MAX)
      throw new errors.ValidationError(
        `Alternativtexten på ${language} är ${value.trim().length} tecken; högst ${ALT_TEXT_MAX} går. Beskriv kort vad bilden visar.`,
      );
    change[field] = value.trim();
  }
  if (input[DECORATIVE_FIELD] !== undefined) {
    if (typeof input[DECORATIVE_FIELD] !== 'boolean') throw new errors.ValidationError('"Dekorativ" ska vara ja eller nej.');
    change.decorative = input[DECORATIVE_FIELD];
  }
  return change;
};

/**
 * The admin routes behind "Bilder och alternativtexter": every image with its Swedish and
 * English text alternative and its decorative mark, and a change of them. A change emits
 * `media.update`, as the upload plugin's own update does: the site's webhook
 * (src/webhooks/siteWebhook.ts) names the file, and the site renders again the pages that show it.
 * Editors may use them through the media library's permissions (read, and update to change).
 */
export const registerImageTextRoutes = (strapi: Core.Strapi): void => {
  registerAdminRoutes(strapi, [
    {
      method: 'GET',
      path: '/image-texts',
      handler: async (ctx: RouteContext) => {
        allow(ctx, 'plugin::upload.read', 'Du har inte behörighet att se mediebiblioteket.');
        const page = Math.max(1, Number.parseInt(typeof ctx.query.page === 'string' ? ctx.query.page : '1', 10) || 1);
        const search = typeof ctx.query.q === 'string' ? ctx.query.q.trim() : '';
        const missing = ctx.query.missing === 'true';
        const where = {
          mime: { $startsWith: 'image/' },
          ...(search ? { name: { $containsi: search } } : {}),
          ...(missing
            ? {
                // Files uploaded before the mark existed have none (NULL): not decorative.
                $and: [
                  { $or: [{ decorative: { $null: true } }, { decorative: false }] },
                  {
                    $or: [
                      { alternativeText: { $null: true } },
                      { alternativeText: '' },
                      { alternativeTextEn: { $null: true } },
                      { alternativeTextEn: '' },
                    ],
                  },
                ],
              }
            : {}),
        };
        const query = strapi.db.query(FILE_UID);
        const [files, total] = await Promise.all([
          query.findMany({
            where,
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            limit: IMAGE_TEXTS_PAGE_SIZE,
            offset: (page - 1) * IMAGE_TEXTS_PAGE_SIZE,
          }),
          query.count({ where }),
        ]);
        const answer: ImageTextsAnswer = {
          data: (files as ImageFile[]).map(toImageText),
          meta: { page, pageSize: IMAGE_TEXTS_PAGE_SIZE, total, pageCount: Math.ceil(total / IMAGE_TEXTS_PAGE_SIZE) },
        };
        ctx.body = answer;
      },
    },
    {
      method: 'PUT',
      path: '/image-texts/:id',
      handler: async (ctx: RouteContext) => {
        allow(ctx, 'plugin::upload.assets.update', 'Du har inte behörighet att ändra filer i mediebiblioteket.');
        const id = Number.parseInt(ctx.params.id ?? '', 10);
        const file = Number.isInteger(id) ? ((await strapi.db.query(FILE_UID).findOne({ where: { id } })) as ImageFile | null) : null;
        if (!file?.mime.startsWith('image/')) throw new errors.NotFoundError('Bilden finns inte i mediebiblioteket.');
        const change = parseImageTextChange(ctx.request.body);
        const updated = (await strapi.db.query(FILE_UID).update({
          where: { id },
          data: { ...change, ...(ctx.state.user ? { updatedBy: ctx.state.user.id } : {}) },
        })) as ImageFile;
        // As the upload plugin's own update does (services/upload.js emitEvent, not exposed):
        // media.update, which the site's webhook sends on, and the site renders again.
        await strapi.eventHub.emit('media.update', { media: { ...updated, updatedBy: undefined } });
        ctx.body = { data: toImageText(updated) };
      },
    },
  ]);
};

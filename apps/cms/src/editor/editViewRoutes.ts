import { DOCUMENT_PAGE_TYPES, documentPath, isLocale, type AddressFields } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { registerAdminRoutes } from '../utils/adminRoutes';

/** What GET /site-link answers the edit view's "Visa på webbplatsen" (src/admin/editView/ViewOnSitePanel.tsx). */
export interface SiteLinkAnswer {
  /** The live page of the document's published version in that language, or null when it has none. */
  url: string | null;
}

/**
 * The address of a document's live page, from its published version (not the draft, whose slug
 * or year may have changed since) and the site's paths in the contract: the CMS never builds a
 * site path itself. Null without SITE_URL, for a type without pages of its own, and for a
 * document not published in that language.
 */
export const liveUrl = async (
  strapi: Core.Strapi,
  siteUrl: string | undefined,
  { uid, documentId, locale }: { uid: string; documentId?: string; locale: string },
): Promise<string | null> => {
  if (!siteUrl || !isLocale(locale) || !(DOCUMENT_PAGE_TYPES as readonly string[]).includes(uid)) return null;
  const documents = strapi.documents(uid as never);
  const single = strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.kind === 'singleType';
  const published = (
    single
      ? await documents.findFirst({ locale, status: 'published' })
      : documentId
        ? await documents.findOne({ documentId, locale, status: 'published' })
        : null
  ) as AddressFields | null;
  if (!published) return null;
  const pathname = documentPath(uid, locale, published);
  return pathname ? new URL(pathname, siteUrl).href : null;
};

/** What GET /next-order answers a new document's "Ordning" (src/admin/IntegerInput.tsx). */
export interface NextOrderAnswer {
  order: number;
}

/**
 * The next free position of a type ordered by hand (goals, priority areas): one after the
 * highest in use, in any language or state, so that a new document does not share the first
 * place with another (the schema's default, 1, did).
 */
export const nextOrder = async (strapi: Core.Strapi, uid: string): Promise<number | null> => {
  const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as { attributes: Record<string, { type?: string }> } | undefined;
  if (!uid.startsWith('api::') || model?.attributes.order?.type !== 'integer') return null;
  const [highest] = (await strapi.db.query(uid).findMany({ select: ['order'], orderBy: { order: 'desc' }, limit: 1 })) as { order: number | null }[];
  return (highest?.order ?? 0) + 1;
};

/** The edit view's questions to the CMS: a document's live page, a new document's position. */
export const registerEditViewRoutes = (strapi: Core.Strapi, siteUrl: string | undefined): void => {
  // Any signed-in admin: they tell only the public address of what is already public, and a number.
  registerAdminRoutes(strapi, [
    {
      method: 'GET',
      path: '/site-link',
      handler: async (ctx: { query: Record<string, string | undefined>; body: SiteLinkAnswer }) => {
        const { uid = '', documentId, locale = '' } = ctx.query;
        ctx.body = { url: await liveUrl(strapi, siteUrl, { uid, documentId, locale }) };
      },
    },
    {
      method: 'GET',
      path: '/next-order',
      handler: async (ctx: { query: Record<string, string | undefined>; status: number; body: NextOrderAnswer | { error: string } }) => {
        const order = await nextOrder(strapi, ctx.query.uid ?? '');
        if (order === null) {
          ctx.status = 400;
          ctx.body = { error: 'Typen har ingen ordning.' };
          return;
        }
        ctx.body = { order };
      },
    },
  ]);
};

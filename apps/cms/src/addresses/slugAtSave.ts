import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { cutSlug, MAX_SLUG_LENGTH, slugify } from '../utils/slugify';

/** The types whose address is a slug made from the title. */
const SLUG_TYPES = new Set(['api::priority-area.priority-area']);

type SlugQuery = Core.Strapi['db'];

/**
 * A slug for `title` that no other document has in that language: the title's slug, or with
 * -2, -3, … at the end (still at most MAX_SLUG_LENGTH characters, the cut made before the number).
 */
export const uniqueSlug = async (
  db: SlugQuery,
  uid: string,
  { title, locale, documentId }: { title: string; locale: string; documentId?: string },
): Promise<string> => {
  const base = slugify(title);
  if (base === '') return '';
  const taken = new Set(
    (
      (await db.query(uid).findMany({
        select: ['slug'],
        where: { slug: { $startsWith: cutSlug(base, MAX_SLUG_LENGTH - 4) }, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      })) as { slug?: string }[]
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let number = 2; ; number++) {
    const suffix = `-${number}`;
    const candidate = `${cutSlug(base, MAX_SLUG_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
};

const refuse = (message: string) => new errors.ValidationError(message, { errors: [{ path: ['slug'], message, name: 'ValidationError' }] });

/**
 * A priority area's address, at every save, through every door (the admin, REST, GraphQL,
 * scripts): made from the title when none is given (never a placeholder such as the type's name,
 * which Strapi's own slug field offered), and refused with a Swedish message when longer than
 * MAX_SLUG_LENGTH characters. An address saved before the limit may stay as it is (its page
 * keeps its address); a new or changed one must keep to it.
 */
export const registerSlugAtSave = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (!SLUG_TYPES.has(context.uid) || (context.action !== 'create' && context.action !== 'update')) return next();
    const params = context.params as { documentId?: string; locale?: string; data?: Record<string, unknown> };
    const data = params.data;
    if (!data) return next();
    const locale = params.locale ?? 'sv';
    const slug = data.slug;
    if ((slug === undefined || slug === null || slug === '') && typeof data.title === 'string' && data.title.trim() !== '') {
      // On update, only when the document has no address in that language yet.
      const stored = params.documentId
        ? ((await strapi.db.query(context.uid).findOne({ select: ['slug'], where: { documentId: params.documentId, locale } })) as {
            slug?: string;
          } | null)
        : null;
      const made = stored?.slug || (await uniqueSlug(strapi.db, context.uid, { title: data.title, locale, documentId: params.documentId }));
      if (made) data.slug = made;
    } else if (typeof slug === 'string' && slug.length > MAX_SLUG_LENGTH) {
      const stored = params.documentId
        ? ((await strapi.db.query(context.uid).findOne({ select: ['slug'], where: { documentId: params.documentId, locale, slug } })) as unknown)
        : null;
      if (!stored) {
        throw refuse(
          `Adressen är ${slug.length} tecken lång; den får vara högst ${MAX_SLUG_LENGTH} tecken. Korta den, gärna vid ett ord (bindestreck).`,
        );
      }
    }
    return next();
  });
};

/**
 * Strapi's own "generate" for a slug field (the content manager's /uid/generate, asked when a
 * form opens with an empty address) makes the type's name, `priority-area`, when the title is
 * empty, and knows no length limit: for our types it answers the title's slug, or nothing.
 */
export const replaceSlugGeneration = (strapi: Core.Strapi): void => {
  const service = strapi.plugin('content-manager').service<{
    generateUIDField(args: { contentTypeUID: string; field: string; data: Record<string, unknown>; locale?: string }): Promise<string>;
  }>('uid');
  const original = service.generateUIDField.bind(service);
  service.generateUIDField = async (args) => {
    if (!SLUG_TYPES.has(args.contentTypeUID) || args.field !== 'slug') return original(args);
    const title = typeof args.data.title === 'string' ? args.data.title : '';
    const documentId = typeof args.data.id === 'string' && args.data.id !== '' ? args.data.id : undefined;
    return uniqueSlug(strapi.db, args.contentTypeUID, { title, locale: args.locale ?? 'sv', documentId });
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

interface UniqueRule {
  field: string;
  /** A slug is unique within its language; a year belongs to the whole document. */
  perLocale: boolean;
  /** What the editor reads, in Swedish, naming the document that has the value already. */
  message: (value: unknown, title: string) => string;
}

/** The fields editors must not repeat, per content type. */
export const UNIQUE_AT_SAVE: Record<string, UniqueRule> = {
  'api::report.report': {
    field: 'year',
    perLocale: false,
    message: (year, title) => `Det finns redan en verksamhetsberättelse för ${String(year)}: ${title}.`,
  },
  'api::plan.plan': {
    field: 'year',
    perLocale: false,
    message: (year, title) => `Det finns redan en verksamhetsplan för ${String(year)}: ${title}.`,
  },
  'api::priority-area.priority-area': {
    field: 'slug',
    perLocale: true,
    message: (slug, title) => `Adressen "${String(slug)}" används redan av det prioriterade området ${title}. Välj en annan adress.`,
  },
};

/**
 * Refuses, when a draft is saved, a year or slug that another document already has. Strapi checks
 * `unique` only at publish, so a second draft for 2025 could be saved, then published over the
 * page of the first while that one was unpublished. The message names the other document, under
 * the field in the admin.
 */
export const registerUniqueAtSave = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    const rule = UNIQUE_AT_SAVE[context.uid];
    if (rule && (context.action === 'create' || context.action === 'update')) {
      const params = context.params as { documentId?: string; locale?: string; data?: Record<string, unknown> };
      const value = params.data?.[rule.field];
      if (value !== undefined && value !== null && value !== '') {
        const clash = (await strapi.db.query(context.uid).findOne({
          select: ['title', 'documentId'],
          where: {
            [rule.field]: value,
            ...(params.documentId ? { documentId: { $ne: params.documentId } } : {}),
            ...(rule.perLocale ? { locale: params.locale ?? 'sv' } : {}),
          },
          // The Swedish title when there is one ('sv' sorts after 'en').
          orderBy: { locale: 'desc' },
        })) as { title?: string } | null;
        if (clash) {
          const message = rule.message(value, clash.title ?? '');
          throw new errors.ValidationError(message, { errors: [{ path: [rule.field], message, name: 'ValidationError' }] });
        }
      }
    }
    return next();
  });
};

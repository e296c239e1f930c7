import { DEFAULT_LOCALE } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isLocalizedType } from './documentContent';
import { findPublishProblems, type PublishProblem } from './publishChecks';

/** The languages a publish names: one, several (the admin's "publish several languages"), or every one with a draft ('*'). */
const localesOf = async (strapi: Core.Strapi, uid: string, documentId: string, locale: unknown): Promise<string[]> => {
  if (!isLocalizedType(strapi, uid)) return [DEFAULT_LOCALE];
  if (Array.isArray(locale)) return locale.filter((value): value is string => typeof value === 'string');
  if (typeof locale === 'string' && locale !== '*') return [locale];
  if (locale === '*') {
    const drafts = (await strapi.db.query(uid).findMany({ select: ['locale'], where: { documentId, publishedAt: null } })) as { locale: string }[];
    return drafts.map((draft) => draft.locale);
  }
  // Strapi's document service publishes the default locale when none is named: the contract's (src/i18n/locales.ts makes it so).
  return [DEFAULT_LOCALE];
};

/** The refusal the admin shows: the problems under their fields, and all of them in the message. */
export const publishRefusal = (problems: PublishProblem[]): errors.ValidationError => {
  const message =
    problems.length === 1
      ? (problems[0]?.message ?? '')
      : `Sidan kan inte publiceras:\n${problems.map((problem) => `• ${problem.message}`).join('\n')}`;
  return new errors.ValidationError(message, {
    errors: problems.map((problem) => ({ path: problem.path ?? [], message: problem.message, name: 'ValidationError' })),
  });
};

/**
 * Refuses a publish, through every door (admin, REST, scripts, a scheduled publish), while the
 * draft has a problem findPublishProblems names: an image without a text alternative in that
 * language, a link to a page of the site that is not published, or what Strapi itself refuses.
 * Checked before Strapi's publish, whose own errors are in English and name no image or link.
 */
export const registerPublishGuard = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'publish' || !context.uid.startsWith('api::')) return next();
    const params = context.params as { documentId?: string; locale?: unknown };
    if (!params.documentId) return next();
    const problems: PublishProblem[] = [];
    const locales = await localesOf(strapi, context.uid, params.documentId, params.locale);
    for (const locale of locales) {
      const found = await findPublishProblems(strapi, context.uid, params.documentId, locale);
      // With several languages at once, each problem says which language it is about.
      problems.push(
        ...(locales.length > 1
          ? found.map((problem) => ({ ...problem, message: `${locale === 'en' ? 'Engelska' : 'Svenska'}: ${problem.message}` }))
          : found),
      );
    }
    if (problems.length > 0) throw publishRefusal(problems);
    return next();
  });
};

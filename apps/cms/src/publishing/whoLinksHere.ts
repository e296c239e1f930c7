import { DOCUMENT_PAGE_TYPES, type Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { cmsEnv } from '../config/env';
import { contentTypeLabels } from '../editor/fieldLabels';
import { deepPopulate, isLocalizedType, walkContent } from './documentContent';
import { comparablePath, publishedDocumentPages, sitePathOf } from './internalLinks';
import { registerAdminRoutes } from '../utils/adminRoutes';

/** A published page that links to the document asked about. */
export interface LinkingPage {
  uid: string;
  /** The type's Swedish name ("Verksamhetsplan"). */
  type: string;
  documentId: string;
  locale: Locale;
  title: string;
  /** The address it links to. */
  linksTo: string;
  /** Where the admin edits it. */
  editPath: string;
}

/** What GET /publishing/links-to/:uid/:documentId answers. */
export interface LinksToAnswer {
  /** The document's own published addresses. */
  paths: string[];
  data: LinkingPage[];
}

const TYPE_NAMES: Record<string, string> = {
  'api::organisation.organisation': 'Startsida (organisationen)',
  'api::goal.goal': 'Inriktningsmål',
  'api::plan.plan': 'Verksamhetsplan',
  'api::report.report': 'Verksamhetsberättelse',
  'api::priority-area.priority-area': 'Prioriterat område',
  'api::accessibility-statement.accessibility-statement': 'Tillgänglighetsredogörelse',
};

const editPathOf = (strapi: Core.Strapi, uid: string, documentId: string, locale: string): string => {
  const single = (strapi.getModel(uid as never) as { kind?: string } | undefined)?.kind === 'singleType';
  return `/content-manager/${single ? 'single-types' : 'collection-types'}/${uid}${single ? '' : `/${documentId}`}?plugins[i18n][locale]=${locale}`;
};

/**
 * The published pages whose text or link fields link to one of the document's published
 * addresses (in any language): what an unpublish or delete of it would break.
 */
export const whoLinksHere = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<LinksToAnswer> => {
  const pages = await publishedDocumentPages(strapi);
  const own = pages.filter((page) => page.uid === uid && page.documentId === documentId);
  const targets = new Map(own.map((page) => [comparablePath(page.path), page.path]));
  const found: LinkingPage[] = [];
  if (targets.size === 0) return { paths: [], data: found };
  const siteUrl = cmsEnv().SITE_URL;
  for (const type of DOCUMENT_PAGE_TYPES) {
    if (!strapi.getModel(type as never)) continue;
    const entries = (await strapi.db.query(type).findMany({
      where: { publishedAt: { $notNull: true } },
      populate: deepPopulate(strapi, type),
    })) as Record<string, unknown>[];
    for (const entry of entries) {
      if (type === uid && entry.documentId === documentId) continue;
      const locale = (isLocalizedType(strapi, type) ? entry.locale : 'sv') as Locale;
      const linked = new Set<string>();
      walkContent(strapi, type, entry, {
        link: ({ value }) => {
          const path = sitePathOf(value.url, siteUrl);
          const target = path === undefined ? undefined : targets.get(comparablePath(path));
          if (target) linked.add(target);
        },
      });
      for (const linksTo of linked)
        found.push({
          uid: type,
          type: TYPE_NAMES[type] ?? type,
          documentId: String(entry.documentId),
          locale,
          title: String(entry.title ?? entry.name ?? entry.documentId),
          linksTo,
          editPath: editPathOf(strapi, type, String(entry.documentId), locale),
        });
    }
  }
  // By type and title, Swedish first: the same order on every database.
  found.sort(
    (a, b) => a.type.localeCompare(b.type, 'sv') || a.title.localeCompare(b.title, 'sv') || (a.locale === b.locale ? 0 : a.locale === 'sv' ? -1 : 1),
  );
  return { paths: [...targets.values()].sort(), data: found };
};

interface Ability {
  can(action: string, subject: string): boolean;
}

/** GET /publishing/links-to/:uid/:documentId: who links here, for anyone who may read the type. */
export const registerLinksRoute = (strapi: Core.Strapi): void => {
  registerAdminRoutes(strapi, [
    {
      method: 'GET',
      path: '/publishing/links-to/:uid/:documentId',
      handler: async (ctx: { params: { uid: string; documentId: string }; state: { userAbility?: Ability }; body: unknown }) => {
        const { uid, documentId } = ctx.params;
        if (!(DOCUMENT_PAGE_TYPES as readonly string[]).includes(uid) || !contentTypeLabels[uid])
          throw new errors.ValidationError(`Okänd innehållstyp: ${uid}.`);
        if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.read', uid))
          throw new errors.PolicyError('Du har inte behörighet att läsa den här innehållstypen.');
        ctx.body = await whoLinksHere(strapi, uid, documentId);
      },
    },
  ]);
};

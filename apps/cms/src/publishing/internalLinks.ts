import {
  DOCUMENT_PAGE_TYPES,
  documentPath,
  feedPath,
  FEEDBACK_PATHS,
  FEEDBACK_THANKS_PATHS,
  LOCALES,
  routeTo,
  SEARCH_PATHS,
  type ListRoute,
  type Locale,
} from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { isLocalizedType } from './documentContent';

/**
 * Which addresses of the site exist, computed from the CMS's own database with the site
 * contract's address functions (packages/site-contract/src/sitePaths.ts): no path is written
 * here. A link is checked against them at publish; "who links here" reads them backwards.
 */

// Every list page; a Record so that a route added to the contract fails to compile here until it is listed.
const LIST_ROUTES: Record<ListRoute, true> = { home: true, goals: true, plans: true, reports: true, priorityAreas: true, accessibility: true };

/** A published (or about to be) page: its path, and the document it shows. */
export interface SitePage {
  path: string;
  uid: string;
  documentId: string;
  locale: Locale;
  title: string;
}

interface AddressRow {
  documentId: string;
  locale?: string | null;
  slug?: string | null;
  year?: number | null;
  title?: string | null;
  name?: string | null;
}

const hasAttribute = (strapi: Core.Strapi, uid: string, name: string): boolean =>
  Boolean((strapi.getModel(uid as never) as { attributes?: Record<string, unknown> } | undefined)?.attributes?.[name]);

/** The pages of every published document, in every language. */
export const publishedDocumentPages = async (strapi: Core.Strapi): Promise<SitePage[]> => {
  const pages: SitePage[] = [];
  for (const uid of DOCUMENT_PAGE_TYPES) {
    if (!strapi.getModel(uid as never)) continue;
    const select = ['documentId', 'locale', 'slug', 'year', 'title', 'name'].filter(
      (field) => field === 'documentId' || hasAttribute(strapi, uid, field),
    );
    const rows = (await strapi.db.query(uid).findMany({ select, where: { publishedAt: { $notNull: true } } })) as AddressRow[];
    for (const row of rows) {
      const locale = (isLocalizedType(strapi, uid) ? row.locale : 'sv') as Locale;
      if (!LOCALES.includes(locale)) continue;
      const path = documentPath(uid, locale, { slug: row.slug, year: row.year });
      if (path) pages.push({ path, uid, documentId: row.documentId, locale, title: row.title ?? row.name ?? row.documentId });
    }
  }
  return pages;
};

/** The addresses that exist whatever is published: list pages, their feeds, search and the feedback form. */
export const alwaysThere = (): string[] =>
  LOCALES.flatMap((locale) => [
    ...(Object.keys(LIST_ROUTES) as ListRoute[]).map((route) => routeTo(route, locale)),
    feedPath('plans', locale),
    feedPath('reports', locale),
    SEARCH_PATHS[locale],
    FEEDBACK_PATHS[locale],
    FEEDBACK_THANKS_PATHS[locale],
  ]);

/** A path without its query and fragment, decoded, with a trailing slash unless it names a file: how two addresses are compared. */
export const comparablePath = (path: string): string => {
  let bare = path.replace(/[?#].*$/, '');
  try {
    bare = decodeURIComponent(bare);
  } catch {
    // A malformed escape: compared as written.
  }
  return /\.[a-z0-9]+$/i.test(bare) || bare.endsWith('/') ? bare : `${bare}/`;
};

/**
 * The site path a link points to, or undefined for a link that leaves the site (another host,
 * mailto:, tel:), a fragment on the same page, or an uploaded file.
 */
export const sitePathOf = (url: string, siteUrl: string | undefined): string | undefined => {
  const trimmed = url.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return isUpload(trimmed) ? undefined : trimmed;
  if (!siteUrl || !URL.canParse(trimmed)) return undefined;
  const target = new URL(trimmed);
  const site = new URL(siteUrl);
  if (!/^https?:$/.test(target.protocol) || target.host !== site.host) return undefined;
  return isUpload(target.pathname) ? undefined : `${target.pathname}${target.search}${target.hash}`;
};

// Uploaded files are the CMS's (MEDIA_URL), not pages: the media library answers for them.
const isUpload = (path: string): boolean => path.startsWith('/uploads/');

/** The language an address belongs to, by the contract's English prefix (the English home page's). */
export const localeOfPath = (path: string): Locale => {
  const englishHome = routeTo('home', 'en');
  return path === englishHome.replace(/\/$/, '') || path.startsWith(englishHome) ? 'en' : 'sv';
};

const words = (path: string): string[] =>
  path
    .toLowerCase()
    .split(/[^a-z0-9åäö]+/)
    .filter(Boolean);

/**
 * The existing address a broken one most likely meant, in the same language: the one sharing
 * most words with it (`/en/operational-plans/2018` → `/en/plans/2018/`), if its last part
 * matches and no other address is as close.
 */
export const suggestPath = (broken: string, existing: Iterable<string>): string | undefined => {
  const wanted = words(broken);
  const last = wanted.at(-1);
  if (!last) return undefined;
  const locale = localeOfPath(broken);
  let best: { path: string; score: number } | undefined;
  let tie = false;
  for (const path of existing) {
    if (localeOfPath(path) !== locale) continue;
    const have = words(path);
    if (have.at(-1) !== last) continue;
    const score = have.filter((word) => wanted.includes(word)).length - Math.abs(have.length - wanted.length) * 0.1;
    if (!best || score > best.score) {
      best = { path, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  return best && !tie ? best.path : undefined;
};

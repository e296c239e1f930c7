import type { Alternates } from '../i18n/alternates';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locales';
import { feedbackBusyPath, feedPath, planPath, priorityAreaPath, reportPath, routeTo, type ListRoute } from '../i18n/routes';
import {
  addressOf,
  documentAt,
  documentOf,
  keptDocuments,
  pagedDocuments,
  pageListingVersion,
  sitemapPartCount,
  type ContentTypes,
  type PagedType,
} from './contentSnapshot';
import { formerAddressFile, type SitePage } from '../../renderer-contract';
import { documentKey, noteRead } from './dependencies';
import { formerAddressesVersion, formerAddressKey, formerPages } from './formerAddresses';
import { bucketOf, bucketsOfPart, sitemapAddressKey, sitemapPartPath, SITEMAP_PAGES_PART, SITEMAP_TYPES, type SitemapType } from './sitemapParts';

/** The pages that exist once per language, whatever the content. */
export const LIST_PAGES: ListRoute[] = ['home', 'goals', 'plans', 'reports', 'accessibility'];

/** The address of a document's page in one language, from its year or slug. */
const PAGE_ADDRESS: Record<PagedType, (locale: Locale, address: string) => string> = {
  plan: (locale, address) => planPath(locale, Number(address)),
  report: (locale, address) => reportPath(locale, Number(address)),
  'priority-area': (locale, address) => priorityAreaPath(locale, address),
};

const pathOf = <Type extends PagedType>(type: Type, locale: Locale, doc: ContentTypes[Type]) => PAGE_ADDRESS[type](locale, addressOf(type, doc));

/**
 * The document a page address names (`/verksamhetsplaner/2018/` → the 2018 plan), with the
 * addresses of its other language versions; undefined when no published document has it.
 */
export const documentPage = async <Type extends PagedType>(
  type: Type,
  locale: Locale,
  address: string | undefined,
): Promise<{ doc: ContentTypes[Type]; alternates: Alternates } | undefined> => {
  const doc = address === undefined ? undefined : await documentAt(type, locale, address);
  if (!doc) return undefined;
  const alternates: Alternates = {};
  for (const code of LOCALES) {
    const version = code === locale ? doc : await documentOf(type, code, doc.documentId);
    if (version) alternates[code] = pathOf(type, code, version);
  }
  return { doc, alternates };
};

/** The pages every site has, with their language versions: the sitemap's fixed part. */
export const sitemapListPages = (): Alternates[] =>
  LIST_PAGES.map((route) => Object.fromEntries(LOCALES.map((locale) => [locale, routeTo(route, locale)])));

/**
 * The documents of one sitemap part (./sitemapParts.ts) with their language versions, in
 * documentId order (the same whether the part was rendered in a full build or after a change).
 * The part depends on its buckets' addresses and its type's number of parts, not on the lists:
 * a publish that moves no address renders no part.
 */
export const sitemapPartPages = async <Type extends SitemapType>(type: Type, part: number): Promise<Alternates[]> => {
  const parts = await sitemapPartCount(type);
  for (const bucket of bucketsOfPart(part, parts)) noteRead(sitemapAddressKey(type, bucket));
  // Matched on documentId, so that a document that exists in English only is listed too.
  const byDocument = new Map<string, Alternates>();
  for (const locale of LOCALES) {
    for (const [documentId, { doc }] of await keptDocuments(type, locale)) {
      if (bucketOf(documentId) % parts !== part) continue;
      const alternates = byDocument.get(documentId) ?? {};
      alternates[locale] = pathOf(type, locale, doc);
      byDocument.set(documentId, alternates);
    }
  }
  return [...byDocument.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, alternates]) => alternates);
};

/** The sitemap's parts, the fixed one first: what the index lists and the site has pages for. */
export const sitemapParts = async (): Promise<string[]> => {
  const paths = [SITEMAP_PAGES_PART];
  for (const type of SITEMAP_TYPES) {
    const parts = await sitemapPartCount(type);
    for (let part = 0; part < parts; part++) paths.push(sitemapPartPath(type, part));
  }
  return paths;
};

/** The file a page is kept in: /a/ in /a/index.html, other addresses as they are. */
const fileOf = (path: string) => (path.endsWith('/') ? `${path}index.html` : path);

/** The last list of pages made, and the versions of the content it was made from. */
let listed: { key: string; pages: SitePage[] } | undefined;

/**
 * Every page the site has right now, as the full build renders it. The same list (the same
 * array) until a document's address appears, moves or goes, or the old addresses change: a
 * publish of a text at 20,000 pages does not make 20,000 pages' entries again, and the site
 * server, seeing the list it compared last time, compares nothing (server/publishing/publisher.ts).
 */
export const sitePages = async (): Promise<SitePage[]> => {
  // Both read first: a load they would start moves the versions.
  await Promise.all([pagedDocuments('plan', DEFAULT_LOCALE), formerPages()]);
  const key = `${pageListingVersion()}:${formerAddressesVersion()}`;
  if (listed?.key !== key) listed = { key, pages: await listSitePages() };
  return listed.pages;
};

const listSitePages = async (): Promise<SitePage[]> => {
  const pages: SitePage[] = [
    ...LIST_PAGES.flatMap((route) => LOCALES.map((locale) => ({ path: routeTo(route, locale), file: fileOf(routeTo(route, locale)) }))),
    // The server answers every unknown address with this page.
    { path: '/404/', file: '/404.html', status: 404 },
    // The server answers the feedback form with this page when too many requests come at once.
    ...LOCALES.map((locale) => ({ path: feedbackBusyPath(locale), file: fileOf(feedbackBusyPath(locale)) })),
    // The sitemap's index and its parts (./sitemapParts.ts).
    { path: '/sitemap.xml', file: '/sitemap.xml' },
    ...(await sitemapParts()).map((part) => ({ path: part, file: part })),
    { path: '/robots.txt', file: '/robots.txt' },
    // The Atom feeds: built like pages, so that a publish of a plan or report re-renders its feed.
    ...(['plans', 'reports'] as const).flatMap((list) => LOCALES.map((locale) => ({ path: feedPath(list, locale), file: feedPath(list, locale) }))),
  ];
  const seen = new Set(pages.map((page) => page.path));
  for (const type of ['plan', 'report', 'priority-area'] as const) {
    for (const locale of LOCALES) {
      for (const doc of await pagedDocuments(type, locale)) {
        const path = pathOf(type, locale, doc);
        // Two documents with one address: the first in list order has the page (documentAt).
        if (seen.has(path)) continue;
        seen.add(path);
        pages.push({ path, file: fileOf(path), owner: documentKey(type, locale, doc.documentId) });
      }
    }
  }
  // Old addresses (the CMS's, src/addresses/): a 301 to where the page went, or a 410 saying what
  // it was. A page published at the address now has it (a new document that took it wins).
  for (const former of await formerPages()) {
    if (seen.has(former.path)) continue;
    seen.add(former.path);
    pages.push({
      path: former.path,
      file: formerAddressFile(former.path),
      owner: formerAddressKey(former.path),
      ...(former.to ? { status: 301, location: former.to } : { status: 410 }),
    });
  }
  return pages;
};

/**
 * The language of a plan's or report's attached file. Its documents are written in Swedish: a
 * file that the Swedish version has too is Swedish (an English page offering the Swedish PDF);
 * a file of its own is in the page's language.
 */
export const fileLanguage = async <Type extends 'plan' | 'report'>(type: Type, doc: ContentTypes[Type], locale: Locale): Promise<Locale> => {
  const file = doc.document?.documentId;
  if (!file || locale === DEFAULT_LOCALE) return locale;
  const original = await documentOf(type, DEFAULT_LOCALE, doc.documentId);
  return original?.document?.documentId === file ? DEFAULT_LOCALE : locale;
};

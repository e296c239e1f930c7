import type { FormerAddress, Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { listAddresses, publishedPages } from './store';

/**
 * What every address a published page once had answers now, newest first. Judged against what is
 * published now, not against the table's own bookkeeping, so that it cannot drift from the site:
 * - a path some document is published at now is that page's (a new document that took an old
 *   address wins), and is left out;
 * - else, when the document that last had it is published in that language, the old path leads
 *   to its address now: one hop, however many moves came between (A → B → C: A and B lead to C);
 * - else the page is gone (unpublished in that language, or deleted): 410, with its title.
 */
export const formerAddresses = async (strapi: Core.Strapi): Promise<FormerAddress[]> => {
  const [rows, pages] = await Promise.all([listAddresses(strapi.db.connection), publishedPages(strapi)]);
  const live = new Set(pages.map((page) => page.path));
  const now = new Map(pages.map((page) => [`${page.uid}\n${page.documentId}\n${page.locale}`, page.path]));
  return rows
    .filter((row) => !live.has(row.path))
    .map((row) => ({
      path: row.path,
      locale: row.locale as Locale,
      to: now.get(`${row.content_type}\n${row.document_id}\n${row.locale}`) ?? null,
      title: row.title,
      since: new Date(row.left_at ?? row.claimed_at).toISOString(),
      contentType: row.content_type,
      documentId: row.document_id,
    }))
    .sort((a, b) => b.since.localeCompare(a.since) || a.path.localeCompare(b.path));
};

import type { FormerAddress, Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { listLeftAddresses, publishedPages } from './store';

/**
 * What every address a published page once had answers now, newest first. Judged against what is
 * published now, not against the table's own bookkeeping, so that it cannot drift from the site:
 * - a path some document is published at now is that page's (a new document that took an old
 *   address wins), and is left out;
 * - else, when the document that last had it is published in that language, the old path leads
 *   to its address now: one hop, however many moves came between (A → B → C: A and B lead to C);
 * - else the page is gone (unpublished in that language, or deleted): 410, with its title.
 * Only the addresses left are read (an indexed few), and only the published pages that could
 * answer for them (at those paths, or of those documents): the site asks after every publish, and
 * at 20,000 pages reading every published page cost it a quarter of a second each time.
 */
export const formerAddresses = async (strapi: Core.Strapi): Promise<FormerAddress[]> => {
  const rows = await listLeftAddresses(strapi.db.connection);
  if (rows.length === 0) return [];
  const pages = await publishedPages(strapi, {
    documentIds: new Set(rows.map((row) => row.document_id)),
    paths: new Set(rows.map((row) => row.path)),
  });
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

import type { ContentChange, SiteRenderer } from '../../renderer-contract';
import { contentHash, documentsUsingFiles, isContentType, loadContent, refreshDocuments, type DocumentRef } from '../data/contentSnapshot';
import { trackReads } from '../data/dependencies';
import { sitePages } from '../data/documentPages';
import { getContentFingerprint } from '../data/fingerprint';
import { syncSearchIndex } from '../search/siteSearch';
import { siteDeclaration } from './siteDeclaration';

/**
 * The site's renderer for the site server: the content kept in memory, and Astro's own
 * rendering of the pages in src/pages. The full build and every per-change render go through
 * here, so both produce the same files from the same code.
 */
export const createSiteRenderer = (render: (request: Request) => Promise<Response>, site: string): SiteRenderer => ({
  loadContent: async () => {
    await loadContent();
    // The search index follows the content before its pages go live.
    await syncSearchIndex();
    return contentHash();
  },

  applyChanges: async (changes: ContentChange[]) => {
    const refs: DocumentRef[] = [];
    const files: string[] = [];
    for (const change of changes) {
      if ('fileDocumentId' in change) files.push(change.fileDocumentId);
      // Models the site does not show (users, roles, …) cannot change a page.
      else if (isContentType(change.type)) refs.push({ type: change.type, documentId: change.documentId });
    }
    refs.push(...(await documentsUsingFiles(files)));
    if (refs.length === 0) return [];
    const changed = await refreshDocuments(refs);
    await syncSearchIndex();
    return changed;
  },

  contentHash,
  contentFingerprint: getContentFingerprint,
  listPages: sitePages,

  renderPage: async (path: string) => {
    const { result, dependencies } = await trackReads(async () => {
      const response = await render(new Request(new URL(path, site)));
      // Read inside the tracked scope: the body may be rendered as it is read.
      return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
    });
    return { ...result, dependencies };
  },

  handle: render,
  site: siteDeclaration,
});

import { createHash } from 'node:crypto';
import { NO_CONTENT, type ContentChange, type ContentPart, type SiteRenderer } from '../../renderer-contract';
import {
  contentHash,
  contentLoaded,
  contentParts,
  documentsUsingFiles,
  isContentType,
  loadContent,
  refreshDocuments,
  restoreContentParts,
  type DocumentRef,
} from '../data/contentSnapshot';
import { trackReads } from '../data/dependencies';
import {
  FORMER_ADDRESSES_PART,
  formerAddressesHash,
  formerAddressesLoaded,
  formerAddressesPart,
  loadFormerAddresses,
  refreshFormerAddresses,
  restoreFormerAddresses,
} from '../data/formerAddresses';
import { sitePages } from '../data/documentPages';
import { getContentFingerprint, getContentSummary } from '../data/fingerprint';
import { syncSearchIndex } from '../search/siteSearch';
import { siteDeclaration } from './siteDeclaration';

/**
 * The content's hash and the old addresses' together: a change in either is a change of the
 * site. NO_CONTENT before either is kept: the getters would read the whole CMS to answer.
 */
const siteContentHash = async (): Promise<string> =>
  contentLoaded() && formerAddressesLoaded()
    ? createHash('sha256')
        .update(`${await contentHash()}\n${await formerAddressesHash()}`)
        .digest('hex')
        .slice(0, 16)
    : NO_CONTENT;

/**
 * The site's renderer for the site server: the content kept in memory, and Astro's own
 * rendering of the pages in src/pages. The full build and every per-change render go through
 * here, so both produce the same files from the same code.
 */
export const createSiteRenderer = (render: (request: Request) => Promise<Response>, site: string): SiteRenderer => ({
  loadContent: async () => {
    await Promise.all([loadContent(), loadFormerAddresses()]);
    // The search index follows the content before its pages go live.
    await syncSearchIndex();
    return siteContentHash();
  },

  applyChanges: async (changes: ContentChange[]) => {
    const refs: DocumentRef[] = [];
    const files: string[] = [];
    for (const change of changes) {
      if ('fileDocumentId' in change) files.push(change.fileDocumentId);
      // Models the site does not show (users, roles, …) cannot change a page.
      else if (isContentType(change.type)) refs.push({ type: change.type, documentId: change.documentId });
    }
    // A publish, unpublish or delete of a document is what moves or removes an address: the
    // old addresses are read again with every change that names one (a file's change moves none).
    const namesDocument = refs.length > 0;
    refs.push(...(await documentsUsingFiles(files)));
    if (refs.length === 0) return [];
    const [changed, addresses] = await Promise.all([refreshDocuments(refs), namesDocument ? refreshFormerAddresses() : []]);
    await syncSearchIndex();
    return [...changed, ...addresses];
  },

  contentHash: siteContentHash,

  contentParts: async () => {
    if (!contentLoaded() || !formerAddressesLoaded()) return [];
    const addresses = formerAddressesPart();
    return [...contentParts(), ...(addresses ? [addresses] : [])] satisfies ContentPart[];
  },

  restoreContent: async (names: string[], read: (name: string) => Uint8Array) => {
    if (!names.includes(FORMER_ADDRESSES_PART)) throw new Error(`The stored content has no ${FORMER_ADDRESSES_PART} part.`);
    // A part that cannot be read throws: the server then makes a full build, which reads everything again.
    await restoreContentParts(
      names.filter((name) => name !== FORMER_ADDRESSES_PART),
      read,
    );
    restoreFormerAddresses(read(FORMER_ADDRESSES_PART));
    await syncSearchIndex();
    return siteContentHash();
  },
  contentFingerprint: getContentFingerprint,
  contentSummary: getContentSummary,
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

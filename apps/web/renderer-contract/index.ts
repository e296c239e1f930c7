// The renderer contract: the one place where the site server (server/) and the site's code (src/)
// meet. A release's code bundle (built from src/renderer/entry.ts) exports a RendererModule; the
// server imports that bundle and drives it through these types. Neither side imports the other:
// both import this file, and it imports only the site contract package. See README.md here.
import type { FingerprintEntries, Locale } from '@malardalsradet/site-contract';

/** Raised whenever the shape below changes, so that a server never drives a bundle it does not know. */
export const RENDERER_API_VERSION = 3;

/** The content hash of a renderer that keeps no content yet. */
export const NO_CONTENT = 'none';

/** A change the CMS announced: one document (Strapi model name and documentId), or an uploaded file. */
export type ContentChange = { type: string; documentId: string } | { fileDocumentId: string };

/** A page the site has: its address, and the document (dependency key) it shows, if it shows one. */
export interface SitePage {
  path: string;
  /** The file it is kept in, from the release's root: `/a/index.html`, `/404.html`, `/sitemap.xml`. */
  file: string;
  owner?: string;
  /**
   * The status its rendering answers with when all is well, if not 200 (the not-found page: 404;
   * an old address: 301 to where its page moved, 410 for a page removed).
   */
  status?: number;
  /** For a 301: the path it leads to (the Location the server answers with). */
  location?: string;
}

/**
 * Where the pages of old addresses (301, 410) are kept in a release: under this prefix, so that
 * their path finds no file and the server answers them with their status; the server answers a
 * request for the prefix itself 404.
 */
export const FORMER_ADDRESS_FILES = '/_former';

/** The file the page of an old address is kept in. */
export const formerAddressFile = (path: string): string => `${FORMER_ADDRESS_FILES}${path.endsWith('/') ? `${path}index.html` : `${path}.html`}`;

/** One rendered page, and what it read while rendering (dependency keys, see src/data/dependencies.ts). */
export interface RenderedPage {
  status: number;
  body: Uint8Array;
  dependencies: string[];
}

/**
 * One part of the content a renderer keeps, stored by the server with each release as a blob
 * named by `hash` (the SHA-256 of `body()`, in hex), so that a start reads it back from the live
 * release (restoreContent) instead of reading the whole CMS again. The body's form is the
 * renderer's own: only the same code version reads it back. A part's hash changes only when
 * what it holds does, so a release after a change stores the few parts that changed.
 */
export interface ContentPart {
  name: string;
  hash: string;
  body(): Uint8Array;
}

/** The site's renderer, held in memory by the server for as long as its code is live. */
export interface SiteRenderer {
  /** Reads everything published from the CMS and keeps it; returns a hash of it. */
  loadContent(): Promise<string>;
  /** Reads the changed documents again; returns the dependency keys whose published data changed. */
  applyChanges(changes: ContentChange[]): Promise<string[]>;
  /** A hash of the content kept (`NO_CONTENT` while none is: nothing is read only to answer). */
  contentHash(): Promise<string>;
  /** The content kept, in parts to store with a release (none while nothing is kept). */
  contentParts(): Promise<ContentPart[]>;
  /**
   * Replaces the content kept with the parts a release stored (their names, and a reader of each
   * body); returns the content hash, as loadContent does. Reads nothing from the CMS. Throws,
   * keeping what was kept, for a part this code does not write.
   */
  restoreContent(names: string[], read: (name: string) => Uint8Array): Promise<string>;
  /** A cheap summary of the CMS's published content, to notice changes whose webhook was lost. */
  contentFingerprint(): Promise<string>;
  /**
   * The same fingerprint (from the same one read) with what it is a hash of, per type and
   * language. Optional: a renderer built before it was added has only contentFingerprint.
   */
  contentSummary?(): Promise<{ fingerprint: string; entries: FingerprintEntries }>;
  /** Every page the site has with the content kept. */
  listPages(): Promise<SitePage[]>;
  /** Renders one page with the content kept. */
  renderPage(path: string): Promise<RenderedPage>;
  /** Answers an on-demand request (the preview, search, the feedback form). */
  handle(request: Request): Promise<Response>;
  /** What the server must know of the site to route and refuse without rendering (kept in each release). */
  site: SiteDeclaration;
}

/**
 * The addresses the server answers by asking the renderer on demand, per language, as the site
 * declares them (src/i18n/routes.ts): search, the feedback form (whose POST is the server's) and
 * its thank-you page; and the busy page, a file of every release that the server answers the
 * form's addresses with when too many readers come at once. Everything else is a file of the
 * release, or the preview under /preview/.
 */
export interface OnDemandRoutes {
  search: Record<Locale, string>;
  feedback: Record<Locale, string>;
  feedbackThanks: Record<Locale, string>;
  feedbackBusy: Record<Locale, string>;
}

/**
 * The texts the server answers with itself, where rendering a page would be the very work it
 * refuses (one reader over their share, a crowd) or could not finish (a timeout). Written in the
 * site's UI strings (src/i18n/*.json, keys `server.*`).
 */
export const SERVER_TEXT_KEYS = [
  'searchRefusedClient',
  'searchRefusedTotal',
  'feedbackRefusedClient',
  'thanksRefusedClient',
  'previewRefusedClient',
  'previewTimedOut',
  'searchTimedOut',
  'pageTimedOut',
  'archiveRefused',
  'archiveBeforeFirst',
  'archiveNotFound',
] as const;
export type ServerTextKey = (typeof SERVER_TEXT_KEYS)[number];

/** What a release's code tells the server about the site: recorded in each release's manifest. */
export interface SiteDeclaration {
  routes: OnDemandRoutes;
  texts: Record<Locale, Record<ServerTextKey, string>>;
  /**
   * The page that shows the documents of a type that owns no page of its own (the organisation
   * on the start page, the goals on theirs, the accessibility statement on its), by the preview's
   * type name, per language: where an editor's archive link naming such a document leads.
   */
  typePages?: Record<string, Record<Locale, string>>;
}

/** The module a release's code bundle is (`<code>/server/entry.mjs`). */
export interface RendererModule {
  rendererApiVersion: number;
  renderer: SiteRenderer;
}

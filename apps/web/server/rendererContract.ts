// The contract between the site server and a release's code: what the bundle built from
// src/renderer/entry.ts exports, and what the server may ask of it. The server imports nothing
// else of the site's code; the bundle imports this file for its types and version.

/** Raised whenever the shape below changes, so that a server never drives a bundle it does not know. */
export const RENDERER_API_VERSION = 1;

/**
 * The search pages, per language: rendered on demand for each query by the bundle's handle(),
 * never built into a release (the server routes them; the site links to them).
 */
export const SEARCH_PATHS = { sv: '/sok', en: '/en/search' } as const;

/** A change the CMS announced: one document (Strapi model name and documentId), or an uploaded file. */
export type ContentChange = { type: string; documentId: string } | { fileDocumentId: string };

/** A page the site has: its address, and the document (dependency key) it shows, if it shows one. */
export interface SitePage {
  path: string;
  /** The file it is kept in, from the release's root: `/a/index.html`, `/404.html`, `/sitemap.xml`. */
  file: string;
  owner?: string;
  /** The status its rendering answers with when all is well, if not 200 (the not-found page: 404). */
  status?: number;
}

/** One rendered page, and what it read while rendering (dependency keys, see src/data/dependencies.ts). */
export interface RenderedPage {
  status: number;
  body: Uint8Array;
  dependencies: string[];
}

/** The site's renderer, held in memory by the server for as long as its code is live. */
export interface SiteRenderer {
  /** Reads everything published from the CMS and keeps it; returns a hash of it. */
  loadContent(): Promise<string>;
  /** Reads the changed documents again; returns the dependency keys whose published data changed. */
  applyChanges(changes: ContentChange[]): Promise<string[]>;
  /** A hash of the content kept. */
  contentHash(): Promise<string>;
  /** A cheap summary of the CMS's published content, to notice changes whose webhook was lost. */
  contentFingerprint(): Promise<string>;
  /** Every page the site has with the content kept. */
  listPages(): Promise<SitePage[]>;
  /** Renders one page with the content kept. */
  renderPage(path: string): Promise<RenderedPage>;
  /** Answers an on-demand request (the preview). */
  handle(request: Request): Promise<Response>;
}

/** The module a release's code bundle is (server/entry.mjs). */
export interface RendererModule {
  rendererApiVersion: number;
  renderer: SiteRenderer;
}

/**
 * The feedback form (the accessibility law's feedback function), per language, and the page
 * thanking the reader after a message was accepted: rendered on demand like search. A GET shows
 * the form; a POST to the same address is the site server's (server/feedbackReceiver.ts), which
 * checks the message and keeps it, then shows the thank-you page (303) or the form again.
 */
export const FEEDBACK_PATHS = { sv: '/synpunkter', en: '/en/feedback' } as const;
export const FEEDBACK_THANKS_PATHS = { sv: '/synpunkter/tack', en: '/en/feedback/thanks' } as const;
/**
 * The page the server answers the feedback form's addresses with when too many requests come at
 * once (FEEDBACK_TOTAL_PER_SECOND): built into every release like the 404 page, so that refusing
 * costs no rendering, and served with status 503.
 */
export const FEEDBACK_BUSY_PATHS = { sv: '/synpunkter/upptaget/', en: '/en/feedback/busy/' } as const;

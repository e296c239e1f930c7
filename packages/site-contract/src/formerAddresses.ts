import type { Locale } from './locales.ts';

// Addresses the site once served and no longer does (Webbriktlinjer R56: stable addresses, 301
// for a moved page, 410 for a removed one). The CMS keeps every address a published page has had
// (apps/cms/src/addresses/) and answers what each old one has become; the site renders a 301 or
// a 410 for each into its releases, so that a rollback brings back the answers of its moment.

/** The content API route the site reads them from, with its read token: `{ data: FormerAddress[] }`. */
export const FORMER_ADDRESSES_API_PATH = '/api/site-addresses';

/** The types whose pages have an address made of their own fields (slug, year): only these move. */
export const ADDRESSED_TYPES = ['api::plan.plan', 'api::report.report', 'api::priority-area.priority-area'] as const;

/** An address a published page had, and what it answers now. */
export interface FormerAddress {
  /** The old path, as `documentPath` makes it (`/prioriterade-omraden/gammal/`). */
  path: string;
  locale: Locale;
  /** Moved: the document's address now, in the same language (one hop, whatever came between). */
  to: string | null;
  /** The title the page had when it last lived here: what a 410 page says it was. */
  title: string;
  /** When the page left this address (ISO 8601): its move, unpublish or delete. */
  since: string;
  /** The document that last had it (Strapi UID and documentId). */
  contentType: string;
  documentId: string;
}

/** The answer of FORMER_ADDRESSES_API_PATH (and of the admin's list). */
export interface FormerAddressesAnswer {
  data: FormerAddress[];
}

import type { Locale } from './locales.ts';

// The site's addresses, per language, shared by the site (its routes) and the CMS (redirects when
// an address changes, checks of internal links at publish, "Visa på webbplatsen"): one source of
// truth, so that the CMS never guesses a path the site does not serve.
// Every URL of the site, per language: Swedish words at the root, English under /en. Paths end
// in a slash, as the built pages are directories (…/index.html).
const paths = {
  home: { sv: '/', en: '/en/' },
  goals: { sv: '/inriktningsmal/', en: '/en/goals/' },
  plans: { sv: '/verksamhetsplaner/', en: '/en/plans/' },
  reports: { sv: '/verksamhetsberattelser/', en: '/en/reports/' },
  priorityAreas: { sv: '/prioriterade-omraden/', en: '/en/priority-areas/' },
  accessibility: { sv: '/tillganglighet/', en: '/en/accessibility/' },
} as const satisfies Record<string, Record<Locale, string>>;

export type ListRoute = keyof typeof paths;

// The pages rendered on demand, per request (the renderer declares them to the site server:
// renderer-contract/, src/renderer/siteDeclaration.ts), and the busy page, a file of every
// release that the server answers the form's addresses with when too many readers come at once.
/** The search pages, never built into a release. */
export const SEARCH_PATHS = { sv: '/sok', en: '/en/search' } as const satisfies Record<Locale, string>;
/** The feedback form (the accessibility law's feedback function): a GET shows it, a POST is the server's. */
export const FEEDBACK_PATHS = { sv: '/synpunkter', en: '/en/feedback' } as const satisfies Record<Locale, string>;
/** The page thanking the reader after a message was accepted. */
export const FEEDBACK_THANKS_PATHS = { sv: '/synpunkter/tack', en: '/en/feedback/thanks' } as const satisfies Record<Locale, string>;
/** Built like the 404 page and served with 503, so that refusing costs no rendering. */
export const FEEDBACK_BUSY_PATHS = { sv: '/synpunkter/upptaget/', en: '/en/feedback/busy/' } as const satisfies Record<Locale, string>;

/** The path of a page that exists once per language. */
export const routeTo = (route: ListRoute, locale: Locale): string => paths[route][locale];

/** The path of one year's plan. */
export const planPath = (locale: Locale, year: number): string => `${paths.plans[locale]}${year}/`;

/** The path of one year's report. */
export const reportPath = (locale: Locale, year: number): string => `${paths.reports[locale]}${year}/`;

/** The Atom feed of the plans or the reports: beside their list page, `/verksamhetsplaner/atom.xml`. */
export const feedPath = (list: 'plans' | 'reports', locale: Locale): string => `${paths[list][locale]}atom.xml`;

/** The path of a priority area, by its slug in that language. */
export const priorityAreaPath = (locale: Locale, slug: string): string => `${paths.priorityAreas[locale]}${encodeURIComponent(slug)}/`;

/** The search page (rendered on demand by the site server). */
export const searchPath = (locale: Locale): string => SEARCH_PATHS[locale];

/** The query parameter naming the page a reader gives feedback on (`/synpunkter?sida=/inriktningsmal/`). */
export const FEEDBACK_PAGE_PARAM = { sv: 'sida', en: 'page' } as const satisfies Record<Locale, string>;

/** The feedback form (rendered on demand), prefilled with the page the reader comes from when given. */
export const feedbackPath = (locale: Locale, fromPage?: string): string =>
  fromPage ? `${FEEDBACK_PATHS[locale]}?${FEEDBACK_PAGE_PARAM[locale]}=${encodeURIComponent(fromPage)}` : FEEDBACK_PATHS[locale];

/** The page thanking the reader for feedback. */
export const feedbackThanksPath = (locale: Locale): string => FEEDBACK_THANKS_PATHS[locale];

/** The page saying the feedback form is too busy right now (a file of every release). */
export const feedbackBusyPath = (locale: Locale): string => FEEDBACK_BUSY_PATHS[locale];

/**
 * The page a footer's feedback link names: the page's own address, except where that would
 * mislead (the not-found page, whose address the browser's Referer gives instead; a preview;
 * the feedback pages themselves).
 */
export const feedbackSubjectOf = (pathname: string): string | undefined =>
  /^\/404\/?$/.test(pathname) || pathname.startsWith('/preview/') || isFeedbackPath(pathname) ? undefined : pathname;

/** Whether a path is one of the feedback pages. */
export const isFeedbackPath = (pathname: string): boolean =>
  [...Object.values(FEEDBACK_PATHS), ...Object.values(FEEDBACK_THANKS_PATHS)].some((path) => pathname === path || pathname === `${path}/`) ||
  Object.values(FEEDBACK_BUSY_PATHS).some((path) => pathname === path || `${pathname}/` === path);

/** The content types that have pages of their own, by their Strapi UID. */
export const DOCUMENT_PAGE_TYPES = [
  'api::organisation.organisation',
  'api::goal.goal',
  'api::plan.plan',
  'api::report.report',
  'api::priority-area.priority-area',
  'api::accessibility-statement.accessibility-statement',
] as const;
export type DocumentPageType = (typeof DOCUMENT_PAGE_TYPES)[number];

/** The fields of a document its address is made of. */
export interface AddressFields {
  slug?: string | null;
  year?: number | null;
}

/**
 * The path of a document's own page in a language, from the fields its address is made of, or
 * undefined when it has none (a priority area without a slug, a plan without a year).
 */
export const documentPath = (uid: string, locale: Locale, fields: AddressFields = {}): string | undefined => {
  switch (uid) {
    case 'api::organisation.organisation':
      return routeTo('home', locale);
    case 'api::goal.goal':
      return routeTo('goals', locale);
    case 'api::accessibility-statement.accessibility-statement':
      return routeTo('accessibility', locale);
    case 'api::plan.plan':
      return typeof fields.year === 'number' ? planPath(locale, fields.year) : undefined;
    case 'api::report.report':
      return typeof fields.year === 'number' ? reportPath(locale, fields.year) : undefined;
    case 'api::priority-area.priority-area':
      return fields.slug ? priorityAreaPath(locale, fields.slug) : undefined;
    default:
      return undefined;
  }
};

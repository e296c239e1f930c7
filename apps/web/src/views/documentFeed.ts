// The Atom feed of the plans or of the reports in one language: the same feed shape for both,
// as DocumentListView is the same page for both. A route only picks the kind and the language.
import type { APIRoute } from 'astro';
import { getPlans } from '../data/plans';
import { getReports } from '../data/reports';
import type { Locale } from '../i18n/locales';
import { feedPath, planPath, reportPath, routeTo } from '../i18n/routes';
import { t } from '../i18n/t';
import { renderAtomFeed } from '../lib/atomFeed';
import { newestDate, startOfDay } from '../lib/dates';

export type FeedKind = 'plans' | 'reports';

const SOURCES = {
  plans: { documents: getPlans, pathOf: planPath },
  reports: { documents: getReports, pathOf: reportPath },
} as const;

/**
 * At most this many entries, newest year first: every real plan or report (one a year), while
 * the feed, re-rendered with each publish of its kind, stays small on a site of synthetic
 * thousands (bench:build).
 */
const MAX_ENTRIES = 50;

/** With no entries, nothing in the data says when the feed last changed: the start of the epoch, the same in every build. */
const NO_DATE = '1970-01-01T00:00:00Z';

/** The title a feed has, and is announced with on the pages that link to it. */
export const feedTitle = (kind: FeedKind, locale: Locale): string => `${t(locale, `${kind}.title`)} – ${t(locale, 'site.name')}`;

/** The GET handler of a feed's route. Reading the list makes the feed depend on it: a publish of that kind re-renders it. */
export const documentFeed =
  (kind: FeedKind, locale: Locale): APIRoute =>
  async ({ site }) => {
    const origin = (site ?? new URL('http://localhost:4321')).origin;
    const { documents, pathOf } = SOURCES[kind];
    const shown = (await documents(locale)).slice(0, MAX_ENTRIES);
    const entries = shown.map((doc) => ({
      url: `${origin}${pathOf(locale, doc.year)}`,
      title: doc.title,
      updated: doc.updatedAt ? startOfDay(doc.updatedAt) : NO_DATE,
      summary: doc.summary,
    }));
    const newest = newestDate(shown.map((doc) => doc.updatedAt));
    const xml = renderAtomFeed({
      selfUrl: `${origin}${feedPath(kind, locale)}`,
      pageUrl: `${origin}${routeTo(kind, locale)}`,
      lang: locale,
      title: feedTitle(kind, locale),
      subtitle: t(locale, `${kind}.intro`),
      updated: newest ? startOfDay(newest) : NO_DATE,
      author: { name: t(locale, 'site.name'), uri: `${origin}${routeTo('home', locale)}` },
      entries,
    });
    return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
  };

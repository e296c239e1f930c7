// The history API of the CMS (src/history/routes.ts), as the admin reads it: its shapes are the
// server's own (src/history/types.ts, plain data), so that the two cannot drift apart.
import type { HistoryVersion as ServerVersion } from '../../history/types';

export type { MissingReference, RestoreAnswer, SiteEvent, SiteEventsAnswer, SiteEventType } from '../../history/types';
export { SITE_EVENT_TYPES } from '../../history/types';

export interface HistoryVersion extends ServerVersion {
  /**
   * The page as it was served: a signed, time-limited link to the site's archive, for published
   * versions. The signing secret stays on the server, so the CMS has to add it to its answer
   * (createArchiveUrl of the site contract, issue 23); until it does, no link is shown.
   */
  archiveUrl?: string | null;
}

export const historyPath = (contentType: string, documentId: string, locale: string | null | undefined) =>
  `/history/${encodeURIComponent(contentType)}/${encodeURIComponent(documentId)}${locale ? `?locale=${encodeURIComponent(locale)}` : ''}`;

export const restorePath = (versionId: number | string) => `/history/${encodeURIComponent(String(versionId))}/restore`;

export const eventsPath = (filters: { by?: string; type?: string; day?: string; page?: number }) => {
  const query = new URLSearchParams();
  if (filters.by) query.set('by', filters.by);
  if (filters.type) query.set('type', filters.type);
  if (filters.day) query.set('day', filters.day);
  if (filters.page && filters.page > 1) query.set('page', String(filters.page));
  const search = query.toString();
  return `/history/events${search ? `?${search}` : ''}`;
};

/** The edit view of a document, in the content manager, in the given language. */
export const editViewPath = (collectionType: string, model: string, documentId: string, locale: string | null | undefined) => {
  const base =
    collectionType === 'single-types' ? `/content-manager/single-types/${model}` : `/content-manager/collection-types/${model}/${documentId}`;
  return locale ? `${base}?plugins[i18n][locale]=${encodeURIComponent(locale)}` : base;
};

// The history API of the CMS (src/history/), as the admin reads it. The shapes are the issue's
// contract (issue 23): the history helper owns the routes, this file only what the panel uses.

export type HistoryEvent = 'draft' | 'publish' | 'unpublish' | 'delete' | 'restore';

export interface HistoryVersion {
  id: number | string;
  event: HistoryEvent;
  /** ISO 8601 time of the event. */
  at: string;
  /** The editor's name (or the door the change came through: API, seed, script). */
  by: string | null;
  locale: string | null;
  /** The document's fields as they were; relations and media by reference. */
  data: Record<string, unknown> | null;
  /**
   * The page as it was served, a signed and time-limited link to the site's archive; given by the
   * CMS for published versions only (the signing secret never reaches the browser).
   */
  archiveUrl?: string | null;
}

/** What a restore could not bring back: a related document or a file that no longer exists. */
export interface MissingReference {
  field: string;
  kind: string;
  documentId?: string;
  fileId?: number | string;
  label?: string;
}

export interface RestoreAnswer {
  data: Record<string, unknown>;
  missing?: MissingReference[];
}

/** One row of the site-wide list of events ("Händelser"). */
export interface SiteEvent {
  id: number | string;
  event: string;
  at: string;
  by: string | null;
  locale?: string | null;
  contentType?: string | null;
  documentId?: string | null;
  /** The document's title or the name of the role or token, when the event has one. */
  title?: string | null;
  label?: string | null;
}

export interface SiteEventsAnswer {
  data: SiteEvent[];
  meta?: { pagination?: { page: number; pageCount?: number; pageSize?: number; total?: number } };
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

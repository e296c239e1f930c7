/**
 * The shapes of the history's admin API (src/history/routes.ts), which the admin's "Historik" and
 * "Händelser" read. Plain data: the admin imports these types, nothing else of the server.
 */

/** What happened to a document in one language. */
export type HistoryEvent = 'draft' | 'publish' | 'unpublish' | 'delete' | 'restore';
export const HISTORY_EVENTS: readonly HistoryEvent[] = ['draft', 'publish', 'unpublish', 'delete', 'restore'];

/** A relation kept by reference: the target's documentId and what to call it when it is gone. */
export interface RelationRef {
  documentId: string;
  label: string;
}

/** A media file kept by reference: the file's id and its name. */
export interface MediaRef {
  fileId: number;
  documentId?: string;
  name: string;
  url?: string;
  alternativeText?: string | null;
}

/** A reference a version holds that no longer exists: restoring leaves it out and says so. */
export interface MissingReference {
  /** The field, as a path: `document`, `priorityAreas`, `seo.image`. */
  field: string;
  kind: 'relation' | 'media';
  documentId?: string;
  fileId?: number;
  label: string;
}

/** GET /history/:contentType/:documentId?locale=sv → { data: HistoryVersion[] }, newest first. */
export interface HistoryVersion {
  id: number;
  contentType: string;
  documentId: string;
  event: HistoryEvent;
  /** ISO 8601 time of the action. */
  at: string;
  /** The editor's name, an API token's name, or "System (…)" for the seed and scripts. */
  by: string;
  locale: string | null;
  /**
   * The document's fields in that language as they were after the action (before it, for
   * `delete`): relations as RelationRef, media as MediaRef, components as objects.
   */
  data: Record<string, unknown>;
  /** The references in `data` that no longer exist. */
  missing: MissingReference[];
  /**
   * For a publish: a signed, time-limited link to the page as the site served this version
   * (the contract's createArchiveUrl), or null for other events, or when the CMS has no SITE_URL.
   */
  archiveUrl?: string | null;
}

/** POST /history/:versionId/restore → { data: RestoreAnswer }. */
export interface RestoreAnswer {
  /** The new draft, as Strapi's document service returns it. */
  documentId: string;
  locale: string | null;
  /** The restore's own version in the history. */
  version: HistoryVersion;
  /** True when the document had been deleted and was created again (with the same documentId). */
  recreated: boolean;
  /** References the version held that no longer exist, left out of the draft. */
  missing: MissingReference[];
  /** The new draft's entry. */
  entry: Record<string, unknown>;
}

/** The kinds of "Händelser": document events except draft saves, and changes of roles and API tokens. */
export type SiteEventType =
  | 'publish'
  | 'unpublish'
  | 'delete'
  | 'restore'
  | 'role.create'
  | 'role.update'
  | 'role.delete'
  | 'token.create'
  | 'token.update'
  | 'token.delete'
  // The scheduling's (src/scheduling/): scheduled, moved, cancelled, ran late, failed. A schedule
  // that runs is the publish or unpublish itself, by "Schemalagd av <name>".
  | 'schedule.create'
  | 'schedule.update'
  | 'schedule.cancel'
  | 'schedule.late'
  | 'schedule.fail';
export const SITE_EVENT_TYPES: readonly SiteEventType[] = [
  'publish',
  'unpublish',
  'delete',
  'restore',
  'role.create',
  'role.update',
  'role.delete',
  'token.create',
  'token.update',
  'token.delete',
  'schedule.create',
  'schedule.update',
  'schedule.cancel',
  'schedule.late',
  'schedule.fail',
];

/** GET /history/events?by=&type=&day=YYYY-MM-DD&page= → { data: SiteEvent[], meta }. */
export interface SiteEvent {
  id: number;
  type: SiteEventType;
  at: string;
  by: string;
  /** For document events: the content type, document and language; null for roles and tokens. */
  contentType: string | null;
  documentId: string | null;
  locale: string | null;
  /** The document's title, or the role's or token's name. */
  label: string;
  /** For document events, the version recorded with it (for a link to "Historik"). */
  versionId: number | null;
  /** More about it in Swedish, when there is more: for the scheduling's, what, when and why. */
  detail: string | null;
}

export interface SiteEventsAnswer {
  data: SiteEvent[];
  meta: { page: number; pageSize: number; total: number; pageCount: number };
}

/** Errors: Strapi's admin error shape, { error: { status, name, message } }, message in Swedish. */

/**
 * Strapi's bookkeeping on every document, not the editor's content: left out of a version and
 * of a restore (history/snapshot.ts), and of the admin's comparison (admin/history/compare.ts).
 */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'firstPublishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'status',
]);

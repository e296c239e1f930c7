/**
 * The shapes of the scheduling's admin API (src/scheduling/routes.ts), which the admin's
 * "Schemalägg publicering" panel and "Kommande publiceringar" widget read. Plain data: the admin
 * imports these types, nothing else of the server.
 */

export type ScheduleAction = 'publish' | 'unpublish';
export const SCHEDULE_ACTIONS: readonly ScheduleAction[] = ['publish', 'unpublish'];

/**
 * pending: waiting for its time; done: ran; failed: could not run (the document could not be
 * published), with the reasons; cancelled: withdrawn by an editor before it ran.
 */
export type ScheduleStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** POST /scheduling: what to do to which document in which language, and when (ISO 8601 with offset). */
export interface ScheduleRequest {
  contentType: string;
  documentId: string;
  locale: string;
  action: ScheduleAction;
  at: string;
}

export interface Schedule {
  id: number;
  contentType: string;
  documentId: string;
  locale: string;
  action: ScheduleAction;
  /** When it is due, ISO 8601 (UTC). */
  at: string;
  status: ScheduleStatus;
  /** The document's title when it was scheduled (or last changed). */
  label: string;
  /** Who scheduled it, and when. */
  createdBy: string;
  createdAt: string;
  /** When it ran (done or failed), ISO 8601. */
  ranAt: string | null;
  /** How many milliseconds after `at` it ran; over LATE_AFTER_MS it is "late" (the CMS was down). */
  lateMs: number | null;
  /** Why it failed, in Swedish (one line per problem). */
  error: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  /** The admin's path to the document's edit view in that language. */
  editPath: string;
}

/** A run this much after its time is recorded as late: the promise is within 5 s of the minute. */
export const LATE_AFTER_MS = 5_000;

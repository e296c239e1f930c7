import { createTable, type Knex } from '../history/store';
import type { ScheduleAction, ScheduleStatus } from './types';

/**
 * The schedules, in a table of the CMS's own through Strapi's Knex connection, on SQLite and
 * PostgreSQL alike, for the same reasons as the history's (src/history/store.ts): a content type
 * would be given to editors by their role, show in the content manager, REST and GraphQL, and
 * its writes would be recorded as documents' history. Nothing is kept in memory: every CMS
 * instance reads the same rows, and the row's status is what makes an action run once.
 */
export const SCHEDULES_TABLE = 'mr_schedules';

export interface ScheduleRow {
  id: number;
  content_type: string;
  document_id: string;
  locale: string;
  action: ScheduleAction;
  /** Milliseconds since the epoch, as the history's tables keep times. */
  at: number;
  status: ScheduleStatus;
  label: string;
  created_by: string;
  created_at: number;
  ran_at: number | null;
  late_ms: number | null;
  error: string | null;
  cancelled_by: string | null;
  cancelled_at: number | null;
}

type Raw = Record<string, unknown>;
const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

// PostgreSQL answers bigint columns as strings.
export const toScheduleRow = (row: Raw): ScheduleRow => ({
  id: Number(row.id),
  content_type: String(row.content_type),
  document_id: String(row.document_id),
  locale: String(row.locale),
  action: row.action as ScheduleAction,
  at: Number(row.at),
  status: row.status as ScheduleStatus,
  label: typeof row.label === 'string' ? row.label : '',
  created_by: String(row.created_by),
  created_at: Number(row.created_at),
  ran_at: numberOrNull(row.ran_at),
  late_ms: numberOrNull(row.late_ms),
  error: (row.error as string | null) ?? null,
  cancelled_by: (row.cancelled_by as string | null) ?? null,
  cancelled_at: numberOrNull(row.cancelled_at),
});

export const ensureSchedulesTable = async (knex: Knex): Promise<void> => {
  await createTable(knex, SCHEDULES_TABLE, (table) => {
    table.increments('id');
    table.string('content_type', 255).notNullable();
    table.string('document_id', 64).notNullable();
    table.string('locale', 35).notNullable();
    table.string('action', 16).notNullable();
    table.bigInteger('at').notNullable();
    table.string('status', 16).notNullable();
    table.string('label', 255).notNullable().defaultTo('');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('ran_at').nullable();
    table.bigInteger('late_ms').nullable();
    table.text('error').nullable();
    table.string('cancelled_by', 255).nullable();
    table.bigInteger('cancelled_at').nullable();
    // What the runner asks every second: the due pending rows.
    table.index(['status', 'at'], 'mr_schedules_status_at');
    table.index(['content_type', 'document_id', 'locale'], 'mr_schedules_document');
  });
};

export const insertSchedule = async (knex: Knex, row: Omit<ScheduleRow, 'id'>): Promise<number> => {
  const ids = (await knex(SCHEDULES_TABLE).insert(row).returning('id')) as unknown[];
  const first = ids[0] as number | { id: number } | undefined;
  return Number(typeof first === 'object' ? first.id : first);
};

export const findSchedule = async (knex: Knex, id: number): Promise<ScheduleRow | undefined> => {
  const row = (await knex(SCHEDULES_TABLE).where({ id }).first()) as Raw | undefined;
  return row ? toScheduleRow(row) : undefined;
};

/** A document's schedules, every language unless one is given, by time. */
export const listDocumentSchedules = async (knex: Knex, contentType: string, documentId: string, locale?: string): Promise<ScheduleRow[]> =>
  (
    (await knex(SCHEDULES_TABLE)
      .where({ content_type: contentType, document_id: documentId, ...(locale ? { locale } : {}) })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])) as Raw[]
  ).map(toScheduleRow);

/** The start page's list: everything pending, and what failed since `failedSince`. */
export const listUpcoming = async (knex: Knex, failedSince: number): Promise<ScheduleRow[]> =>
  (
    (await knex(SCHEDULES_TABLE)
      .where('status', 'pending')
      .orWhere((query) => {
        void query.where('status', 'failed').where('ran_at', '>=', failedSince);
      })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(200)) as Raw[]
  ).map(toScheduleRow);

/** The ids of pending rows due at `now`, oldest first. */
export const dueIds = async (knex: Knex, now: number, limit = 20): Promise<number[]> =>
  (
    (await knex(SCHEDULES_TABLE)
      .select('id')
      .where('status', 'pending')
      .where('at', '<=', now)
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit)) as Raw[]
  ).map((row) => Number(row.id));

/**
 * Moves a pending row to another status, answering the row when this call did it, or undefined
 * when it was no longer pending (run, cancelled or failed by someone else). The status check and
 * the change are one UPDATE: see claim in runner.ts for why that makes it happen once.
 */
export const leavePending = async (knex: Knex, id: number, change: Partial<Omit<ScheduleRow, 'id'>>): Promise<ScheduleRow | undefined> => {
  const rows = (await knex(SCHEDULES_TABLE).where({ id, status: 'pending' }).update(change).returning('*')) as Raw[];
  return rows[0] ? toScheduleRow(rows[0]) : undefined;
};

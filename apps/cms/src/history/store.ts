import type { Core } from '@strapi/strapi';
import type { HistoryEvent, SiteEventType } from './types';

/**
 * The history's own tables, written and read through Strapi's Knex connection (strapi.db).
 *
 * Why tables of our own rather than a content type: a content type under api:: would be given
 * to editors by the role (editorRole.ts grants every api:: type), appear in the content manager,
 * REST and GraphQL unless hidden in three places, and go through the document service, whose
 * middleware is what records the history. Strapi's schema sync leaves tables it never created
 * alone (@strapi/database schema/diff.js: "a user custom table that we should not touch"), and
 * the backups (pg_dump, the SQLite file) carry them. Nothing is kept in memory, so any number of
 * CMS instances share them.
 */
export const VERSIONS_TABLE = 'mr_history_versions';
export const EVENTS_TABLE = 'mr_history_events';
/** One row per job run and day: the claim that makes the daily gallring run on one instance. */
export const JOBS_TABLE = 'mr_history_jobs';

export type Knex = Core.Strapi['db']['connection'];

export interface VersionRow {
  id: number;
  content_type: string;
  document_id: string;
  locale: string | null;
  event: HistoryEvent;
  /** Milliseconds since the epoch: the same on SQLite and PostgreSQL, and easy to compare. */
  at: number;
  by_name: string;
  label: string;
  data: Record<string, unknown>;
}

export interface EventRow {
  id: number;
  type: SiteEventType;
  at: number;
  by_name: string;
  content_type: string | null;
  document_id: string | null;
  locale: string | null;
  label: string;
  version_id: number | null;
  /** More about it in Swedish (the scheduling's events: what, when, why it failed); null for most. */
  detail: string | null;
}

type Raw = Record<string, unknown>;

// PostgreSQL answers bigint columns as strings.
const toVersion = (row: Raw): VersionRow => ({
  id: Number(row.id),
  content_type: String(row.content_type),
  document_id: String(row.document_id),
  locale: (row.locale as string | null) ?? null,
  event: row.event as HistoryEvent,
  at: Number(row.at),
  by_name: String(row.by_name),
  label: typeof row.label === 'string' ? row.label : '',
  data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
});

const toEvent = (row: Raw): EventRow => ({
  id: Number(row.id),
  type: row.type as SiteEventType,
  at: Number(row.at),
  by_name: String(row.by_name),
  content_type: (row.content_type as string | null) ?? null,
  document_id: (row.document_id as string | null) ?? null,
  locale: (row.locale as string | null) ?? null,
  label: typeof row.label === 'string' ? row.label : '',
  version_id: row.version_id === null || row.version_id === undefined ? null : Number(row.version_id),
  detail: typeof row.detail === 'string' ? row.detail : null,
});

/**
 * Creates one table unless it exists; another instance creating it at the same moment is fine.
 * True when this call created it (the addresses' table is then filled from the history).
 */
export const createTable = async (knex: Knex, name: string, build: Parameters<Knex['schema']['createTable']>[1]): Promise<boolean> => {
  if (await knex.schema.hasTable(name)) return false;
  try {
    await knex.schema.createTable(name, build);
    return true;
  } catch (error) {
    // Two instances starting on one new database: the loser's CREATE fails, the table is there.
    if (!(await knex.schema.hasTable(name))) throw error;
    return false;
  }
};

export const ensureHistoryTables = async (knex: Knex): Promise<void> => {
  await createTable(knex, VERSIONS_TABLE, (table) => {
    table.increments('id');
    table.string('content_type', 255).notNullable();
    table.string('document_id', 64).notNullable();
    table.string('locale', 35).nullable();
    table.string('event', 16).notNullable();
    table.bigInteger('at').notNullable();
    table.string('by_name', 255).notNullable();
    table.string('label', 255).notNullable().defaultTo('');
    // JSON as text: the same on both databases, read back whole.
    table.text('data', 'longtext').notNullable();
    table.index(['content_type', 'document_id', 'locale', 'at'], 'mr_history_versions_document');
    table.index(['event', 'at'], 'mr_history_versions_event_at');
  });
  await createTable(knex, EVENTS_TABLE, (table) => {
    table.increments('id');
    table.string('type', 32).notNullable();
    table.bigInteger('at').notNullable();
    table.string('by_name', 255).notNullable();
    table.string('content_type', 255).nullable();
    table.string('document_id', 64).nullable();
    table.string('locale', 35).nullable();
    table.string('label', 255).notNullable().defaultTo('');
    table.integer('version_id').nullable();
    table.text('detail').nullable();
    table.index(['at'], 'mr_history_events_at');
  });
  // Added with the scheduling (issue 25): databases made before it get the column.
  if (!(await knex.schema.hasColumn(EVENTS_TABLE, 'detail'))) {
    try {
      await knex.schema.alterTable(EVENTS_TABLE, (table) => table.text('detail').nullable());
    } catch (error) {
      // Another instance starting at the same moment added it.
      if (!(await knex.schema.hasColumn(EVENTS_TABLE, 'detail'))) throw error;
    }
  }
  await createTable(knex, JOBS_TABLE, (table) => {
    table.string('job', 64).notNullable();
    table.string('day', 10).notNullable();
    table.bigInteger('ran_at').notNullable();
    table.integer('deleted').notNullable().defaultTo(0);
    table.primary(['job', 'day']);
  });
};

const firstId = (ids: unknown[]): number => {
  const first = ids[0] as number | { id: number } | undefined;
  return Number(typeof first === 'object' ? first.id : first);
};

export const insertVersion = async (knex: Knex, row: Omit<VersionRow, 'id'>): Promise<VersionRow> => {
  const ids = (await knex(VERSIONS_TABLE)
    .insert({ ...row, data: JSON.stringify(row.data) })
    .returning('id')) as unknown[];
  return { ...row, id: firstId(ids) };
};

export const insertEvent = async (knex: Knex, row: Omit<EventRow, 'id' | 'detail'> & { detail?: string | null }): Promise<void> => {
  await knex(EVENTS_TABLE).insert(row);
};

/** The newest version of a document in one language, or undefined. */
export const latestVersion = async (knex: Knex, contentType: string, documentId: string, locale: string | null): Promise<VersionRow | undefined> => {
  const row = (await knex(VERSIONS_TABLE)
    .where({ content_type: contentType, document_id: documentId, locale })
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first()) as Raw | undefined;
  return row ? toVersion(row) : undefined;
};

/** A document's versions, newest first; all languages unless one is given. */
export const listVersions = async (knex: Knex, contentType: string, documentId: string, locale?: string): Promise<VersionRow[]> => {
  const rows = (await knex(VERSIONS_TABLE)
    .where({ content_type: contentType, document_id: documentId, ...(locale ? { locale } : {}) })
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])) as Raw[];
  return rows.map(toVersion);
};

export const findVersion = async (knex: Knex, id: number): Promise<VersionRow | undefined> => {
  const row = (await knex(VERSIONS_TABLE).where({ id }).first()) as Raw | undefined;
  return row ? toVersion(row) : undefined;
};

export interface EventFilter {
  by?: string;
  type?: SiteEventType;
  /** [from, to) in ms. */
  between?: [number, number];
}

export const listEvents = async (knex: Knex, filter: EventFilter, page: number, pageSize: number): Promise<{ rows: EventRow[]; total: number }> => {
  const where = (query: ReturnType<Knex>) => {
    if (filter.by) query.where('by_name', filter.by);
    if (filter.type) query.where('type', filter.type);
    if (filter.between) query.where('at', '>=', filter.between[0]).where('at', '<', filter.between[1]);
    return query;
  };
  const [counted] = await where(knex(EVENTS_TABLE)).count<{ total: number | string }[]>({ total: '*' });
  const total = counted?.total ?? 0;
  const rows = (await where(knex(EVENTS_TABLE))
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(pageSize)
    .offset((page - 1) * pageSize)) as Raw[];
  return { rows: rows.map(toEvent), total: Number(total) };
};

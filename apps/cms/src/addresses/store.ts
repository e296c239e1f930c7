import { ADDRESSED_TYPES, documentPath, LOCALES, type Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { createTable, VERSIONS_TABLE, type Knex } from '../history/store';
import type { HistoryEvent } from '../history/types';

/**
 * Every address a published page of the site has had: one row per path, naming the document that
 * last had it published there, its title then, and when it left (null while it is still there).
 *
 * Why a table of its own and not a reading of the history (mr_history_versions) at each request:
 * - an old address must lead on for ever, but the history's gallring may delete old published
 *   versions (HISTORY_KEEP_PUBLISHED_DAYS): the version that held an old slug would take its
 *   redirect with it;
 * - the site asks after every publish: one row per address ever used is read in milliseconds,
 *   every published version of every document (2,000 for one page published 1,000 times) is not.
 * It is written by the history's recorder (recorder.ts) in the same transaction as the version,
 * so it is exactly as durable as the publish itself, and the backups carry it like the history.
 * When the table is first made (a database from before it), it is filled from the history's
 * published versions and the documents published now: the history is where it comes from.
 */
export const ADDRESSES_TABLE = 'mr_site_addresses';

export interface AddressRow {
  path: string;
  locale: string;
  content_type: string;
  document_id: string;
  title: string;
  /** When the document was last published at this path (ms). */
  claimed_at: number;
  /** When it left (moved, unpublished, deleted), or null while it is there (ms). */
  left_at: number | null;
}

const isAddressed = (uid: string): boolean => (ADDRESSED_TYPES as readonly string[]).includes(uid);
const isLocale = (locale: string | null): locale is Locale => (LOCALES as readonly (string | null)[]).includes(locale);

/** The path a version's fields give its page, in its language, or undefined (no slug, no year). */
export const pathOf = (uid: string, locale: string | null, data: Record<string, unknown>): string | undefined =>
  isLocale(locale)
    ? documentPath(uid, locale, {
        slug: typeof data.slug === 'string' ? data.slug : null,
        year: typeof data.year === 'number' ? data.year : null,
      })
    : undefined;

export interface AddressEvent {
  uid: string;
  event: HistoryEvent;
  documentId: string;
  locale: string | null;
  /** The version's fields: after a publish, the published ones. */
  data: Record<string, unknown>;
  title: string;
  at: number;
}

/**
 * Follows one event of a document in one language: a publish claims its path (a document that
 * had it before loses it: the newest wins) and leaves the paths it had; an unpublish or delete
 * leaves them all. Drafts change no address.
 */
export const recordAddress = async (knex: Knex, { uid, event, documentId, locale, data, title, at }: AddressEvent): Promise<void> => {
  if (!isAddressed(uid) || !isLocale(locale)) return;
  if (event !== 'publish' && event !== 'unpublish' && event !== 'delete') return;
  const path = event === 'publish' ? pathOf(uid, locale, data) : undefined;
  const leaving = knex(ADDRESSES_TABLE).where({ content_type: uid, document_id: documentId, locale }).whereNull('left_at');
  await (path === undefined ? leaving : leaving.whereNot('path', path)).update({ left_at: at });
  if (path === undefined) return;
  await knex(ADDRESSES_TABLE)
    .insert({ path, locale, content_type: uid, document_id: documentId, title: title.slice(0, 255), claimed_at: at, left_at: null })
    .onConflict('path')
    .merge(['locale', 'content_type', 'document_id', 'title', 'claimed_at', 'left_at']);
};

type Raw = Record<string, unknown>;

const toRow = (row: Raw): AddressRow => ({
  path: String(row.path),
  locale: String(row.locale),
  content_type: String(row.content_type),
  document_id: String(row.document_id),
  title: typeof row.title === 'string' ? row.title : '',
  claimed_at: Number(row.claimed_at),
  left_at: row.left_at === null || row.left_at === undefined ? null : Number(row.left_at),
});

export const listAddresses = async (knex: Knex): Promise<AddressRow[]> => ((await knex(ADDRESSES_TABLE).select()) as Raw[]).map(toRow);

/**
 * The addresses pages have left (moved, unpublished, deleted), through the index on left_at: the
 * site asks after every publish, and the table holds a row for every page published now too
 * (20,000 at 20,000 pages), which these few must not cost the reading of.
 */
export const listLeftAddresses = async (knex: Knex): Promise<AddressRow[]> =>
  ((await knex(ADDRESSES_TABLE).select().whereNotNull('left_at')) as Raw[]).map(toRow);

/** A published document of an addressed type in one language, with the path its page has now. */
export interface PublishedPage {
  uid: string;
  documentId: string;
  locale: Locale;
  path: string;
  /** The fields the path is made of. */
  fields: Record<string, unknown>;
  title: string;
  publishedAt: number;
}

/**
 * Narrows publishedPages to the pages of some documents or at some paths: for each type, the
 * documentIds, and the slugs or years (the last segment of a path) to look for. A candidate's
 * path is made by pathOf and compared whole by the caller, so the narrowing only has to keep
 * every page that could match.
 */
export interface PageFilter {
  documentIds: Set<string>;
  paths: Set<string>;
}

const lastSegment = (path: string): string => {
  const segment = path.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Every published page of the addressed types (or those `filter` names), read from Strapi's own tables (one query per type). */
export const publishedPages = async (strapi: Core.Strapi, filter?: PageFilter): Promise<PublishedPage[]> => {
  const pages: PublishedPage[] = [];
  for (const uid of ADDRESSED_TYPES) {
    const field = uid === 'api::priority-area.priority-area' ? 'slug' : 'year';
    let narrowed: Record<string, unknown> = {};
    if (filter) {
      const values: (string | number)[] = [...filter.paths]
        .map(lastSegment)
        .flatMap<string | number>((value) => (field === 'year' ? (/^\d+$/.test(value) ? [Number(value)] : []) : [value]));
      const documentIds = [...filter.documentIds];
      if (values.length === 0 && documentIds.length === 0) continue;
      narrowed = { $or: [{ documentId: { $in: documentIds } }, { [field]: { $in: values } }] };
    }
    const rows = (await strapi.db.query(uid).findMany({
      select: ['documentId', 'locale', 'title', field, 'publishedAt'],
      where: { publishedAt: { $notNull: true }, ...narrowed },
    })) as Raw[];
    for (const row of rows) {
      const locale = (row.locale as string | null) ?? null;
      const path = pathOf(uid, locale, row);
      if (!path || !isLocale(locale)) continue;
      const publishedAt = new Date(String(row.publishedAt)).getTime();
      pages.push({
        uid,
        documentId: String(row.documentId),
        locale,
        path,
        fields: { [field]: row[field] },
        title: typeof row.title === 'string' ? row.title : '',
        publishedAt,
      });
    }
  }
  return pages;
};

/**
 * Fills a new table: the history's publishes, unpublishes and deletes in the order they
 * happened, then the pages published now (those published before the history existed).
 */
const fillFromHistory = async (strapi: Core.Strapi, knex: Knex): Promise<void> => {
  const versions = (await knex(VERSIONS_TABLE)
    .select('content_type', 'document_id', 'locale', 'event', 'at', 'label', 'data')
    .whereIn('content_type', [...ADDRESSED_TYPES])
    .whereIn('event', ['publish', 'unpublish', 'delete'])
    .orderBy([
      { column: 'at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])) as Raw[];
  for (const version of versions) {
    const data = (typeof version.data === 'string' ? JSON.parse(version.data) : version.data) as Record<string, unknown>;
    await recordAddress(knex, {
      uid: String(version.content_type),
      event: version.event as HistoryEvent,
      documentId: String(version.document_id),
      locale: (version.locale as string | null) ?? null,
      data,
      title: typeof data.title === 'string' ? data.title : typeof version.label === 'string' ? version.label : '',
      at: Number(version.at),
    });
  }
  const held = new Map((await listAddresses(knex)).map((row) => [row.path, row]));
  for (const page of await publishedPages(strapi)) {
    const row = held.get(page.path);
    if (row?.document_id === page.documentId && row.left_at === null) continue;
    await recordAddress(knex, {
      uid: page.uid,
      event: 'publish',
      documentId: page.documentId,
      locale: page.locale,
      data: page.fields,
      title: page.title,
      at: page.publishedAt,
    });
  }
};

/** Creates the table unless it exists; a table made now is filled from the history and the published pages. */
export const ensureAddressesTable = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  const created = await createTable(knex, ADDRESSES_TABLE, (table) => {
    table.string('path', 1024).primary();
    table.string('locale', 35).notNullable();
    table.string('content_type', 255).notNullable();
    table.string('document_id', 64).notNullable();
    table.string('title', 255).notNullable().defaultTo('');
    table.bigInteger('claimed_at').notNullable();
    table.bigInteger('left_at').nullable();
    table.index(['content_type', 'document_id', 'locale'], 'mr_site_addresses_document');
  });
  // Made apart from the table, so that a table from before it gets it too (listLeftAddresses).
  await knex.raw(`CREATE INDEX IF NOT EXISTS mr_site_addresses_left ON ${ADDRESSES_TABLE} (left_at)`);
  if (created) {
    await fillFromHistory(strapi, knex);
    strapi.log.info(`Site addresses: ${ADDRESSES_TABLE} created and filled from the history.`);
  }
};

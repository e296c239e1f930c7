import { AsyncLocalStorage } from 'node:async_hooks';
import { FEEDBACK_UID } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { recordAddress } from '../addresses/store';
import { isLocalized, labelOf, populateFor, snapshotOf } from './snapshot';
import { insertEvent, insertVersion, latestVersion, type Knex, type VersionRow } from './store';
import type { HistoryEvent } from './types';

/**
 * Records the history of the site's documents from Strapi's document service middleware, the
 * one door every write goes through: the admin, REST and GraphQL, the seed and scripts.
 */

interface Flow {
  /** Who acts when no request says so: "System (seed)" for the seed. */
  by?: string;
  /** Set while a version is being restored: the draft it writes is recorded as `restore`. */
  restoring?: boolean;
  /** The restore's version, once recorded. */
  recorded?: VersionRow[];
}
const flow = new AsyncLocalStorage<Flow>();

/** Runs `task` with `by` as the author of what it changes, unless a request names someone. */
export const actingAs = <T>(by: string, task: () => Promise<T>): Promise<T> => flow.run({ ...flow.getStore(), by }, task);

/** Runs a restore: the draft it saves is recorded as `restore`; answers the versions recorded. */
export const restoring = async <T>(task: () => Promise<T>): Promise<{ result: T; recorded: VersionRow[] }> => {
  const store: Flow = { ...flow.getStore(), restoring: true, recorded: [] };
  const result = await flow.run(store, task);
  return { result, recorded: store.recorded ?? [] };
};

export const SYSTEM = 'System';

interface RequestState {
  user?: { firstname?: string | null; lastname?: string | null; email?: string; username?: string };
  auth?: { strategy?: { name?: string }; credentials?: { name?: string } | null };
}

const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/** Who is acting: the admin user's name, the API token's name, or the system. */
export const currentActor = (strapi: Core.Strapi): string => {
  const state = strapi.requestContext.get()?.state as RequestState | undefined;
  const strategy = state?.auth?.strategy?.name ?? '';
  if (API_TOKEN_STRATEGIES.has(strategy)) return state?.auth?.credentials?.name ?? 'API-nyckel';
  const user = state?.user;
  if (user) {
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
    return name || user.username || user.email || 'Okänd användare';
  }
  return flow.getStore()?.by ?? SYSTEM;
};

/** The content types whose history is kept: the site's, Draft & Publish; not readers' feedback. */
export const historyContentTypes = (strapi: Core.Strapi): Set<string> =>
  new Set(
    Object.entries(strapi.contentTypes as unknown as Record<string, { options?: { draftAndPublish?: boolean } }>)
      .filter(([uid, model]) => uid.startsWith('api::') && uid !== FEEDBACK_UID && model.options?.draftAndPublish)
      .map(([uid]) => uid),
  );

const WRITES = new Set(['create', 'update', 'clone', 'publish', 'unpublish', 'discardDraft', 'delete']);

type Entry = { documentId?: string; locale?: string | null } & Record<string, unknown>;

/** The stored version of a document in one language, populated for a snapshot. */
const readEntry = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string | null, published: boolean) =>
  (await strapi.db.query(uid).findOne({
    where: { documentId, ...(locale && isLocalized(strapi, uid) ? { locale } : {}), publishedAt: published ? { $notNull: true } : { $null: true } },
    populate: populateFor(strapi, uid),
  })) as Entry | null;

const entriesOf = (result: unknown): Entry[] => {
  if (!result || typeof result !== 'object') return [];
  const { entries } = result as { entries?: unknown };
  return Array.isArray(entries) ? (entries as Entry[]) : [result as Entry];
};

const sameData = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Installs the recording. Each write and its history are one transaction: the write's own
 * (Strapi's repository joins it) with the history's rows. When the history cannot be written
 * the write fails too, is rolled back, and the editor sees the error: a publish that the
 * history does not know of would break the promise that nothing published is lost, while a
 * refused save loses nothing (the editor's form still holds the text and can be saved again).
 * Strapi's entry events (the site's webhook) are sent after the commit, so the site never reads
 * a change that is then rolled back.
 */
export const registerHistoryRecorder = (strapi: Core.Strapi): void => {
  let recorded: Set<string> | undefined;
  strapi.documents.use(async (context, next) => {
    recorded ??= historyContentTypes(strapi);
    if (!recorded.has(context.uid) || !WRITES.has(context.action)) return next();
    const uid = context.uid;
    const params = (context.params ?? {}) as { documentId?: string; locale?: string | string[]; status?: string };
    return strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      // A deleted document cannot be read afterwards: keep what each language held before.
      const before = context.action === 'delete' && params.documentId ? await readBeforeDelete(strapi, uid, params.documentId, params.locale) : [];
      const result = await next();
      try {
        await record(strapi, trx, uid, context.action, params, result, before);
      } catch (error) {
        strapi.log.error(
          `History: could not record ${context.action} of ${uid} ${params.documentId ?? ''}; the change is refused: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        throw new errors.ApplicationError('Ändringen sparades inte: historiken kunde inte skrivas. Försök igen om en stund.');
      }
      return result;
    });
  });
};

/** The languages a delete removes, with their content just before. */
const readBeforeDelete = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string | string[] | undefined) => {
  const rows = (await strapi.db.query(uid).findMany({
    where: { documentId },
    populate: populateFor(strapi, uid),
  })) as Entry[];
  const wanted = locale === '*' ? undefined : Array.isArray(locale) ? locale : [locale ?? (await defaultLocale(strapi))];
  // Per language the draft, which holds the latest text (the published version when there is no draft).
  const byLocale = new Map<string | null, Entry>();
  for (const row of rows) {
    const key = row.locale ?? null;
    if (wanted && isLocalized(strapi, uid) && !wanted.includes(String(key))) continue;
    const current = byLocale.get(key);
    if (!current || (current.publishedAt && !row.publishedAt)) byLocale.set(key, row);
  }
  return [...byLocale.values()];
};

const defaultLocale = async (strapi: Core.Strapi): Promise<string> => {
  const service = strapi.plugin('i18n')?.service('locales') as { getDefaultLocale(): Promise<string> } | undefined;
  return (await service?.getDefaultLocale()) ?? 'sv';
};

const record = async (
  strapi: Core.Strapi,
  knex: Knex,
  uid: string,
  action: string,
  params: { documentId?: string; status?: string },
  result: unknown,
  before: Entry[],
) => {
  const by = currentActor(strapi);
  const state = flow.getStore();
  const write = async (event: HistoryEvent, documentId: string, locale: string | null, row: Entry | null) => {
    if (!row) return;
    const data = snapshotOf(strapi, uid, row);
    if (event === 'draft') {
      // A save that changed nothing (the admin saves the draft before publishing it) is not a version.
      const latest = await latestVersion(knex, uid, documentId, locale);
      if (latest && sameData(latest.data, data)) return;
    }
    const version = await insertVersion(knex, {
      content_type: uid,
      document_id: documentId,
      locale,
      event,
      at: Date.now(),
      by_name: by,
      label: labelOf(data, documentId),
      data,
    });
    if (event === 'restore') state?.recorded?.push(version);
    // The page's address follows its publishes, in the same transaction (src/addresses/store.ts).
    await recordAddress(knex, { uid, event, documentId, locale, data, title: version.label, at: version.at });
    if (event !== 'draft') {
      await insertEvent(knex, {
        type: event,
        at: version.at,
        by_name: by,
        content_type: uid,
        document_id: documentId,
        locale,
        label: version.label,
        version_id: version.id,
      });
    }
  };
  const draftEvent: HistoryEvent = state?.restoring ? 'restore' : 'draft';

  if (action === 'delete') {
    const documentId = String(params.documentId);
    for (const row of before) {
      const locale = row.locale ?? null;
      const remaining = await strapi.db.query(uid).count({ where: { documentId, ...(locale && isLocalized(strapi, uid) ? { locale } : {}) } });
      if (remaining === 0) await write('delete', documentId, locale, row);
    }
    return;
  }
  for (const entry of entriesOf(result)) {
    const documentId = String(entry.documentId ?? params.documentId);
    const locale = entry.locale ?? null;
    if (action === 'publish') await write('publish', documentId, locale, await readEntry(strapi, uid, documentId, locale, true));
    else if (action === 'unpublish') await write('unpublish', documentId, locale, await readEntry(strapi, uid, documentId, locale, false));
    else {
      // create, update, clone, discardDraft: the draft was written; with status=published also published.
      await write(draftEvent, documentId, locale, await readEntry(strapi, uid, documentId, locale, false));
      if (params.status === 'published' && (action === 'create' || action === 'update')) {
        await write('publish', documentId, locale, await readEntry(strapi, uid, documentId, locale, true));
      }
    }
  }
};

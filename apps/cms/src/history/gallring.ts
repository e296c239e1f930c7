import type { Core } from '@strapi/strapi';
import { EVENTS_TABLE, JOBS_TABLE, VERSIONS_TABLE, type Knex } from './store';
import { tryJobLock } from '../instances/jobLock';

/**
 * Gallring (the archive law's word for weeding out records) of the history: the operator's rules,
 * applied by a daily job that runs on one instance per day.
 */
export interface GallringRules {
  /** Versions other than draft saves, and the "Händelser", are deleted after this many days; undefined: never. */
  keepPublishedDays?: number;
  /** Every draft save is kept this many days; older ones are thinned to the last of each day. */
  draftKeepAllDays: number;
  /** Draft saves are deleted altogether after this many days; undefined: never. */
  draftKeepDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day of a moment in Swedish time, the editors' day ("2026-03-01"). */
export const swedishDay = (at: number): string => new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

export interface DraftRow {
  id: number;
  content_type: string;
  document_id: string;
  locale: string | null;
  at: number;
}

/**
 * The draft saves the rules delete at `now`: those older than draftKeepDays, and of those older
 * than draftKeepAllDays all but the last of each Swedish day per document and language.
 */
export const draftsToDelete = (drafts: DraftRow[], rules: GallringRules, now: number): number[] => {
  const thinBefore = now - rules.draftKeepAllDays * DAY_MS;
  const deleteBefore = rules.draftKeepDays === undefined ? -Infinity : now - rules.draftKeepDays * DAY_MS;
  const doomed: number[] = [];
  const lastOfDay = new Map<string, DraftRow>();
  for (const draft of drafts) {
    if (draft.at < deleteBefore) {
      doomed.push(draft.id);
      continue;
    }
    if (draft.at >= thinBefore) continue;
    const key = JSON.stringify([draft.content_type, draft.document_id, draft.locale, swedishDay(draft.at)]);
    const kept = lastOfDay.get(key);
    const later = !kept || draft.at > kept.at || (draft.at === kept.at && draft.id > kept.id);
    if (!kept) lastOfDay.set(key, draft);
    else if (later) {
      doomed.push(kept.id);
      lastOfDay.set(key, draft);
    } else doomed.push(draft.id);
  }
  return doomed;
};

export const GALLRING_JOB = 'history-gallring';
const BATCH = 500;

const deleteIds = async (trx: Knex, table: string, ids: number[]) => {
  for (let start = 0; start < ids.length; start += BATCH)
    await trx(table)
      .whereIn('id', ids.slice(start, start + BATCH))
      .delete();
};

/**
 * Applies the rules once per day (Swedish), whichever instance comes first: the run claims the
 * day with a row in mr_history_jobs (primary key job + day) in the same transaction as its
 * deletions. A second instance's claim waits for the first's transaction on PostgreSQL and then
 * finds the row; on SQLite there is one writer anyway. A run that fails rolls its claim back
 * and the next start or night tries again. Answers how many rows it deleted, or null when
 * another run had the day.
 */
export const runGallring = async (knex: Knex, rules: GallringRules, now = Date.now()): Promise<number | null> =>
  knex.transaction(async (trx) => {
    // Another instance running it right now holds the lock: skip at once rather than wait for
    // its transaction (src/instances/); the day's row below decides between runs one after another.
    if (!(await tryJobLock(trx, GALLRING_JOB))) return null;
    const claimed = (await trx(JOBS_TABLE)
      .insert({ job: GALLRING_JOB, day: swedishDay(now), ran_at: now, deleted: 0 })
      .onConflict(['job', 'day'])
      .ignore()
      .returning('job')) as unknown[];
    if (claimed.length === 0) return null;
    let deleted = 0;
    if (rules.keepPublishedDays !== undefined) {
      const before = now - rules.keepPublishedDays * DAY_MS;
      deleted += Number(await trx(VERSIONS_TABLE).whereNot('event', 'draft').where('at', '<', before).delete());
      deleted += Number(await trx(EVENTS_TABLE).where('at', '<', before).delete());
    }
    const oldDrafts = (
      (await trx(VERSIONS_TABLE)
        .select('id', 'content_type', 'document_id', 'locale', 'at')
        .where('event', 'draft')
        .where('at', '<', now - rules.draftKeepAllDays * DAY_MS)) as Record<string, unknown>[]
    ).map((row) => ({ ...row, id: Number(row.id), at: Number(row.at) }) as DraftRow);
    const doomed = draftsToDelete(oldDrafts, rules, now);
    await deleteIds(trx, VERSIONS_TABLE, doomed);
    deleted += doomed.length;
    await trx(JOBS_TABLE)
      .where({ job: GALLRING_JOB, day: swedishDay(now) })
      .update({ deleted });
    return deleted;
  });

// Every night at 03:30, Swedish time, after the feedback retention (03:15).
const DAILY_RULE = { rule: '0 30 3 * * *', tz: 'Europe/Stockholm' };

/** Runs the gallring at start and every night, logging what it did. */
export const scheduleGallring = async (strapi: Core.Strapi, rules: GallringRules): Promise<void> => {
  const run = async () => {
    try {
      const deleted = await runGallring(strapi.db.connection, rules);
      if (deleted === null) strapi.log.debug('History gallring: another instance has run today.');
      else strapi.log.info(`History gallring: deleted ${deleted} version(s) and event(s) by the rules ${JSON.stringify(rules)}.`);
    } catch (error) {
      strapi.log.error(
        `History gallring failed (nothing deleted; tried again next night): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  await run();
  strapi.cron.add({ historyGallring: { task: run, options: DAILY_RULE } });
};

import type { Core } from '@strapi/strapi';
import { actingAs } from '../history';
import { insertEvent, type Knex } from '../history/store';
import { findPublishProblems, type PublishProblem } from '../publishing/publishChecks';
import { dueIds, leavePending, SCHEDULES_TABLE, toScheduleRow, type ScheduleRow } from './store';
import { formatStockholm, lateness } from './stockholmTime';
import { LATE_AFTER_MS } from './types';

/**
 * Runs the schedules that are due, on every CMS instance, each exactly once.
 *
 * When: every instance asks the table once a second for pending rows whose time has come
 * (POLL_MS). A timer per instance rather than Strapi's cron: the cron's rules are per minute (or
 * a fixed second), and a schedule made, moved or cancelled through another instance would not be
 * known to this one's in-memory timetable anyway; one indexed query a second is cheap, keeps
 * every action within about a second of its time, and the first tick at start runs whatever
 * fell due while the CMS was down (recorded as late, with how late).
 *
 * Once: the claim and the action are one transaction. On PostgreSQL the claim first takes the
 * row with `SELECT … WHERE id = ? AND status = 'pending' FOR UPDATE SKIP LOCKED`: a row another
 * instance is running right now is locked, so this one skips it and goes on to the next due row
 * instead of waiting (two instances share a burst of actions at midnight rather than queueing
 * behind each other, which keeps thirty at one minute within the 5 s); a row already run is no
 * longer pending. Then `UPDATE … SET status = 'done' WHERE id = ? AND status = 'pending'` marks
 * it, the publish or unpublish and its history are written, and all commits together. Were the
 * instance to die mid-way, the transaction rolls back with the claim, the row is pending again
 * and the next tick runs it: exactly once, not at most once. SQLite has no FOR UPDATE and a
 * single writer: there the UPDATE's status check alone decides. (An advisory lock would be
 * PostgreSQL-only too, and would have to be released by hand.) Strapi's entry events, hence the
 * site's webhook, go out after the commit.
 */
export const POLL_MS = 1_000;

/** Why a schedule could not run, in Swedish; the row is marked failed with these. */
class ScheduleFailure extends Error {
  constructor(readonly problems: PublishProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'));
  }
}

const languageName = (locale: string) => new Intl.DisplayNames(['sv'], { type: 'language' }).of(locale) ?? locale;

/** "Publicering på svenska 1 januari 2027 kl. 00:00", the scheduling's events' detail. */
export const describeSchedule = (row: Pick<ScheduleRow, 'action' | 'locale' | 'at'>): string =>
  `${row.action === 'publish' ? 'Publicering' : 'Avpublicering'} på ${languageName(row.locale)} ${formatStockholm(row.at)}`;

export const recordScheduleEvent = (
  knex: Knex,
  type: 'schedule.create' | 'schedule.update' | 'schedule.cancel' | 'schedule.late' | 'schedule.fail',
  row: ScheduleRow,
  by: string,
  detail: string,
) =>
  insertEvent(knex, {
    type,
    at: Date.now(),
    by_name: by,
    content_type: row.content_type,
    document_id: row.document_id,
    locale: row.locale,
    label: row.label,
    version_id: null,
    detail,
  });

/** The author of a scheduled action in the history, as the recorder names it. */
export const scheduledBy = (row: ScheduleRow) => `Schemalagd av ${row.created_by}`.slice(0, 255);

const isLocalePresent = async (strapi: Core.Strapi, row: ScheduleRow, published: boolean) =>
  (await strapi.db.query(row.content_type).count({
    where: { documentId: row.document_id, locale: row.locale, publishedAt: published ? { $notNull: true } : { $null: true } },
  })) > 0;

/** Claims one due row and runs it in one transaction; answers the row, or undefined when another run had it. */
const claimAndRun = async (strapi: Core.Strapi, id: number, now: number): Promise<ScheduleRow | undefined> =>
  strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
    if (strapi.db.dialect.client === 'postgres') {
      const free = (await trx(SCHEDULES_TABLE)
        .select('id')
        .where({ id, status: 'pending' })
        .where('at', '<=', now)
        .forUpdate()
        .skipLocked()
        .first()) as { id: number } | undefined;
      if (!free) return undefined;
    }
    const claimed = (await trx(SCHEDULES_TABLE)
      .where({ id, status: 'pending' })
      .where('at', '<=', now)
      .update({ status: 'done', ran_at: now })
      .returning('*')) as Record<string, unknown>[];
    if (!claimed[0]) return undefined;
    const row = toScheduleRow(claimed[0]);
    const late = Math.max(0, now - row.at);
    await trx(SCHEDULES_TABLE).where({ id }).update({ late_ms: late });
    const documents = strapi.documents(row.content_type as never) as unknown as {
      publish(params: { documentId: string; locale: string }): Promise<{ entries?: unknown[] }>;
      unpublish(params: { documentId: string; locale: string }): Promise<{ entries?: unknown[] }>;
    };
    const language = languageName(row.locale);
    if (row.action === 'publish') {
      // The same checks as at scheduling: the draft may have changed since.
      const problems = await findPublishProblems(strapi, row.content_type, row.document_id, row.locale);
      if (problems.length > 0) throw new ScheduleFailure(problems);
      await actingAs(scheduledBy(row), () => documents.publish({ documentId: row.document_id, locale: row.locale }));
    } else {
      if (!(await isLocalePresent(strapi, row, true))) {
        throw new ScheduleFailure([{ message: `Posten var inte publicerad på ${language} när den skulle avpubliceras; ingenting ändrades.` }]);
      }
      await actingAs(scheduledBy(row), () => documents.unpublish({ documentId: row.document_id, locale: row.locale }));
    }
    if (late > LATE_AFTER_MS) {
      await recordScheduleEvent(
        trx,
        'schedule.late',
        row,
        scheduledBy(row),
        `${describeSchedule(row)} gjordes ${lateness(late)} för sent, ${formatStockholm(now)} (CMS:en var inte igång eller hann inte vid tiden).`,
      );
    }
    return { ...row, late_ms: late };
  });

/** Marks a row failed with its reasons, once, and records it in the history. */
const markFailed = async (strapi: Core.Strapi, id: number, now: number, error: unknown) => {
  const message =
    error instanceof ScheduleFailure
      ? error.message
      : `Ett tekniskt fel hindrade åtgärden: ${error instanceof Error ? error.message : String(error)}. Försök igen eller kontakta webbansvarig.`;
  await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
    const before = (await trx(SCHEDULES_TABLE).where({ id }).first()) as Record<string, unknown> | undefined;
    const failed = await leavePending(trx, id, {
      status: 'failed',
      ran_at: now,
      late_ms: before ? Math.max(0, now - Number(before.at)) : null,
      error: message,
    });
    if (failed)
      await recordScheduleEvent(trx, 'schedule.fail', failed, scheduledBy(failed), `${describeSchedule(failed)} kunde inte göras: ${message}`);
  });
  return message;
};

/** Runs every due schedule once; answers what this instance ran (for logs and tests). */
export const runDueSchedules = async (strapi: Core.Strapi): Promise<number> => {
  const knex = strapi.db.connection;
  let ran = 0;
  for (const id of await dueIds(knex, Date.now())) {
    const now = Date.now();
    try {
      const row = await claimAndRun(strapi, id, now);
      if (!row) continue;
      ran++;
      const late = row.late_ms ?? 0;
      strapi.log.info(
        `Scheduling: ${row.action} of ${row.content_type} ${row.document_id} (${row.locale}) ran, scheduled by ${row.created_by}${late > LATE_AFTER_MS ? `, ${Math.round(late / 1000)} s late` : ''}.`,
      );
    } catch (error) {
      // The transaction rolled back, the claim with it: the row is pending until marked failed.
      try {
        const message = await markFailed(strapi, id, now, error);
        strapi.log.error(`Scheduling: schedule ${id} failed: ${message}`);
      } catch (markError) {
        strapi.log.error(
          `Scheduling: schedule ${id} failed and could not be marked (tried again next tick): ${markError instanceof Error ? markError.message : String(markError)}`,
        );
      }
    }
  }
  return ran;
};

/** Starts the per-instance timer: a first run at once (what fell due while the CMS was down), then every POLL_MS. */
export const startScheduleRunner = (strapi: Core.Strapi): { stop(): void } => {
  let busy = false;
  let stopped = false;
  const tick = async () => {
    // A run that takes longer than a tick (many due at once) is not overlapped by the next.
    if (busy || stopped) return;
    busy = true;
    try {
      await runDueSchedules(strapi);
    } catch (error) {
      strapi.log.error(`Scheduling: could not read the due schedules: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), POLL_MS);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
};

import { FEEDBACK_UID } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from '../history/store';
import { tryJobLock } from '../instances/jobLock';

/**
 * The moment `months` calendar months before `now` (in UTC): feedback received before it is
 * deleted. A day the earlier month lacks (31 March less one month) becomes its last day.
 */
export const retentionCutoff = (now: Date, months: number): Date => {
  const month = now.getUTCMonth() - months;
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      now.getUTCFullYear(),
      month,
      Math.min(now.getUTCDate(), daysInMonth),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  );
};

/** The part of Strapi's query API for the feedback type that the deletion uses. */
export interface FeedbackStore {
  deleteMany(params: { where: { createdAt: { $lt: Date } } }): Promise<{ count: number }>;
}

/** Deletes the feedback received more than `months` months before `now`; returns how many. */
export const deleteExpiredFeedback = async (store: FeedbackStore, months: number, now = new Date()): Promise<number> => {
  const { count } = await store.deleteMany({ where: { createdAt: { $lt: retentionCutoff(now, months) } } });
  return count;
};

const RETENTION_JOB = 'feedbackRetention';
// Every night at 03:15, Swedish time: a day's granularity is plenty for a period of months.
const DAILY_RULE = { rule: '0 15 3 * * *', tz: 'Europe/Stockholm' };

/**
 * Keeps readers' feedback no longer than FEEDBACK_RETENTION_MONTHS (the privacy note on the form
 * promises it): deletes what is older at start and then daily with Strapi's cron, on one instance
 * at a time (Strapi's cron runs on every instance). The rows go
 * through the query API, so no webhook carries a reader's text anywhere on the way out.
 */
export const scheduleFeedbackRetention = async (strapi: Core.Strapi, months: number): Promise<void> => {
  const run = async () => {
    try {
      // One instance at a time (src/instances/): the others find the lock taken and skip, as
      // the one that has it deletes the same rows. Strapi's query API runs in the transaction.
      const count = await (strapi.db.transaction(async ({ trx }) =>
        (await tryJobLock(trx as Knex, RETENTION_JOB)) ? deleteExpiredFeedback(strapi.db.query(FEEDBACK_UID), months) : null,
      ) as unknown as Promise<number | null>);
      if (count === null) strapi.log.debug('Feedback retention: another instance is running it.');
      else if (count > 0)
        strapi.log.info(`Feedback retention: deleted ${count} feedback entr${count === 1 ? 'y' : 'ies'} older than ${months} months.`);
    } catch (error) {
      strapi.log.error(`Feedback retention: could not delete old feedback: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await run();
  strapi.cron.add({ [RETENTION_JOB]: { task: run, options: DAILY_RULE } });
};

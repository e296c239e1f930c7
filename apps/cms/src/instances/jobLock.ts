import { createHash } from 'node:crypto';
import type { Knex } from '../history/store';

// The first key of every lock this CMS takes ("MR" for Mälardalsrådet), so that another
// application sharing the database, using one-key advisory locks, cannot collide with ours.
const NAMESPACE = 0x4d52;

/** A job's name as PostgreSQL's second advisory-lock key: a signed 32-bit integer from its SHA-256. */
export const lockKey = (name: string): number => createHash('sha256').update(name).digest().readInt32BE(0);

const isPostgres = (knex: Knex): boolean => {
  const client = (knex.client as { config?: { client?: unknown } }).config?.client;
  return client === 'postgres' || client === 'pg';
};

/**
 * Whether this transaction may run `name` now: takes PostgreSQL's transaction-level advisory lock
 * (`pg_try_advisory_xact_lock`) without waiting. False while another CMS instance's transaction
 * holds it. The lock goes with the transaction (commit, rollback, or the connection dropped when
 * an instance dies), so nothing is ever left locked, and it is taken on the transaction's own
 * connection, never on a pooled one that another query could reuse while it is held. SQLite has
 * one process writing anyway: always true there.
 */
export const tryJobLock = async (trx: Knex, name: string): Promise<boolean> => {
  if (!isPostgres(trx)) return true;
  const result = await trx.raw<{ rows: { locked: boolean }[] }>('select pg_try_advisory_xact_lock(?, ?) as locked', [NAMESPACE, lockKey(name)]);
  return result.rows[0]?.locked === true;
};

/**
 * Waits for `name`'s transaction-level advisory lock (`pg_advisory_xact_lock`): for work that must
 * run, but one instance at a time (storing one submission of feedback). SQLite: nothing to wait for.
 */
export const waitForLock = async (trx: Knex, name: string): Promise<void> => {
  if (!isPostgres(trx)) return;
  await trx.raw('select pg_advisory_xact_lock(?, ?)', [NAMESPACE, lockKey(name)]);
};

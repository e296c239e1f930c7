import { createRequire } from 'node:module';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from '../history/store';
import { lockKey, tryJobLock, waitForLock } from './jobLock';

// Strapi's own Knex (the one strapi.db.connection is), on the PostgreSQL server the integration
// suite uses; two pools stand for two CMS instances.
const requireFrom = createRequire(createRequire(import.meta.url).resolve('@strapi/strapi'));
const knexFactory = createRequire(requireFrom.resolve('@strapi/database'))('knex') as (config: object) => Knex;

const server = {
  host: process.env.CMS_TEST_POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.CMS_TEST_POSTGRES_PORT ?? 5432),
  user: process.env.CMS_TEST_POSTGRES_USER ?? 'postgres',
  password: process.env.CMS_TEST_POSTGRES_PASSWORD ?? '',
  database: 'postgres',
};
const reachable = await new Promise<boolean>((resolve) => {
  const socket = net.connect({ host: server.host, port: server.port, timeout: 2000 });
  socket.once('connect', () => socket.end(() => resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => (socket.destroy(), resolve(false)));
});
if (!reachable) console.log(`[test] SKIPPING jobLock on PostgreSQL: no server on ${server.host}:${server.port}.`);

describe.skipIf(!reachable)('job locks on PostgreSQL, between two instances', () => {
  let one: Knex;
  let two: Knex;
  beforeAll(() => {
    one = knexFactory({ client: 'postgres', connection: server, pool: { min: 0, max: 2 } });
    two = knexFactory({ client: 'postgres', connection: server, pool: { min: 0, max: 2 } });
  });
  afterAll(async () => {
    await one?.destroy();
    await two?.destroy();
  });

  it('lets one transaction run a job; the other skips while it holds it, and runs once it committed', async () => {
    const job = `test-job-${Date.now()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first: Promise<boolean> | undefined;
    const gotIt = new Promise<boolean>((resolve) => {
      first = one.transaction(async (trx) => {
        const locked = await tryJobLock(trx, job);
        resolve(locked);
        await held;
        return locked;
      });
    });
    expect(await gotIt).toBe(true);
    expect(await two.transaction((trx) => tryJobLock(trx, job))).toBe(false);
    // Another job is not held up by it.
    expect(await two.transaction((trx) => tryJobLock(trx, `${job}-other`))).toBe(true);
    release();
    expect(await first).toBe(true);
    expect(await two.transaction((trx) => tryJobLock(trx, job))).toBe(true);
  });

  it('makes a second waiter wait for the first transaction, then go on', async () => {
    const name = `feedback:${Date.now()}`;
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = one.transaction(async (trx) => {
      await waitForLock(trx, name);
      locked();
      await held;
      order.push('first commits');
    });
    await isLocked;
    const second = two.transaction(async (trx) => {
      await waitForLock(trx, name);
      order.push('second runs');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first commits', 'second runs']);
  });
});

describe('lockKey', () => {
  it('is a stable signed 32-bit integer per name', () => {
    expect(lockKey('feedbackRetention')).toBe(lockKey('feedbackRetention'));
    expect(lockKey('feedbackRetention')).not.toBe(lockKey('history-gallring'));
    expect(Number.isInteger(lockKey('x')) && Math.abs(lockKey('x')) <= 2 ** 31).toBe(true);
  });
});

import type { Core } from '@strapi/strapi';
import { registerSchedulingRoutes } from './routes';
import { startScheduleRunner } from './runner';
import { ensureSchedulesTable } from './store';

let runner: { stop(): void } | undefined;

/**
 * In bootstrap(), after the history (whose tables and recorder the scheduled actions use) and
 * the site's webhook (which carries them to the site): the table, the admin API, the runner.
 */
export const bootstrapScheduling = async (strapi: Core.Strapi): Promise<void> => {
  await ensureSchedulesTable(strapi.db.connection);
  registerSchedulingRoutes(strapi);
  // Once the CMS serves: the scripts that load it without its HTTP server (seed, backup, the
  // tests' database helpers, scripts/withStrapi.js) must not publish what falls due meanwhile.
  const server = strapi.server.httpServer;
  const start = () => {
    runner ??= startScheduleRunner(strapi);
  };
  if (server.listening) start();
  else server.once('listening', start);
};

/** In destroy(): no tick after the database is closed. */
export const stopScheduling = (): void => {
  runner?.stop();
  runner = undefined;
};

// Shared by backup.mjs and restore.mjs: where the database and the uploads are, from the same
// environment the CMS reads (apps/cms/.env fills in what the shell does not set).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The CMS's environment, as config/database.ts and config/server.ts read it. */
export const readBackupEnv = () => {
  const envFile = path.join(APP_DIR, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const env = process.env;
  const client = env.DATABASE_CLIENT || 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres') throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}"`);
  return {
    client,
    sqliteFile: path.resolve(APP_DIR, env.DATABASE_FILENAME || '.tmp/data.db'),
    // pg_dump and pg_restore read these.
    postgres: {
      ...env,
      ...(env.DATABASE_URL
        ? {}
        : {
            PGHOST: env.DATABASE_HOST || '127.0.0.1',
            PGPORT: env.DATABASE_PORT || '5432',
            PGUSER: env.DATABASE_USERNAME || 'strapi',
            PGPASSWORD: env.DATABASE_PASSWORD || '',
            PGDATABASE: env.DATABASE_NAME || 'strapi',
          }),
    },
    databaseUrl: env.DATABASE_URL || undefined,
    publicDir: path.resolve(APP_DIR, env.PUBLIC_DIR || 'public'),
  };
};

/**
 * The folder and the mode from the command line: `<folder>` or `--compose <folder>`. A relative
 * folder is taken from where the command was typed (npm and pnpm pass it on as INIT_CWD).
 */
export const readBackupArgs = (command) => {
  const args = process.argv.slice(2);
  const compose = args.includes('--compose');
  const folders = args.filter((arg) => arg !== '--compose');
  if (folders.length !== 1 || folders[0].startsWith('-')) fail(`Usage: ${command} [--compose] <folder>`);
  return { dir: path.resolve(process.env.INIT_CWD || process.cwd(), folders[0]), compose };
};

export const fail = (message) => {
  console.error(message);
  process.exit(1);
};

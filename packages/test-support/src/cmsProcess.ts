import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CMS's folder in the workspace: its tests and the site's start the compiled CMS there (build/server). */
export const CMS_DIR = fileURLToPath(new URL('../../../apps/cms/', import.meta.url));
const START_SCRIPT = path.join(CMS_DIR, 'scripts', 'start-compiled.js');

export interface CmsProcess {
  url: string;
  /** Environment the CMS was started with, for commands run against the same database. */
  env: NodeJS.ProcessEnv;
  /** Stops the process but keeps its database, for a later restart(). */
  kill(): Promise<void>;
  /** Starts the process again on the same port and database. */
  restart(): Promise<void>;
  /** Stops the process and deletes its database. */
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('The system gave no port.'))));
    });
  });

/** Which database the integration suite runs on: SQLite, or PostgreSQL when CMS_TEST_DATABASE=postgres. */
export const TEST_DATABASE: TestDatabase = process.env.CMS_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export type TestDatabase = 'sqlite' | 'postgres';

const POSTGRES = {
  host: process.env.CMS_TEST_POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.CMS_TEST_POSTGRES_PORT ?? 5432),
  user: process.env.CMS_TEST_POSTGRES_USER ?? 'postgres',
  password: process.env.CMS_TEST_POSTGRES_PASSWORD ?? '',
};

/** Runs one statement on the PostgreSQL server's maintenance database. */
const postgresAdmin = async (sql: string) => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...POSTGRES, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** A fresh database for one CMS: a SQLite file, or a new PostgreSQL database that cleanUp drops. */
const scratchDatabase = async (dir: string, kind: TestDatabase): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> => {
  if (kind === 'sqlite') {
    return { env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') }, drop: async () => {} };
  }
  const name = `cms_test_${randomBytes(6).toString('hex')}`;
  await postgresAdmin(`CREATE DATABASE ${name}`);
  return {
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: POSTGRES.host,
      DATABASE_PORT: String(POSTGRES.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: POSTGRES.user,
      DATABASE_PASSWORD: POSTGRES.password,
      DATABASE_POOL_MIN: '0',
    },
    drop: () => postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};

/** A throwaway database and fresh secrets: nothing of the developer's .env is used. */
export const scratchCmsEnv = async (
  extra: NodeJS.ProcessEnv = {},
  kind: TestDatabase = TEST_DATABASE,
): Promise<{ env: NodeJS.ProcessEnv; cleanUp(): Promise<void> }> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cms-test-'));
  const secret = () => randomBytes(16).toString('base64');
  const database = await scratchDatabase(dir, kind);
  mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  return {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
      SERVE_ADMIN_PANEL: 'false',
      // Uploads land in the scratch folder, never in apps/cms/public/uploads.
      PUBLIC_DIR: path.join(dir, 'public'),
      ...database.env,
      APP_KEYS: `${secret()},${secret()}`,
      API_TOKEN_SALT: secret(),
      ADMIN_JWT_SECRET: secret(),
      TRANSFER_TOKEN_SALT: secret(),
      JWT_SECRET: secret(),
      ENCRYPTION_KEY: secret(),
      CMS_SEED_ON_START: 'false',
      // Set, so that a developer's apps/cms/.env cannot fill them in: no webhook unless asked.
      SITE_WEBHOOK_URL: '',
      SITE_WEBHOOK_SECRET: '',
      ...extra,
    },
    cleanUp: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const waitForHealth = async (url: string, child: ChildProcess, output: () => string) => {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The CMS exited with code ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The CMS did not answer on ${url} within 120 s:\n${output()}`);
};

const spawnCms = async (env: NodeJS.ProcessEnv, url: string) => {
  const child = spawn(process.execPath, [START_SCRIPT], { cwd: CMS_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
};

const stopChild = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
};

/** Starts the compiled CMS (build/server) on an environment made by scratchCmsEnv (with PORT). */
export const startCmsOn = async (scratch: Awaited<ReturnType<typeof scratchCmsEnv>>): Promise<CmsProcess> => {
  const url = `http://127.0.0.1:${scratch.env.PORT}`;
  let child: ChildProcess;
  try {
    child = await spawnCms(scratch.env, url);
  } catch (error) {
    await scratch.cleanUp();
    throw error;
  }
  return {
    url,
    env: scratch.env,
    kill: () => stopChild(child),
    restart: async () => {
      await stopChild(child);
      child = await spawnCms(scratch.env, url);
    },
    stop: async () => {
      await stopChild(child);
      await scratch.cleanUp();
    },
  };
};

/**
 * Starts the compiled CMS (build/server) as its own process on a free port, on a scratch database:
 * the suite's (CMS_TEST_DATABASE), or the one a test needs whatever the suite runs on.
 */
export const startCms = async (extra: NodeJS.ProcessEnv = {}, { database }: { database?: TestDatabase } = {}): Promise<CmsProcess> =>
  startCmsOn(await scratchCmsEnv({ PORT: String(await freePort()), ...extra }, database));

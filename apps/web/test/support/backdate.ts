import { createRequire } from 'node:module';
import path from 'node:path';
import { CMS_DIR } from '@malardalsradet/test-support/cmsProcess';

// The CMS's own database drivers (its dependencies), so that the site's tests need none of their own.
const fromCms = createRequire(path.join(CMS_DIR, 'package.json'));

interface PostgresClient {
  connect(): Promise<unknown>;
  query(sql: string, values: unknown[]): Promise<unknown>;
  end(): Promise<void>;
}

interface SqliteDatabase {
  prepare(sql: string): { get(): Record<string, unknown> | undefined; run(...values: unknown[]): unknown };
  close(): void;
}

/**
 * Sets `updated_at` of every row (drafts and published versions, every language) of the given
 * tables of a running CMS's database to `when`: Strapi stamps every write with the present, and a
 * test of "last updated" needs content older than today. Written as the database already holds
 * it (SQLite keeps Strapi's timestamps as milliseconds or as text, PostgreSQL as timestamps).
 */
export const backdateContent = async (env: NodeJS.ProcessEnv, tables: string[], when: Date): Promise<void> => {
  if (env.DATABASE_CLIENT === 'postgres') {
    const { Client } = fromCms('pg') as { Client: new (config: Record<string, unknown>) => PostgresClient };
    const client = new Client({
      host: env.DATABASE_HOST,
      port: Number(env.DATABASE_PORT),
      database: env.DATABASE_NAME,
      user: env.DATABASE_USERNAME,
      password: env.DATABASE_PASSWORD,
    });
    await client.connect();
    try {
      for (const table of tables) await client.query(`UPDATE "${table}" SET updated_at = $1`, [when]);
    } finally {
      await client.end();
    }
    return;
  }
  const Database = fromCms('better-sqlite3') as new (file: string) => SqliteDatabase;
  const db = new Database(env.DATABASE_FILENAME ?? '');
  try {
    for (const table of tables) {
      const sample = db.prepare(`SELECT updated_at FROM "${table}" LIMIT 1`).get()?.updated_at;
      const value =
        typeof sample === 'number'
          ? when.getTime()
          : typeof sample === 'string' && !sample.includes('T')
            ? when.toISOString().replace('T', ' ').replace('Z', '')
            : when.toISOString();
      db.prepare(`UPDATE "${table}" SET updated_at = ?`).run(value);
    }
  } finally {
    db.close();
  }
};

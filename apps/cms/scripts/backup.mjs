// `pnpm --filter @malardalsradet/cms backup <folder>`: the content (the whole database) and the
// uploaded files, into <folder>: database.dump (PostgreSQL, pg_dump's custom format) or
// database.sqlite (an online copy), uploads.tgz, and backup.json saying what is there.
// With --compose, of the production stack (composeStack.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backupCompose } from './composeStack.mjs';
import { fail, readBackupEnv, readBackupArgs } from './backupFiles.mjs';

const { dir, compose } = readBackupArgs('backup');
mkdirSync(dir, { recursive: true });

if (compose) {
  backupCompose(dir);
  writeFileSync(
    path.join(dir, 'backup.json'),
    `${JSON.stringify({ createdAt: new Date().toISOString(), client: 'postgres', from: 'docker compose' }, null, 2)}\n`,
  );
  console.log(`Backed up the stack's database and uploads to ${dir}`);
  process.exit(0);
}

const env = readBackupEnv();
if (env.client === 'postgres') {
  const dump = spawnSync(
    'pg_dump',
    ['--format=custom', '--no-owner', '--file', path.join(dir, 'database.dump'), ...(env.databaseUrl ? [env.databaseUrl] : [])],
    {
      env: env.postgres,
      encoding: 'utf8',
    },
  );
  if (dump.error) fail(`pg_dump could not run (${dump.error.message}); install the PostgreSQL client.`);
  if (dump.status !== 0) fail(`pg_dump failed: ${dump.stderr}`);
} else {
  // SQLite's backup API copies a consistent snapshot, even while the CMS runs. The driver is a
  // development dependency (production runs on PostgreSQL), hence loaded only here.
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(env.sqliteFile, { readonly: true, fileMustExist: true });
  await db.backup(path.join(dir, 'database.sqlite'));
  db.close();
}

const tar = spawnSync('tar', ['-czf', path.join(dir, 'uploads.tgz'), '-C', env.publicDir, 'uploads'], { encoding: 'utf8' });
if (tar.status !== 0) fail(`Could not pack ${env.publicDir}/uploads: ${tar.stderr}`);

writeFileSync(path.join(dir, 'backup.json'), `${JSON.stringify({ createdAt: new Date().toISOString(), client: env.client }, null, 2)}\n`);
console.log(`Backed up the ${env.client} database and the uploads to ${dir}`);

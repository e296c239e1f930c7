// `pnpm --filter @malardalsradet/cms restore <folder>`: puts a backup made by backup.mjs back,
// replacing the database's content and the uploaded files. Stop the CMS first. With --compose,
// into the production stack, which it stops and starts itself (composeStack.mjs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fail, readBackupArgs, readBackupEnv } from './backupFiles.mjs';
import { restoreCompose } from './composeStack.mjs';

const { dir, compose } = readBackupArgs('restore');
if (!existsSync(path.join(dir, 'backup.json'))) fail(`${dir} holds no backup (backup.json is missing).`);
const backup = JSON.parse(readFileSync(path.join(dir, 'backup.json'), 'utf8'));

if (compose) {
  if (backup.client !== 'postgres') fail(`The backup is of a ${backup.client} database; the stack runs PostgreSQL.`);
  restoreCompose(dir);
  console.log(`Restored the stack's database and uploads from ${dir} (backup of ${backup.createdAt}); the site is rebuilding.`);
  process.exit(0);
}

const env = readBackupEnv();
if (backup.client !== env.client) fail(`The backup is of a ${backup.client} database, but DATABASE_CLIENT is ${env.client}.`);

if (env.client === 'postgres') {
  const restore = spawnSync(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      ...(env.databaseUrl ? ['--dbname', env.databaseUrl] : ['--dbname', env.postgres.PGDATABASE]),
      path.join(dir, 'database.dump'),
    ],
    { env: env.postgres, encoding: 'utf8' },
  );
  if (restore.error) fail(`pg_restore could not run (${restore.error.message}); install the PostgreSQL client.`);
  if (restore.status !== 0) fail(`pg_restore failed: ${restore.stderr}`);
} else {
  mkdirSync(path.dirname(env.sqliteFile), { recursive: true });
  copyFileSync(path.join(dir, 'database.sqlite'), env.sqliteFile);
}

// The uploads are replaced as a whole, so that no file the backup does not know stays behind.
rmSync(path.join(env.publicDir, 'uploads'), { recursive: true, force: true });
mkdirSync(env.publicDir, { recursive: true });
const tar = spawnSync('tar', ['-xzf', path.join(dir, 'uploads.tgz'), '-C', env.publicDir], { encoding: 'utf8' });
if (tar.status !== 0) fail(`Could not unpack the uploads into ${env.publicDir}: ${tar.stderr}`);

console.log(`Restored the ${env.client} database and the uploads from ${dir} (backup of ${backup.createdAt})`);

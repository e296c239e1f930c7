// Backups of the production stack (docker-compose.yml at the repository's root), for backup.mjs
// and restore.mjs with --compose: the database through the tools of the `db` container, whose
// PostgreSQL client matches its server (a host's may be older, and pg_dump refuses a newer
// server), the uploads through the `cms` container's volume, and the site's releases through
// the `web` container's. The files are the same as a
// backup of a CMS run without Docker (database.dump, uploads.tgz), so either can be restored
// into the other. docker compose reads COMPOSE_PROJECT_NAME and COMPOSE_ENV_FILES as usual.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import path from 'node:path';
import { APP_DIR, fail } from './backupFiles.mjs';

const ROOT = path.resolve(APP_DIR, '..', '..');

/**
 * Runs `docker compose <args>` on the stack; stdin and stdout may be files. Fails with the
 * command's own message.
 */
const compose = (args, { stdinFile, stdoutFile } = {}) => {
  const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const stdout = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
  try {
    const result = spawnSync('docker', ['compose', '--project-directory', ROOT, '-f', path.join(ROOT, 'docker-compose.yml'), ...args], {
      stdio: [stdin, stdout, 'pipe'],
      encoding: 'utf8',
    });
    if (result.error) fail(`docker compose could not run (${result.error.message}); is Docker installed?`);
    if (result.status !== 0) fail(`docker compose ${args.join(' ')} failed: ${result.stderr.trim()}`);
    return result.stdout ?? '';
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
    if (typeof stdout === 'number') closeSync(stdout);
  }
};

// The database's name and owner are the db container's own (POSTGRES_DB, POSTGRES_USER).
const inDb = (command) => ['exec', '-T', 'db', 'sh', '-c', command];

/**
 * The stack's database and uploads into dir/database.dump and dir/uploads.tgz, and the site's
 * releases into dir/releases.tgz: every release that was ever live is the record of the site as
 * it was (apps/web/README.md), which the database cannot rebuild.
 */
export const backupCompose = (dir) => {
  compose(inDb('pg_dump --format=custom --no-owner -U "$POSTGRES_USER" "$POSTGRES_DB"'), { stdoutFile: path.join(dir, 'database.dump') });
  compose(['exec', '-T', 'cms', 'tar', '-czf', '-', '-C', '/app/public', 'uploads'], { stdoutFile: path.join(dir, 'uploads.tgz') });
  compose(['exec', '-T', 'web', 'tar', '-czf', '-', '-C', '/app/apps/web', 'releases'], { stdoutFile: path.join(dir, RELEASES_ARCHIVE) });
};

const RELEASES_ARCHIVE = 'releases.tgz';

/**
 * Replaces a service's volume folder (`parent`/`folder`) as a whole with a tar archive's, so that
 * nothing the backup does not know stays behind; in a one-off container of the service, which
 * owns the volume.
 */
const replaceFolder = (service, parent, folder, archive) =>
  compose(
    [
      'run',
      '--rm',
      '--no-deps',
      '-T',
      '--entrypoint',
      'sh',
      service,
      '-c',
      `find ${parent}/${folder} -mindepth 1 -delete && tar -xzf - -C ${parent}`,
    ],
    {
      stdinFile: archive,
    },
  );

/**
 * Puts a backup into the stack: the CMS is stopped meanwhile (the site keeps serving its live
 * release), the database's content and the uploads are replaced, the CMS starts again, and the
 * site server is restarted, which makes it build every page from the restored content.
 */
export const restoreCompose = (dir) => {
  compose(['stop', 'cms']);
  compose(inDb('pg_restore --clean --if-exists --no-owner --single-transaction -U "$POSTGRES_USER" -d "$POSTGRES_DB"'), {
    stdinFile: path.join(dir, 'database.dump'),
  });
  replaceFolder('cms', '/app/public', 'uploads', path.join(dir, 'uploads.tgz'));
  compose(['up', '-d', '--wait', 'cms']);
  const releases = path.join(dir, RELEASES_ARCHIVE);
  if (existsSync(releases)) {
    // The site's releases as a whole too, the live history with them; the site server then starts
    // on the backup's live release and builds every page from the restored content.
    compose(['stop', 'web']);
    replaceFolder('web', '/app/apps/web', 'releases', releases);
    compose(['up', '-d', '--wait', 'web']);
  } else {
    console.log(`No ${RELEASES_ARCHIVE} in ${dir} (a backup from before the releases were kept): the site's releases stay as they are.`);
    compose(['restart', 'web']);
  }
};

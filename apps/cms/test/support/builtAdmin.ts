import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CMS_DIR } from '@malardalsradet/test-support/cmsProcess';

const strapiCli = () => path.join(path.dirname(createRequire(import.meta.url).resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
const ROOT = path.resolve(CMS_DIR, '..', '..');

/** Every file under `dir` (sorted, so that the hash does not depend on the file system's order). */
const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .flatMap((name) => {
          const full = path.join(dir, name);
          return statSync(full).isDirectory() ? filesUnder(full) : [full];
        })
    : [];

/**
 * What the admin bundle is made of: the CMS's sources (the admin imports some of the server's
 * types and the site contract), its configuration, the patched Strapi packages and the lockfile.
 */
const sourceHash = (): string => {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(CMS_DIR, 'src')),
    ...filesUnder(path.join(CMS_DIR, 'config')),
    ...filesUnder(path.join(ROOT, 'packages', 'site-contract', 'src')),
    ...filesUnder(path.join(ROOT, 'patches')),
    path.join(ROOT, 'pnpm-lock.yaml'),
    path.join(CMS_DIR, 'package.json'),
  ];
  for (const file of inputs) hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
};

/**
 * Builds the admin as production does and puts it where the compiled CMS serves it from. Three
 * test files drive the admin in Chromium, on SQLite and again on PostgreSQL, and a build takes
 * minutes on two cores: it is made once per state of its sources (a hash kept beside it), and
 * rebuilt whenever one of them changes.
 */
export const buildAdmin = (): void => {
  const target = path.join(CMS_DIR, 'build', 'server', 'build');
  const stamp = path.join(CMS_DIR, 'build', 'admin-source.sha256');
  const wanted = sourceHash();
  if (existsSync(path.join(target, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  const { NODE_ENV: _ignored, ...env } = process.env;
  const result = spawnSync(process.execPath, [strapiCli(), 'build'], { cwd: CMS_DIR, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`strapi build failed:\n${result.stdout}\n${result.stderr}`);
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(CMS_DIR, 'dist', 'build'), target, { recursive: true });
  writeFileSync(stamp, wanted);
};

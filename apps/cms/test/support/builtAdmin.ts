import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CMS_DIR } from '@malardalsradet/test-support/cmsProcess';

const strapiCli = () => path.join(path.dirname(createRequire(import.meta.url).resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');

/** Builds the admin as production does and puts it where the compiled CMS serves it from. */
export const buildAdmin = () => {
  const { NODE_ENV: _ignored, ...env } = process.env;
  const result = spawnSync(process.execPath, [strapiCli(), 'build'], { cwd: CMS_DIR, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`strapi build failed:\n${result.stdout}\n${result.stderr}`);
  const target = path.join(CMS_DIR, 'build', 'server', 'build');
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(CMS_DIR, 'dist', 'build'), target, { recursive: true });
};

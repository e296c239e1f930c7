import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { CMS_DIR } from '@malardalsradet/test-support/cmsProcess';

/** Runs JavaScript with Knex (`knex`) on a stopped CMS's database (the CMS's own tables); answers its output. */
export const onDatabase = (env: NodeJS.ProcessEnv, body: string): string => {
  const script = `require('./scripts/withStrapi').withStrapi(async (strapi) => { const knex = strapi.db.connection; ${body} });`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: CMS_DIR, env, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
};

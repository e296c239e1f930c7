import { createRequire } from 'node:module';
import path from 'node:path';
import { CMS_DIR } from './cmsProcess.ts';

/**
 * The organisation's seed text (apps/cms/src/seed/content.ts), as the compiled CMS that startCms
 * runs has it (build/server, made by the CMS's build:server): for benchmarks that want the site's
 * own words without a CMS running. Its shape is the CMS's; callers read it as data.
 */
export const seedContent = (): Record<string, unknown> =>
  createRequire(import.meta.url)(path.join(CMS_DIR, 'build', 'server', 'src', 'seed', 'content.js')) as Record<string, unknown>;

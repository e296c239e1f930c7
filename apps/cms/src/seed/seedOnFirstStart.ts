import type { Core } from '@strapi/strapi';
import { seedContent } from './seedContent';

/**
 * Seeds once per database: later starts find the mark and leave the content to the editors,
 * so a seeded document an editor deleted stays deleted. `pnpm --filter cms seed` runs the
 * (idempotent) seed again on demand.
 */
export const seedOnFirstStart = async (strapi: Core.Strapi): Promise<void> => {
  const mark = strapi.store({ type: 'core', name: 'malardalsradet', key: 'seeded-at' });
  if (await mark.get()) return;
  const report = await seedContent(strapi);
  await mark.set({ value: new Date().toISOString() });
  strapi.log.info(`Seed content created: ${JSON.stringify(report)}`);
};

import type { Core } from '@strapi/strapi';
import { seedContent } from './seedContent';

/**
 * Raised when the seed gains content that existing databases should receive too (version 2:
 * the accessibility statement). The seed itself only ever adds what is missing.
 */
export const SEED_VERSION = 2;

/**
 * Seeds once per database and seed version: later starts find the mark and leave the content to
 * the editors, so a seeded document an editor deleted stays deleted. `npm run seed` runs the
 * (idempotent) seed again on demand.
 */
export const seedOnFirstStart = async (strapi: Core.Strapi): Promise<void> => {
  const mark = strapi.store({ type: 'core', name: 'malardalsradet', key: 'seed' });
  const done = (await mark.get()) as { version?: number } | null;
  if ((done?.version ?? 0) >= SEED_VERSION) return;
  const report = await seedContent(strapi);
  await mark.set({ value: { version: SEED_VERSION, at: new Date().toISOString() } });
  strapi.log.info(`Seed content created: ${JSON.stringify(report)}`);
};

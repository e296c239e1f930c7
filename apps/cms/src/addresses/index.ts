import type { Core } from '@strapi/strapi';
import { registerAddressRoutes } from './routes';
import { registerSlugAtSave, replaceSlugGeneration } from './slugAtSave';
import { ensureAddressesTable } from './store';

/** In register(): addresses made from the title, at most 80 characters, checked at every save. */
export const registerAddresses = (strapi: Core.Strapi): void => {
  registerSlugAtSave(strapi);
};

/** In bootstrap(), after the history's tables and before anything writes content: the table and the admin's list. */
export const bootstrapAddresses = async (strapi: Core.Strapi): Promise<void> => {
  await ensureAddressesTable(strapi);
  registerAddressRoutes(strapi);
  replaceSlugGeneration(strapi);
};

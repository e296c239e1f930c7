import { ADDRESSED_TYPES, type FormerAddressesAnswer } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { formerAddresses } from './formerAddresses';
import { registerAdminRoutes } from '../utils/adminRoutes';

/** The admin's path of the list "Omdirigeringar" (src/admin/addresses/RedirectsPage.tsx). */
export const ADMIN_ADDRESSES_PATH = '/site-addresses';

interface RouteContext {
  state: { userAbility?: { can(action: string, subject: string): boolean } };
  body: unknown;
}

/**
 * GET /site-addresses (an admin session): the same list the site reads, for editors. Anyone who
 * may read one of the types with addresses may read it (the editors' role may); a refusal is a
 * PolicyError, whose message Strapi passes on (see history/routes.ts).
 */
export const registerAddressRoutes = (strapi: Core.Strapi): void => {
  const list = async (ctx: RouteContext) => {
    if (!ADDRESSED_TYPES.some((uid) => ctx.state.userAbility?.can('plugin::content-manager.explorer.read', uid))) {
      throw new errors.PolicyError('Du har inte behörighet att se omdirigeringarna.');
    }
    const answer: FormerAddressesAnswer = { data: await formerAddresses(strapi) };
    ctx.body = answer;
  };
  registerAdminRoutes(strapi, [{ method: 'GET', path: ADMIN_ADDRESSES_PATH, handler: list }]);
};

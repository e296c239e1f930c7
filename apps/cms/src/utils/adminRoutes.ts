import type { Core } from '@strapi/strapi';

/**
 * One route of the CMS's own admin API. The handler takes its own view of Koa's context; `never`
 * lets each route name the fields it reads without a cast.
 */
export interface AdminRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: (ctx: never) => unknown;
}

/**
 * Adds routes to the admin's server (Strapi's `/admin`-less admin router, as its own plugins'
 * routes are), for a signed-in admin session unless `signedIn: false` (the editors' guide, which
 * the login page links to). The rights each route needs beyond a session are checked in its
 * handler with the session's ability, so that a refusal names what is missing in Swedish.
 */
export const registerAdminRoutes = (strapi: Core.Strapi, routes: AdminRoute[], { signedIn = true } = {}): void => {
  const config = signedIn ? { policies: ['admin::isAuthenticatedAdmin'] } : { auth: false };
  strapi.server.routes({ type: 'admin', prefix: '', routes: routes.map((route) => ({ ...route, config })) } as never);
};

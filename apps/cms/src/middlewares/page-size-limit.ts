import type { Core } from '@strapi/strapi';
import { assertPageSizeAllowed } from '../access/pageSizeLimit';

/** REST: refuses `pagination[pageSize]` / `pagination[limit]` above the maximum (see pageSizeLimit). */
export default (_config: unknown, _context: { strapi: Core.Strapi }) =>
  async (ctx: { path: string; query: { pagination?: { limit?: unknown; pageSize?: unknown } } }, next: () => Promise<void>) => {
    if (ctx.path.startsWith('/api/')) assertPageSizeAllowed(ctx.query.pagination);
    await next();
  };

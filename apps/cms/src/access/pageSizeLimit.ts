import { errors } from '@strapi/utils';

/** Largest page a caller may ask for, over REST and GraphQL alike (config/api.ts, config/plugins.ts). */
export const MAX_PAGE_SIZE = 100;

interface Pagination {
  limit?: unknown;
  pageSize?: unknown;
}

/**
 * Strapi quietly clamps an oversized page to its maximum; a caller that asked for 1,000 items
 * and got 100 would believe it had them all. Such a request is refused with the reason instead.
 */
export const assertPageSizeAllowed = (pagination: Pagination | undefined): void => {
  for (const key of ['limit', 'pageSize'] as const) {
    const value = pagination?.[key];
    if (value === undefined || value === null) continue;
    const size = Number(value);
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
      throw new errors.ValidationError(
        `pagination.${key} must be a whole number from 0 to ${MAX_PAGE_SIZE}; got ${typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)}.`,
      );
    }
  }
};

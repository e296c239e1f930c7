import { describe, expect, it } from 'vitest';
import { assertPageSizeAllowed, MAX_PAGE_SIZE } from './pageSizeLimit';

describe('page size limit', () => {
  it('allows pages up to the maximum, and no pagination at all', () => {
    expect(() => assertPageSizeAllowed(undefined)).not.toThrow();
    expect(() => assertPageSizeAllowed({ pageSize: MAX_PAGE_SIZE })).not.toThrow();
    expect(() => assertPageSizeAllowed({ limit: '25' })).not.toThrow();
  });

  it('refuses larger pages, "all" (-1) and non-numbers, naming the parameter', () => {
    expect(() => assertPageSizeAllowed({ pageSize: MAX_PAGE_SIZE + 1 })).toThrow(
      `pagination.pageSize must be a whole number from 0 to ${MAX_PAGE_SIZE}; got ${MAX_PAGE_SIZE + 1}.`,
    );
    expect(() => assertPageSizeAllowed({ limit: -1 })).toThrow(/pagination\.limit/);
    expect(() => assertPageSizeAllowed({ limit: 'many' })).toThrow(/got many/);
  });
});

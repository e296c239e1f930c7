import { describe, expect, it } from 'vitest';
import { assertDraftAccess, isUntrustedContentApiCall } from './draftGuard';

const contentApi = (strategy?: string) => ({
  route: { info: { type: 'content-api' } },
  auth: strategy ? { strategy: { name: strategy } } : undefined,
});

describe('draft guard', () => {
  it('trusts API tokens on the content API', () => {
    expect(isUntrustedContentApiCall(contentApi('content-api-token'))).toBe(false);
    expect(isUntrustedContentApiCall(contentApi('api-token'))).toBe(false);
  });

  it('distrusts anonymous callers and end-user logins on the content API', () => {
    expect(isUntrustedContentApiCall(contentApi())).toBe(true);
    expect(isUntrustedContentApiCall(contentApi('users-permissions'))).toBe(true);
  });

  it('leaves the admin and internal calls (no request) alone', () => {
    expect(isUntrustedContentApiCall({ route: { info: { type: 'admin' } } })).toBe(false);
    expect(isUntrustedContentApiCall(undefined)).toBe(false);
  });

  it('refuses drafts, and only drafts, to untrusted callers', () => {
    expect(() => assertDraftAccess('draft', contentApi())).toThrow(/API token/);
    expect(() => assertDraftAccess('published', contentApi())).not.toThrow();
    expect(() => assertDraftAccess(undefined, contentApi())).not.toThrow();
    expect(() => assertDraftAccess('draft', contentApi('content-api-token'))).not.toThrow();
  });
});

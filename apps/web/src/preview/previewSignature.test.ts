import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPreviewRequest } from './previewSignature';

const SECRET = 'preview-secret-for-tests';
const sign = (parts: string[]) => createHmac('sha256', SECRET).update(parts.join('\n')).digest('base64url');
const now = Date.UTC(2026, 10, 27);
const expires = String(now / 1000 + 3600);
const search = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    locale: 'sv',
    status: 'draft',
    expires,
    signature: sign(['plan', 'doc1', 'sv', 'draft', expires]),
    ...overrides,
  });

describe('verifyPreviewRequest', () => {
  it('grants a correctly signed, unexpired preview', () => {
    expect(verifyPreviewRequest({ type: 'plan', documentId: 'doc1', search: search() }, SECRET, now)).toEqual({
      ok: true,
      request: { type: 'plan', documentId: 'doc1', locale: 'sv', status: 'draft' },
    });
  });

  it('refuses any altered part, an expired link, a missing secret', () => {
    const refuse = (params: Parameters<typeof verifyPreviewRequest>[0], secret = SECRET, at = now) =>
      verifyPreviewRequest(params, secret, at).ok;
    expect(refuse({ type: 'plan', documentId: 'doc2', search: search() })).toBe(false);
    expect(refuse({ type: 'report', documentId: 'doc1', search: search() })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ locale: 'en' }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ status: 'published' }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ expires: String(Number(expires) + 1) }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ signature: '' }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search() }, SECRET, now + 2 * 3600 * 1000)).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search() }, '')).toBe(false);
  });
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPreviewUrl, verifyPreviewRequest } from './preview.ts';

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
    const refuse = (params: Parameters<typeof verifyPreviewRequest>[0], secret = SECRET, at = now) => verifyPreviewRequest(params, secret, at).ok;
    expect(refuse({ type: 'plan', documentId: 'doc2', search: search() })).toBe(false);
    expect(refuse({ type: 'report', documentId: 'doc1', search: search() })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ locale: 'en' }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ status: 'published' }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ expires: String(Number(expires) + 1) }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search({ signature: '' }) })).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search() }, SECRET, now + 2 * 3600 * 1000)).toBe(false);
    expect(refuse({ type: 'plan', documentId: 'doc1', search: search() }, '')).toBe(false);
  });

  it('refuses a correctly signed link that claims to live longer than allowed', () => {
    const longLived = String(now / 1000 + 100 * 365 * 24 * 3600);
    const signed = search({ expires: longLived, signature: sign(['plan', 'doc1', 'sv', 'draft', longLived]) });
    expect(verifyPreviewRequest({ type: 'plan', documentId: 'doc1', search: signed }, SECRET, now)).toEqual({
      ok: false,
      reason: `valid for longer than ${4 * 3600} s`,
    });
    // Within a configured maximum of two hours: the one-hour link passes, a three-hour one does not.
    expect(verifyPreviewRequest({ type: 'plan', documentId: 'doc1', search: search() }, SECRET, now, 2 * 3600).ok).toBe(true);
    const threeHours = String(now / 1000 + 3 * 3600);
    const three = search({ expires: threeHours, signature: sign(['plan', 'doc1', 'sv', 'draft', threeHours]) });
    expect(verifyPreviewRequest({ type: 'plan', documentId: 'doc1', search: three }, SECRET, now, 2 * 3600).ok).toBe(false);
  });

  it('decodes strictly: no trailing garbage, padding, repeated parameters or odd numbers', () => {
    const refuse = (overrides: Record<string, string>) =>
      verifyPreviewRequest({ type: 'plan', documentId: 'doc1', search: search(overrides) }, SECRET, now).ok;
    const signature = sign(['plan', 'doc1', 'sv', 'draft', expires]);
    expect(refuse({ signature: `${signature}garbage` })).toBe(false);
    expect(refuse({ signature: `${signature}=` })).toBe(false);
    expect(refuse({ signature: `${signature.slice(0, 20)}.${signature.slice(21)}` })).toBe(false);
    expect(refuse({ expires: `0${expires}` })).toBe(false);
    expect(refuse({ expires: `${expires}.0` })).toBe(false);
    const repeated = search();
    repeated.append('signature', signature);
    expect(verifyPreviewRequest({ type: 'plan', documentId: 'doc1', search: repeated }, SECRET, now).ok).toBe(false);
  });
});

describe('createPreviewUrl', () => {
  const link = (uid: string, locale?: string) =>
    createPreviewUrl({ uid, documentId: 'doc 1/x', locale, status: 'draft' }, { siteUrl: 'https://example.se', secret: SECRET, now });

  it('makes links the site grants, for the document, language and version asked', () => {
    const url = new URL(link('api::priority-area.priority-area', 'en') ?? '');
    expect(url.origin + url.pathname).toBe('https://example.se/preview/priority-area/doc%201%2Fx');
    const [, , type, documentId] = url.pathname.split('/');
    expect(verifyPreviewRequest({ type, documentId: decodeURIComponent(documentId ?? ''), search: url.searchParams }, SECRET, now)).toEqual({
      ok: true,
      request: { type: 'priority-area', documentId: 'doc 1/x', locale: 'en', status: 'draft' },
    });
    // Until it expires, and not with another secret.
    expect(verifyPreviewRequest({ type, documentId: 'doc 1/x', search: url.searchParams }, SECRET, now + 4 * 3600 * 1000 + 1000).ok).toBe(false);
    expect(verifyPreviewRequest({ type, documentId: 'doc 1/x', search: url.searchParams }, 'another', now).ok).toBe(false);
  });

  it('makes none for a type without a page or a language the site does not have', () => {
    expect(link('plugin::upload.file')).toBeUndefined();
    expect(link('api::plan.plan', 'de')).toBeUndefined();
    expect(link('api::plan.plan')).toContain('locale=sv');
  });
});

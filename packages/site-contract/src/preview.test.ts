import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createArchiveUrl, createPreviewUrl, verifyArchiveRequest, verifyPreviewRequest } from './preview.ts';

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

describe('archive links', () => {
  const options = { siteUrl: 'https://example.se', secret: SECRET, now };
  const at = '2026-03-01T09:30:00.000Z';
  const searchOf = (url: string | undefined) => new URL(url ?? 'https://invalid/').searchParams;

  it('name a document in a language, or an address, at a moment, and are granted as made', () => {
    const byDocument = createArchiveUrl({ uid: 'api::plan.plan', documentId: 'abc123', locale: 'en' }, at, options);
    expect(new URL(byDocument ?? '').pathname).toBe('/_archive');
    expect(verifyArchiveRequest(searchOf(byDocument), SECRET, now)).toEqual({
      ok: true,
      request: { target: { type: 'plan', documentId: 'abc123', locale: 'en' }, at },
    });
    // A moment in another form is carried as toISOString writes it.
    const byPath = createArchiveUrl({ path: '/verksamhetsplaner/2026/' }, new Date(at), options);
    expect(verifyArchiveRequest(searchOf(byPath), SECRET, now)).toEqual({ ok: true, request: { target: { path: '/verksamhetsplaner/2026/' }, at } });
    expect(createArchiveUrl({ path: '/' }, '2026-03-01T10:30:00+01:00', options)).toContain(`at=${encodeURIComponent(at)}`);
  });

  it('are refused when any part is altered, when expired, or with another secret', () => {
    const url = createArchiveUrl({ uid: 'api::report.report', documentId: 'abc123', locale: 'sv' }, at, options);
    const altered = (name: string, value: string) => {
      const search = searchOf(url);
      search.set(name, value);
      return verifyArchiveRequest(search, SECRET, now);
    };
    expect(altered('documentId', 'abc124')).toEqual({ ok: false, reason: 'bad signature' });
    expect(altered('type', 'plan')).toEqual({ ok: false, reason: 'bad signature' });
    expect(altered('locale', 'en')).toEqual({ ok: false, reason: 'bad signature' });
    expect(altered('at', '2026-03-02T09:30:00.000Z')).toEqual({ ok: false, reason: 'bad signature' });
    expect(altered('expires', String(now / 1000 + 60))).toEqual({ ok: false, reason: 'bad signature' });
    expect(altered('at', '2026-03-01T09:30:00Z').ok).toBe(false);
    expect(altered('at', 'yesterday').ok).toBe(false);
    expect(verifyArchiveRequest(searchOf(url), SECRET, now + 4 * 3600 * 1000 + 1000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyArchiveRequest(searchOf(url), 'another', now).ok).toBe(false);
    expect(verifyArchiveRequest(searchOf(url), undefined, now).ok).toBe(false);
    // A path swapped in for the document, or added beside it.
    const swapped = searchOf(url);
    swapped.append('path', '/');
    expect(verifyArchiveRequest(swapped, SECRET, now).ok).toBe(false);
    const repeated = searchOf(url);
    repeated.append('signature', repeated.get('signature') ?? '');
    expect(verifyArchiveRequest(repeated, SECRET, now).ok).toBe(false);
  });

  it('never take a preview signature for an archive one', () => {
    const previewSignature = sign(['plan', 'abc123', 'sv', 'draft', expires]);
    const search = new URLSearchParams({ type: 'plan', documentId: 'abc123', locale: 'sv', at, expires, signature: previewSignature });
    expect(verifyArchiveRequest(search, SECRET, now)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('are not made for a type without a page, another language, an odd address or documentId, or no moment', () => {
    expect(createArchiveUrl({ uid: 'plugin::upload.file', documentId: 'abc' }, at, options)).toBeUndefined();
    expect(createArchiveUrl({ uid: 'api::plan.plan', documentId: 'abc', locale: 'de' }, at, options)).toBeUndefined();
    expect(createArchiveUrl({ uid: 'api::plan.plan', documentId: '../abc' }, at, options)).toBeUndefined();
    expect(createArchiveUrl({ path: 'relative' }, at, options)).toBeUndefined();
    expect(createArchiveUrl({ path: '//evil.example/' }, at, options)).toBeUndefined();
    expect(createArchiveUrl({ path: '/a\nb' }, at, options)).toBeUndefined();
    expect(createArchiveUrl({ path: '/' }, 'not a date', options)).toBeUndefined();
  });
});

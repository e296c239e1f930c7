/**
 * Signed preview links: the CMS makes them for Strapi's Preview (apps/cms/config/admin.ts), the
 * site's preview route checks them (apps/web/src/pages/preview/[type]/[documentId].astro). Both
 * sides sign the same payload here, so that neither can drift from the other.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isLocale, type Locale } from './locales.ts';

/** The content types with a preview: Strapi's UID → the type as named in the preview's address. */
export const PREVIEW_TYPE_OF_UID = {
  'api::organisation.organisation': 'organisation',
  'api::goal.goal': 'goal',
  'api::plan.plan': 'plan',
  'api::report.report': 'report',
  'api::priority-area.priority-area': 'priority-area',
  'api::accessibility-statement.accessibility-statement': 'accessibility-statement',
} as const;
export type PreviewContentType = keyof typeof PREVIEW_TYPE_OF_UID;
export type PreviewType = (typeof PREVIEW_TYPE_OF_UID)[PreviewContentType];
export const PREVIEW_TYPES: readonly PreviewType[] = Object.values(PREVIEW_TYPE_OF_UID);

export const PREVIEW_STATUSES = ['draft', 'published'] as const;
export type PreviewStatus = (typeof PREVIEW_STATUSES)[number];

/** What a valid link grants: one version of one document in one language. */
export interface PreviewRequest {
  type: PreviewType;
  documentId: string;
  locale: Locale;
  status: PreviewStatus;
}

/** How long a link lives: long enough for an editing session, short for a leak. The site's default limit. */
export const PREVIEW_TTL_SECONDS = 4 * 60 * 60;
/** The most the site may be configured to accept (PREVIEW_MAX_AGE_SECONDS): a leaked link stops working by tomorrow. */
export const LONGEST_PREVIEW_MAX_AGE_SECONDS = 24 * 60 * 60;

/** The preview's address on the site. */
export const previewPath = (type: PreviewType, documentId: string): string => `/preview/${type}/${encodeURIComponent(documentId)}`;

// The string the signature covers: every field the link grants, and its expiry.
const payload = ({ type, documentId, locale, status }: PreviewRequest, expires: string) => [type, documentId, locale, status, expires].join('\n');

const sign = (request: PreviewRequest, expires: string, secret: string) => createHmac('sha256', secret).update(payload(request, expires)).digest();

const isPreviewContentType = (uid: string): uid is PreviewContentType => Object.hasOwn(PREVIEW_TYPE_OF_UID, uid);

/**
 * The signed URL of the site's preview of a document, or undefined for a content type without a
 * page or a language the site does not have.
 */
export const createPreviewUrl = (
  { uid, documentId, locale = 'sv', status = 'draft' }: { uid: string; documentId: string; locale?: string; status?: PreviewStatus },
  { siteUrl, secret, now = Date.now() }: { siteUrl: string; secret: string; now?: number },
): string | undefined => {
  if (!isPreviewContentType(uid) || !isLocale(locale)) return undefined;
  const request: PreviewRequest = { type: PREVIEW_TYPE_OF_UID[uid], documentId, locale, status };
  const expires = String(Math.floor(now / 1000) + PREVIEW_TTL_SECONDS);
  const url = new URL(previewPath(request.type, documentId), siteUrl);
  url.search = new URLSearchParams({ locale, status, expires, signature: sign(request, expires, secret).toString('base64url') }).toString();
  return url.toString();
};

// An HMAC-SHA256 in base64url: exactly 43 characters, nothing before or after them. (Node's
// decoder would skip characters it does not know and stop at padding, so the form is checked first.)
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks a preview URL's parameters and signature. Returns the request it grants, or the reason
 * it grants none; the reason is for the log, the visitor only learns "401". A link that claims
 * to live longer than `maxAgeSeconds` from now is refused, however it is signed.
 */
export const verifyPreviewRequest = (
  params: { type?: string | undefined; documentId?: string | undefined; search: URLSearchParams },
  secret: string | undefined,
  now = Date.now(),
  maxAgeSeconds = PREVIEW_TTL_SECONDS,
): { ok: true; request: PreviewRequest } | { ok: false; reason: string } => {
  if (!secret) return { ok: false, reason: 'PREVIEW_SECRET is not set' };
  const { type, documentId, search } = params;
  const locale = search.get('locale') ?? '';
  const status = search.get('status') ?? '';
  const expires = search.get('expires') ?? '';
  const signature = search.get('signature') ?? '';
  if (!PREVIEW_TYPES.includes(type as PreviewType) || !documentId) return { ok: false, reason: 'unknown preview' };
  if (!isLocale(locale)) return { ok: false, reason: 'unknown locale' };
  if (!PREVIEW_STATUSES.includes(status as PreviewStatus)) return { ok: false, reason: 'unknown status' };
  for (const name of ['locale', 'status', 'expires', 'signature']) {
    if (search.getAll(name).length !== 1) return { ok: false, reason: `${name} given more than once` };
  }
  if (!/^[1-9]\d{0,11}$/.test(expires)) return { ok: false, reason: 'malformed expiry' };
  if (Number(expires) * 1000 < now) return { ok: false, reason: 'expired' };
  if (Number(expires) * 1000 > now + maxAgeSeconds * 1000) return { ok: false, reason: `valid for longer than ${maxAgeSeconds} s` };
  if (!SIGNATURE.test(signature)) return { ok: false, reason: 'malformed signature' };

  const request: PreviewRequest = { type: type as PreviewType, documentId, locale, status: status as PreviewStatus };
  const expected = sign(request, expires, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, request };
};

/**
 * Signed archive links: a page of the public site as it was served at a moment, from the
 * release live then (the CMS's "Historik" makes them, the site server answers them). Signed
 * with the preview's secret (PREVIEW_SECRET: the one secret for editors' links the CMS and the
 * site already share), over a payload that starts with `archive`, so that no preview signature
 * is ever an archive signature or the other way round.
 */
export const ARCHIVE_PATH = '/_archive';
/** How long an archive link lives: the preview's four hours. */
export const ARCHIVE_TTL_SECONDS = PREVIEW_TTL_SECONDS;

/** What an archive link names: a page by its address, or the page of a document in one language. */
export type ArchiveTarget = { path: string } | { type: PreviewType; documentId: string; locale: Locale };

/** What a valid archive link grants: one page at one moment (`at`, ISO 8601 in UTC as toISOString writes it). */
export interface ArchiveRequest {
  target: ArchiveTarget;
  at: string;
}

// A Strapi documentId and its likes: letters, digits, - and _, nothing that changes a path.
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PATH_LENGTH = 2048;
// No control characters: an address with them is not one the site has, and would be logged as given.
const hasControlCharacter = (value: string) => [...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
const isArchivePath = (value: string) =>
  value.startsWith('/') && !value.startsWith('//') && value.length <= MAX_PATH_LENGTH && !hasControlCharacter(value);

const archivePayload = ({ target, at }: ArchiveRequest, expires: string) =>
  ['archive', ...('path' in target ? ['path', target.path] : ['document', target.type, target.documentId, target.locale]), at, expires].join('\n');

const signArchive = (request: ArchiveRequest, expires: string, secret: string) =>
  createHmac('sha256', secret).update(archivePayload(request, expires)).digest();

/** The moment as the link carries it, or undefined for something that is not one. */
const canonicalMoment = (at: Date | string): string | undefined => {
  const time = at instanceof Date ? at.getTime() : Date.parse(at);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
};

/**
 * The signed URL of a page as it was at `at`: named by `path`, or by the document (Strapi UID,
 * documentId, locale). The site answers from the release live at `at`, which goes live a moment
 * (about 0.15 s) after the CMS's publish: for a version published at T and replaced at T2, give a
 * moment inside the time it was live, such as just before T2 (or now, for the version still
 * published), not T itself. Undefined for a content type without a page, a language the site
 * does not have, an address or documentId of the wrong form, or a moment that is not one.
 */
export const createArchiveUrl = (
  page: { path: string } | { uid: string; documentId: string; locale?: string },
  at: Date | string,
  { siteUrl, secret, now = Date.now() }: { siteUrl: string; secret: string; now?: number },
): string | undefined => {
  const moment = canonicalMoment(at);
  if (!moment) return undefined;
  let target: ArchiveTarget;
  if ('path' in page) {
    if (!isArchivePath(page.path)) return undefined;
    target = { path: page.path };
  } else {
    const locale = page.locale ?? 'sv';
    if (!isPreviewContentType(page.uid) || !isLocale(locale) || !DOCUMENT_ID.test(page.documentId)) return undefined;
    target = { type: PREVIEW_TYPE_OF_UID[page.uid], documentId: page.documentId, locale };
  }
  const expires = String(Math.floor(now / 1000) + ARCHIVE_TTL_SECONDS);
  const url = new URL(ARCHIVE_PATH, siteUrl);
  const fields: Record<string, string> =
    'path' in target ? { path: target.path } : { type: target.type, documentId: target.documentId, locale: target.locale };
  url.search = new URLSearchParams({
    ...fields,
    at: moment,
    expires,
    signature: signArchive({ target, at: moment }, expires, secret).toString('base64url'),
  }).toString();
  return url.toString();
};

/**
 * Checks an archive URL's query and signature. Returns the request it grants, or the reason it
 * grants none (for the log; the visitor learns "403"). A link that claims to live longer than
 * `maxAgeSeconds` from now is refused, however it is signed.
 */
export const verifyArchiveRequest = (
  search: URLSearchParams,
  secret: string | undefined,
  now = Date.now(),
  maxAgeSeconds = ARCHIVE_TTL_SECONDS,
): { ok: true; request: ArchiveRequest } | { ok: false; reason: string } => {
  if (!secret) return { ok: false, reason: 'PREVIEW_SECRET is not set' };
  const byPath = search.has('path');
  const names = byPath ? ['path', 'at', 'expires', 'signature'] : ['type', 'documentId', 'locale', 'at', 'expires', 'signature'];
  for (const name of names) if (search.getAll(name).length !== 1) return { ok: false, reason: `${name} missing or given more than once` };
  for (const name of new Set(search.keys())) if (!names.includes(name)) return { ok: false, reason: `unexpected parameter ${name}` };
  const get = (name: string) => search.get(name) ?? '';
  let target: ArchiveTarget;
  if (byPath) {
    if (!isArchivePath(get('path'))) return { ok: false, reason: 'malformed path' };
    target = { path: get('path') };
  } else {
    const type = get('type');
    const locale = get('locale');
    if (!PREVIEW_TYPES.includes(type as PreviewType)) return { ok: false, reason: 'unknown type' };
    if (!DOCUMENT_ID.test(get('documentId'))) return { ok: false, reason: 'malformed documentId' };
    if (!isLocale(locale)) return { ok: false, reason: 'unknown locale' };
    target = { type: type as PreviewType, documentId: get('documentId'), locale };
  }
  const at = get('at');
  if (canonicalMoment(at) !== at) return { ok: false, reason: 'malformed moment (at)' };
  const expires = get('expires');
  if (!/^[1-9]\d{0,11}$/.test(expires)) return { ok: false, reason: 'malformed expiry' };
  if (Number(expires) * 1000 < now) return { ok: false, reason: 'expired' };
  if (Number(expires) * 1000 > now + maxAgeSeconds * 1000) return { ok: false, reason: `valid for longer than ${maxAgeSeconds} s` };
  const signature = get('signature');
  if (!SIGNATURE.test(signature)) return { ok: false, reason: 'malformed signature' };
  const request: ArchiveRequest = { target, at };
  const expected = signArchive(request, expires, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, request };
};

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

import { createHmac, timingSafeEqual } from 'node:crypto';

/** The content types with a preview, as named in preview URLs. */
export const PREVIEW_TYPES = ['organisation', 'goal', 'plan', 'report', 'priority-area', 'accessibility-statement'] as const;
export type PreviewType = (typeof PREVIEW_TYPES)[number];

export interface PreviewRequest {
  type: PreviewType;
  documentId: string;
  locale: 'sv' | 'en';
  status: 'draft' | 'published';
}

/**
 * The string the CMS signs (apps/cms/src/preview/previewUrl.ts makes the same one): a change
 * here must be made there too.
 */
const payload = (type: string, documentId: string, locale: string, status: string, expires: string) =>
  [type, documentId, locale, status, expires].join('\n');

/** How long a preview link may live at most, whatever its signed expiry says (PREVIEW_MAX_AGE_SECONDS). */
export const DEFAULT_PREVIEW_MAX_AGE_SECONDS = 4 * 60 * 60;
/** Never more than a day: a leaked link stops working by tomorrow. */
export const LONGEST_PREVIEW_MAX_AGE_SECONDS = 24 * 60 * 60;

// An HMAC-SHA256 in base64url: exactly 43 characters, nothing before or after them. (Node's
// decoder would skip characters it does not know and stop at padding, so the form is checked first.)
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks a preview URL's parameters and signature. Returns the request it grants, or the reason
 * it grants none; the reason is for the log, the visitor only learns "401". A link that claims
 * to live longer than `maxAgeSeconds` from now is refused, however it is signed.
 */
export const verifyPreviewRequest = (
  params: { type?: string; documentId?: string; search: URLSearchParams },
  secret: string | undefined,
  now = Date.now(),
  maxAgeSeconds = DEFAULT_PREVIEW_MAX_AGE_SECONDS,
): { ok: true; request: PreviewRequest } | { ok: false; reason: string } => {
  if (!secret) return { ok: false, reason: 'PREVIEW_SECRET is not set' };
  const { type, documentId, search } = params;
  const locale = search.get('locale') ?? '';
  const status = search.get('status') ?? '';
  const expires = search.get('expires') ?? '';
  const signature = search.get('signature') ?? '';
  if (!PREVIEW_TYPES.includes(type as PreviewType) || !documentId) return { ok: false, reason: 'unknown preview' };
  if (locale !== 'sv' && locale !== 'en') return { ok: false, reason: 'unknown locale' };
  if (status !== 'draft' && status !== 'published') return { ok: false, reason: 'unknown status' };
  for (const name of ['locale', 'status', 'expires', 'signature']) {
    if (search.getAll(name).length !== 1) return { ok: false, reason: `${name} given more than once` };
  }
  if (!/^[1-9]\d{0,11}$/.test(expires)) return { ok: false, reason: 'malformed expiry' };
  if (Number(expires) * 1000 < now) return { ok: false, reason: 'expired' };
  if (Number(expires) * 1000 > now + maxAgeSeconds * 1000) return { ok: false, reason: `valid for longer than ${maxAgeSeconds} s` };
  if (!SIGNATURE.test(signature)) return { ok: false, reason: 'malformed signature' };

  const expected = createHmac('sha256', secret).update(payload(type as string, documentId, locale, status, expires)).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, request: { type: type as PreviewType, documentId, locale, status } };
};

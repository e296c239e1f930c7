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

/**
 * Checks a preview URL's parameters and signature. Returns the request it grants, or the reason
 * it grants none; the reason is for the log, the visitor only learns "401".
 */
export const verifyPreviewRequest = (
  params: { type?: string; documentId?: string; search: URLSearchParams },
  secret: string | undefined,
  now = Date.now(),
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
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < now) return { ok: false, reason: 'expired' };

  const expected = createHmac('sha256', secret).update(payload(type as string, documentId, locale, status, expires)).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, request: { type: type as PreviewType, documentId, locale, status } };
};

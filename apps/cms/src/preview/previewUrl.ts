import { createHmac } from 'crypto';

/** The site's preview route per content type (apps/web/src/pages/preview/[type]/[documentId].astro). */
export const PREVIEW_TYPES: Record<string, string> = {
  'api::organisation.organisation': 'organisation',
  'api::goal.goal': 'goal',
  'api::plan.plan': 'plan',
  'api::report.report': 'report',
  'api::priority-area.priority-area': 'priority-area',
  'api::accessibility-statement.accessibility-statement': 'accessibility-statement',
};

/** How long a preview link stays valid: long enough for an editing session, short for a leak. */
export const PREVIEW_TTL_SECONDS = 4 * 60 * 60;

export interface PreviewRequest {
  uid: string;
  documentId: string;
  locale?: string;
  status?: 'draft' | 'published';
}

/**
 * The string the signature covers. The site computes the same one (apps/web/src/preview/
 * previewSignature.ts); a change here must be made there too, and the preview tests fail
 * until it is.
 */
export const previewPayload = (type: string, documentId: string, locale: string, status: string, expires: number) =>
  [type, documentId, locale, status, String(expires)].join('\n');

/**
 * The signed URL of the site's preview of a document, or undefined for types without a page.
 * Used by Strapi's Preview (config/admin.ts).
 */
export const createPreviewUrl = (
  { uid, documentId, locale = 'sv', status = 'draft' }: PreviewRequest,
  { siteUrl, secret, now = Date.now() }: { siteUrl: string; secret: string; now?: number },
): string | undefined => {
  const type = PREVIEW_TYPES[uid];
  if (!type) return undefined;
  const expires = Math.floor(now / 1000) + PREVIEW_TTL_SECONDS;
  const signature = createHmac('sha256', secret).update(previewPayload(type, documentId, locale, status, expires)).digest('base64url');
  const url = new URL(`/preview/${type}/${encodeURIComponent(documentId)}`, siteUrl);
  url.search = new URLSearchParams({ locale, status, expires: String(expires), signature }).toString();
  return url.toString();
};

/**
 * Security headers on every response of the site, as a flat [name, value, …] list. The pages
 * have no scripts at all, so scripts are limited to the site itself and never inline; styles are
 * inlined by the build (one small stylesheet per page), hence 'unsafe-inline' for styles only.
 * Nothing may frame the site; the preview route allows the admin itself (see its page).
 */
export const securityHeaders = (options: { mediaOrigin?: string; frameAncestors?: string }): string[] => [
  'content-security-policy',
  contentSecurityPolicy(options),
  ...POLICY_FREE_SECURITY_HEADERS,
];

/**
 * The security headers besides the content security policy, for an answer that sets its own
 * policy (the preview, framed by the admin).
 */
export const POLICY_FREE_SECURITY_HEADERS = ['x-content-type-options', 'nosniff', 'referrer-policy', 'strict-origin-when-cross-origin'] as const;

/**
 * The site's content security policy, the one source of it: the pages' and, framed by the admin
 * (frameAncestors), the preview's.
 */
export const contentSecurityPolicy = ({ mediaOrigin, frameAncestors = "'none'" }: { mediaOrigin?: string; frameAncestors?: string }): string => {
  const media = mediaOrigin ? ` ${mediaOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${media}`,
    `media-src 'self'${media}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Kept to what protects these pages: every header costs on each of thousands of responses a
    // second (frame-ancestors supersedes X-Frame-Options; the pages use no powerful features).
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
};

/** Sent only when the request came over TLS (the proxy in front says so): browsers ignore it otherwise. */
export const HSTS = ['strict-transport-security', 'max-age=31536000; includeSubDomains'] as const;

/** True when a TLS-terminating proxy forwarded the request. */
export const cameOverTls = (forwardedProto: string | string[] | undefined): boolean =>
  (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)?.split(',')[0]?.trim() === 'https';

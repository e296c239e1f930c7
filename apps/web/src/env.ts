import { LONGEST_PREVIEW_MAX_AGE_SECONDS, PREVIEW_TTL_SECONDS } from '@malardalsradet/site-contract';

/**
 * The site's environment, read and checked in one place. A missing or malformed variable stops
 * the build at once with its name, instead of failing later in a request.
 */
export interface SiteEnv {
  /** Where the CMS listens, e.g. http://127.0.0.1:1337. */
  cmsUrl: string;
  /** A read-only Strapi API token. */
  cmsApiToken: string;
  /** How long one request to the CMS may take before it fails (CMS_TIMEOUT_MS, default 10 s). */
  cmsTimeoutMs: number;
}

const DEFAULT_CMS_TIMEOUT_MS = 10_000;

const readUrl = (name: string, value: string | undefined): string => {
  if (!value) throw new Error(`${name} is not set (see apps/web/.env.example).`);
  try {
    return new URL(value).toString().replace(/\/$/, '');
  } catch {
    throw new Error(`${name} is not a URL: "${value}".`);
  }
};

/** Reads the environment; throws naming the first variable that is missing or wrong. */
export const readSiteEnv = (env: NodeJS.ProcessEnv = process.env): SiteEnv => {
  const cmsUrl = readUrl('CMS_URL', env.CMS_URL);
  const cmsApiToken = env.CMS_API_TOKEN;
  if (!cmsApiToken || cmsApiToken === 'change-me') {
    throw new Error('CMS_API_TOKEN is not set (see apps/web/.env.example); `npm run dev` writes one.');
  }
  const timeout = env.CMS_TIMEOUT_MS;
  const cmsTimeoutMs = timeout ? Number(timeout) : DEFAULT_CMS_TIMEOUT_MS;
  if (!Number.isInteger(cmsTimeoutMs) || cmsTimeoutMs < 100) {
    throw new Error(`CMS_TIMEOUT_MS must be a whole number of milliseconds, at least 100; got "${timeout}".`);
  }
  return { cmsUrl, cmsApiToken, cmsTimeoutMs };
};

/**
 * Where the public finds uploaded media (Strapi's /uploads/...): MEDIA_URL when the uploads are
 * served from elsewhere (a CDN, a proxy path), else the CMS itself. Needs no token, so the rich
 * text renderer can use it anywhere.
 */
export const readMediaUrl = (env: NodeJS.ProcessEnv = process.env): string | undefined => {
  const [name, value] = env.MEDIA_URL ? ['MEDIA_URL', env.MEDIA_URL] : ['CMS_URL', env.CMS_URL];
  if (!value) return undefined;
  // An address the pages can link to: absolute, over HTTP(S). Checked here because it is read
  // while a page renders, where a bad value would otherwise surface as a stack trace.
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`${name} must be an http(s) address such as https://cms.example.org, got "${value}".`);
  }
  return value.replace(/\/$/, '');
};

/**
 * What the preview route needs: the secret that signs its links, the longest a link may live
 * (PREVIEW_MAX_AGE_SECONDS, default 4 hours, at most a day) and the admin that may frame it.
 * Throws naming the variable that is wrong.
 */
export const readPreviewEnv = (env: NodeJS.ProcessEnv = process.env) => {
  const maxAge = env.PREVIEW_MAX_AGE_SECONDS;
  const previewMaxAgeSeconds = maxAge ? Number(maxAge) : PREVIEW_TTL_SECONDS;
  if (!Number.isInteger(previewMaxAgeSeconds) || previewMaxAgeSeconds < 60 || previewMaxAgeSeconds > LONGEST_PREVIEW_MAX_AGE_SECONDS) {
    throw new Error(`PREVIEW_MAX_AGE_SECONDS must be a whole number of seconds from 60 to ${LONGEST_PREVIEW_MAX_AGE_SECONDS}; got "${maxAge}".`);
  }
  const publicUrl = env.CMS_PUBLIC_URL || 'http://localhost:1337';
  if (!URL.canParse(publicUrl)) throw new Error(`CMS_PUBLIC_URL is not a URL: "${publicUrl}".`);
  return {
    previewSecret: env.PREVIEW_SECRET || undefined,
    previewMaxAgeSeconds,
    // The admin's address as editors' browsers see it (CMS_URL may be an internal one).
    adminOrigin: new URL(publicUrl).origin,
  };
};

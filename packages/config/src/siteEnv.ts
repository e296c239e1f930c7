import { LONGEST_PREVIEW_MAX_AGE_SECONDS, PREVIEW_TTL_SECONDS } from '@malardalsradet/site-contract';
import { z } from 'zod';
import { httpUrl, integer, readEnv, sharedSecret, token } from './env.ts';

// The site's variables: what its pages, its CMS client and its preview route read. They live
// here, not in apps/web/src, because the site's code and the site server both read them (the
// server extends the schema with its own and checks them all at start, so that a server that
// could never render says so at once), and neither imports the other.

/** The file that shows every variable of the site and its server. */
export const SITE_ENV_EXAMPLE = 'apps/web/.env.example';

/** The site's variables. */
export const siteSchema = z.object({
  /** The public address, for canonical links, hreflang alternates and the sitemap. */
  SITE_URL: httpUrl().default('http://localhost:4321'),
  /** Where the CMS listens; an internal address will do. */
  CMS_URL: httpUrl(),
  /** The site's API token, which reads its content types only (docs/deployment.md). */
  CMS_API_TOKEN: token("the site's API token from the admin (Settings → API Tokens)"),
  /** How long one request to the CMS may take before it fails (ms). */
  CMS_TIMEOUT_MS: integer(100).default(10_000),
  /**
   * How many requests to the CMS the renderer makes at once (src/data/client.ts): a burst of
   * changes must not become hundreds of GraphQL requests at the same moment.
   */
  CMS_CONCURRENCY: integer(1, 64).default(6),
  /** Where the public finds uploaded media when not at the CMS itself (a CDN, a proxy path). */
  MEDIA_URL: httpUrl().optional(),
  /** The admin's address as editors' browsers see it (CMS_URL may be an internal one): it alone may frame a preview. */
  CMS_PUBLIC_URL: httpUrl().default('http://localhost:1337'),
  /** Checks the preview links the CMS signs; without it every preview is refused. */
  PREVIEW_SECRET: sharedSecret('PREVIEW_SECRET').optional(),
  /** The longest a preview link is accepted, whatever it says (seconds). */
  PREVIEW_MAX_AGE_SECONDS: integer(60, LONGEST_PREVIEW_MAX_AGE_SECONDS).default(PREVIEW_TTL_SECONDS),
  /** How long the CMS keeps readers' feedback (months; the CMS's own setting of the same name): the form's privacy note says it. */
  FEEDBACK_RETENTION_MONTHS: integer(1).default(12),
});

export type SiteEnv = z.output<typeof siteSchema>;

/** Reads `schema`'s variables (the site's, or the server's that extend them); throws an EnvError naming every one at fault. */
export const readSiteSchema = <Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> =>
  readEnv(schema, env, { example: SITE_ENV_EXAMPLE });

/** The site's whole environment (the CMS client's included); throws naming every variable at fault. */
export const readSiteEnv = (env: NodeJS.ProcessEnv = process.env): SiteEnv => readSiteSchema(siteSchema, env);

/** The public address (SITE_URL), for the build's configuration and the code version. */
export const readSiteUrl = (env: NodeJS.ProcessEnv = process.env): string => readSiteSchema(siteSchema.pick({ SITE_URL: true }), env).SITE_URL;

/** Where uploaded media is served from, of an environment already read: MEDIA_URL, else the CMS. */
export const mediaUrlOf = ({ MEDIA_URL, CMS_URL }: Partial<Pick<SiteEnv, 'MEDIA_URL' | 'CMS_URL'>>): string | undefined => MEDIA_URL ?? CMS_URL;

const mediaUrlSchema = siteSchema.pick({ MEDIA_URL: true, CMS_URL: true }).partial();
let mediaUrlRead: { key: string; value: string | undefined } | undefined;

/**
 * Where the public finds uploaded media (Strapi's /uploads/...): MEDIA_URL, else the CMS itself.
 * Needs no token, so the rich text renderer can use it anywhere.
 */
export const readMediaUrl = (env: NodeJS.ProcessEnv = process.env): string | undefined => {
  // Asked by every rich text and file link a page renders: checked again only when the two
  // variables change (a check makes a schema and copies the environment, 1-2 ms a page).
  const key = `${env.MEDIA_URL ?? ''}\n${env.CMS_URL ?? ''}`;
  if (mediaUrlRead?.key !== key) {
    mediaUrlRead = { key, value: mediaUrlOf(readSiteSchema(mediaUrlSchema, { MEDIA_URL: env.MEDIA_URL, CMS_URL: env.CMS_URL })) };
  }
  return mediaUrlRead.value;
};

/** How long readers' feedback is kept (months), for the form's privacy note. */
export const readFeedbackRetentionMonths = (env: NodeJS.ProcessEnv = process.env): number =>
  readSiteSchema(siteSchema.pick({ FEEDBACK_RETENTION_MONTHS: true }), env).FEEDBACK_RETENTION_MONTHS;

/** What the preview route needs: the secret, the longest a link lives, and the admin that may frame it. */
export const readPreviewEnv = (env: NodeJS.ProcessEnv = process.env) =>
  readSiteSchema(siteSchema.pick({ PREVIEW_SECRET: true, PREVIEW_MAX_AGE_SECONDS: true, CMS_PUBLIC_URL: true }), env);

import { LONGEST_PREVIEW_MAX_AGE_SECONDS, PREVIEW_TTL_SECONDS } from '@malardalsradet/site-contract';
import { z } from 'zod';

// The site's environment, declared and checked in one place. The site server (server/serverEnv.ts)
// adds its own variables to these and checks them all at start, so that a missing or malformed
// value stops it with the variable's name instead of failing a render later.
//
// Zod holds the declarations: one schema gives the types, the defaults, the partial reads (the
// media address needs no token) and every problem at once, in the CMS's CommonJS and here alike.
// The checks are small functions of our own, because a message must say what was expected and
// what was found (never for a secret), which zod's generic messages do not.

/** What is wrong with the environment: one line per variable at fault. */
export class EnvError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`the environment is wrong (see apps/web/.env.example):\n  ${problems.join('\n  ')}`);
    this.name = 'EnvError';
    this.problems = problems;
  }
}

/** Placeholders of .env.example that mean "not set yet". */
export const PLACEHOLDER = /^change-?me/i;

/**
 * One variable's text: `check` turns it into the value, or gives undefined when it will not do.
 * Chain `.default()` or `.optional()` for a variable that may be unset.
 */
export const variable = <T>(expected: string, check: (text: string) => T | undefined, { secret = false } = {}) =>
  z.string({ error: `is not set; it must be ${expected}` }).transform((text, context) => {
    const value = check(text);
    if (value === undefined) {
      // A secret's value is never repeated: the message ends up in logs.
      context.addIssue({ code: 'custom', message: secret ? `must be ${expected}` : `must be ${expected}, got "${text}"` });
      return z.NEVER;
    }
    return value;
  });

/** An absolute http(s) address, without a trailing slash. */
export const httpUrl = () =>
  variable('an http(s) address such as https://cms.example.org', (text) =>
    URL.canParse(text) && /^https?:$/.test(new URL(text).protocol) ? new URL(text).href.replace(/\/$/, '') : undefined,
  );

/** A whole number of at least `min` (and at most `max`). */
export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  variable(max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`, (text) => {
    const value = Number(text);
    return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  });

/** A random value of at least 16 characters shared with the CMS, not the .env.example placeholder. */
export const sharedSecret = (sharedAs: string) =>
  variable(
    `a random value of at least 16 characters, the same as the CMS's ${sharedAs}`,
    (text) => (text.length >= 16 && !PLACEHOLDER.test(text) ? text : undefined),
    {
      secret: true,
    },
  );

/** The site's variables: what the pages, the CMS client and the preview route read. */
export const siteSchema = z.object({
  /** The public address, for canonical links, hreflang alternates and the sitemap. */
  SITE_URL: httpUrl().default('http://localhost:4321'),
  /** Where the CMS listens; an internal address will do. */
  CMS_URL: httpUrl(),
  /** The site's API token, which reads its content types only (docs/deployment.md). */
  CMS_API_TOKEN: variable("the site's API token from the admin (Settings → API Tokens)", (text) => (PLACEHOLDER.test(text) ? undefined : text), {
    secret: true,
  }),
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

/** Reads `schema`'s variables from env (unset and empty are the same); throws an EnvError naming every one at fault. */
export const readEnv = <Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> => {
  // Compose passes an unset `${NAME:-}` on as "", and .env.example leaves optional ones empty.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(set);
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  return result.data;
};

/** The site's whole environment (the CMS client's included); throws naming every variable at fault. */
export const readSiteEnv = (env: NodeJS.ProcessEnv = process.env): SiteEnv => readEnv(siteSchema, env);

/** The public address (SITE_URL), for the build's configuration and the code version. */
export const readSiteUrl = (env: NodeJS.ProcessEnv = process.env): string => readEnv(siteSchema.pick({ SITE_URL: true }), env).SITE_URL;

/**
 * Where the public finds uploaded media (Strapi's /uploads/...): MEDIA_URL, else the CMS itself.
 * Needs no token, so the rich text renderer can use it anywhere.
 */
export const readMediaUrl = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  mediaUrlOf(readEnv(siteSchema.pick({ MEDIA_URL: true, CMS_URL: true }).partial(), env));

/** Where uploaded media is served from, of an environment already read: MEDIA_URL, else the CMS. */
export const mediaUrlOf = ({ MEDIA_URL, CMS_URL }: Partial<Pick<SiteEnv, 'MEDIA_URL' | 'CMS_URL'>>): string | undefined => MEDIA_URL ?? CMS_URL;

/** How long readers' feedback is kept (months), for the form's privacy note. */
export const readFeedbackRetentionMonths = (env: NodeJS.ProcessEnv = process.env): number =>
  readEnv(siteSchema.pick({ FEEDBACK_RETENTION_MONTHS: true }), env).FEEDBACK_RETENTION_MONTHS;

/** What the preview route needs: the secret, the longest a link lives, and the admin that may frame it. */
export const readPreviewEnv = (env: NodeJS.ProcessEnv = process.env) =>
  readEnv(siteSchema.pick({ PREVIEW_SECRET: true, PREVIEW_MAX_AGE_SECONDS: true, CMS_PUBLIC_URL: true }), env);

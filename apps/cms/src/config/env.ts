import {
  EnvError,
  flag,
  httpUrl,
  integer,
  list,
  MIN_SECRET_LENGTH,
  parseTrustedProxies,
  readEnv,
  secretProblem,
  trustedProxiesVariable,
  variable,
} from '@malardalsradet/config';
import { z } from 'zod';

// The CMS's environment, declared and checked in one place: Strapi's own settings (read by
// config/*.ts from here, not with Strapi's `env` helper) and the CMS's. A missing or malformed
// value stops the start with the variable's name and what it expects, every one at fault at once.
// The checks are the workspace's (@malardalsradet/config), the site's the same.

export { EnvError };

/** A secret: any text will do here; production's rules for them are productionSecretProblems' below. */
const secret = () => z.string().optional();

const cmsSchema = z.object({
  /** production, test, or anything else for development. */
  NODE_ENV: z.string().optional(),

  // The server (config/server.ts).
  HOST: z.string().default('127.0.0.1'),
  PORT: integer(0).default(1337),
  /** The CMS's public address (admin links, Secure cookies behind the TLS proxy). */
  CMS_PUBLIC_URL: httpUrl().optional(),
  /** Koa's session keys, at least two. */
  APP_KEYS: list().optional(),
  /** Uploads go to <PUBLIC_DIR>/uploads; tests give each scratch CMS a folder of its own. */
  PUBLIC_DIR: z.string().default('./public'),
  /** The proxies whose X-Forwarded-* headers are believed (src/middlewares/trusted-proxies.ts). */
  TRUSTED_PROXIES: trustedProxiesVariable().default(() => parseTrustedProxies('')),

  // The admin (config/admin.ts) and the users-permissions plugin (config/plugins.ts).
  /** Tests and tooling run the CMS without the admin UI, which saves building it. */
  SERVE_ADMIN_PANEL: flag().default(true),
  ADMIN_JWT_SECRET: secret(),
  API_TOKEN_SALT: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  ENCRYPTION_KEY: secret(),
  JWT_SECRET: secret(),
  /** Apollo's landing page, for a developer who asks for it; never in production. */
  GRAPHQL_PLAYGROUND: flag().default(false),

  // The database (config/database.ts): SQLite in development, PostgreSQL in production.
  DATABASE_CLIENT: variable('"sqlite" or "postgres"', (text) => (text === 'sqlite' || text === 'postgres' ? text : undefined)).default('sqlite'),
  /** SQLite's file, from apps/cms. */
  DATABASE_FILENAME: z.string().default('.tmp/data.db'),
  /** PostgreSQL: a connection string, or the parts below. */
  DATABASE_URL: z.string().optional(),
  DATABASE_HOST: z.string().default('127.0.0.1'),
  DATABASE_PORT: integer(1).default(5432),
  DATABASE_NAME: z.string().default('strapi'),
  DATABASE_USERNAME: z.string().default('strapi'),
  DATABASE_PASSWORD: z.string().default(''),
  DATABASE_SSL: flag().default(false),
  DATABASE_SSL_REJECT_UNAUTHORIZED: flag().default(true),
  DATABASE_SCHEMA: z.string().default('public'),
  DATABASE_POOL_MIN: integer(0).default(2),
  DATABASE_POOL_MAX: integer(1).default(10),
  DATABASE_CONNECTION_TIMEOUT: integer(1).default(60_000),

  // Requests (config/middlewares.ts, config/plugins.ts).
  /** Browsers that may call the CMS: by default the public site (SITE_URL), else development's site and admin. */
  CORS_ORIGINS: list().optional(),
  /** The largest upload, in bytes (all the files of one request together). Reports and plans are PDFs of a few megabytes. */
  UPLOAD_MAX_FILE_SIZE: integer(1).default(50 * 1024 * 1024),
  /** The largest image, in pixels (width × height): 40 megapixels, why in src/access/imagePixels.ts. */
  UPLOAD_MAX_IMAGE_PIXELS: integer(1).default(40_000_000),
  /** How long a client may take to send its request's headers before it gets 408 (config/server.ts). */
  HEADERS_TIMEOUT_SECONDS: variable('a whole number of seconds from 1 to 60', (text) => {
    const value = Number(text);
    // Node refuses a headers timeout longer than the request's (5 minutes); a minute is plenty.
    return /^\d+$/.test(text) && value >= 1 && value <= 60 ? value : undefined;
  }).default(10),

  // Where uploads are stored (config/plugins.ts): local files under PUBLIC_DIR, or an S3-compatible
  // bucket that every CMS instance sees (docker-compose.scale.yml, docs/deployment.md).
  UPLOAD_PROVIDER: variable('"local" or "aws-s3"', (text) => (text === 'local' || text === 'aws-s3' ? text : undefined)).default('local'),
  /** The S3 API's address; unset: AWS itself (by UPLOAD_S3_REGION). */
  UPLOAD_S3_ENDPOINT: httpUrl().optional(),
  UPLOAD_S3_REGION: z.string().default('us-east-1'),
  UPLOAD_S3_BUCKET: z.string().optional(),
  UPLOAD_S3_ACCESS_KEY_ID: z.string().optional(),
  UPLOAD_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Bucket in the path (`endpoint/bucket/key`), as most servers other than AWS want. */
  UPLOAD_S3_FORCE_PATH_STYLE: flag().default(true),
  /** Where the public reads the bucket's files (its address, or a CDN's in front of it): the files' URLs begin with it. */
  UPLOAD_S3_PUBLIC_URL: httpUrl().optional(),

  // The site.
  /** The site's public address: Strapi's Preview opens the site's preview route there. */
  SITE_URL: httpUrl().optional(),
  /** Where the admin's "Läs mer i dokumentationen" leads: by default the guide the CMS serves (src/editorGuide/route.ts). */
  EDITOR_GUIDE_URL: httpUrl().optional(),
  /** Signs preview links; the site checks them with the same secret. */
  PREVIEW_SECRET: secret(),
  /** The site server's publish webhook, and the secret it expects. */
  SITE_WEBHOOK_URL: httpUrl().optional(),
  SITE_WEBHOOK_SECRET: secret(),
  /** Where the site server reports its status; by default beside the webhook URL. */
  SITE_STATUS_URL: httpUrl().optional(),
  /**
   * The key of the site's API token, when the deployment chooses it (docker-compose.yml gives the
   * CMS and the site the same secret): the CMS gives its site token this key at every start.
   * Unset, the token is made in the admin (or by `npm run dev`).
   */
  CMS_API_TOKEN: secret(),
  /**
   * The key of the site server's token for readers' feedback, which may only create feedback
   * (src/access/feedbackToken.json); given and made like CMS_API_TOKEN.
   */
  CMS_FEEDBACK_TOKEN: secret(),

  // Readers' feedback (src/feedback/).
  /** Feedback is deleted this many months after it came in (at start and daily). */
  FEEDBACK_RETENTION_MONTHS: integer(1).default(12),

  // The history of documents (src/history/): gallring, applied daily.
  /** Published versions (and every event but draft saves) older than this are deleted; unset keeps them for ever. */
  HISTORY_KEEP_PUBLISHED_DAYS: integer(1).optional(),
  /** Every draft save is kept this many days; older ones are thinned to the last of each day per document and language. */
  HISTORY_DRAFT_KEEP_ALL_DAYS: integer(0).default(30),
  /** Draft saves older than this are deleted altogether; unset keeps the daily ones for ever. */
  HISTORY_DRAFT_KEEP_DAYS: integer(1).optional(),

  // Development (src/dev/, src/seed/).
  /** Seed once per database at start; by default in development only. */
  CMS_SEED_ON_START: flag().optional(),
  /** Create the development accounts (development only; tooling turns it off). */
  CMS_DEV_ACCESS: flag().default(true),
  /** The developers' administrator (Super Admin), and the editor's login (role "Redaktör"). */
  CMS_ADMIN_EMAIL: z.string().optional(),
  CMS_ADMIN_PASSWORD: z.string().optional(),
  CMS_EDITOR_EMAIL: z.string().optional(),
  CMS_EDITOR_PASSWORD: z.string().optional(),
});

/** The secrets the CMS must have in production, each a long random value of its own. */
export const PRODUCTION_SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'SITE_WEBHOOK_SECRET',
  'PREVIEW_SECRET',
] as const;

/** In production, what is wrong with each secret that is missing, a placeholder or short. */
const productionSecretProblems = (env: Record<string, string>): string[] => {
  if (env.NODE_ENV !== 'production') return [];
  const expected = 'production needs a long random value, each its own (`openssl rand -base64 32`)';
  // The API tokens' keys may be left to the admin; when given, they are secrets like the others.
  const tokenKeys = (['CMS_API_TOKEN', 'CMS_FEEDBACK_TOKEN'] as const).filter((name) => env[name]);
  return [...PRODUCTION_SECRETS, ...tokenKeys].flatMap((name) => {
    const parts = env[name]?.split(',').map((part) => part.trim());
    if (!parts) return [`${name} is not set; ${expected}`];
    const problems = parts.map(secretProblem);
    if (problems.includes('a placeholder')) return [`${name} is still a placeholder; ${expected}`];
    if (problems.includes('short')) return [`${name} is shorter than ${MIN_SECRET_LENGTH} characters; ${expected}`];
    return [];
  });
};

/** With UPLOAD_PROVIDER=aws-s3, what of the bucket's settings is missing. */
const uploadProblems = (env: Record<string, string>): string[] => {
  if (env.UPLOAD_PROVIDER !== 'aws-s3') return [];
  return (['UPLOAD_S3_BUCKET', 'UPLOAD_S3_ACCESS_KEY_ID', 'UPLOAD_S3_SECRET_ACCESS_KEY', 'UPLOAD_S3_PUBLIC_URL'] as const)
    .filter((name) => !env[name])
    .map((name) => `${name} is not set; UPLOAD_PROVIDER=aws-s3 needs it (docs/deployment.md, "Growing past one machine")`);
};

/** Development is any NODE_ENV other than production and test. */
const withDerived = (env: z.output<typeof cmsSchema>) => {
  const isDevelopment = env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test';
  return {
    ...env,
    isProduction: env.NODE_ENV === 'production',
    isDevelopment,
    CMS_SEED_ON_START: env.CMS_SEED_ON_START ?? isDevelopment,
    CMS_DEV_ACCESS: isDevelopment && env.CMS_DEV_ACCESS,
    CORS_ORIGINS: env.CORS_ORIGINS ?? (env.SITE_URL ? [env.SITE_URL] : ['http://localhost:4321', 'http://localhost:1337']),
  };
};

export type CmsEnv = ReturnType<typeof withDerived>;

/**
 * Reads and checks the CMS's environment; throws an EnvError naming every variable at fault.
 * `secrets: false` leaves out production's rules for the secrets (see cmsEnv).
 */
export const readCmsEnv = (env: NodeJS.ProcessEnv, { secrets = true }: { secrets?: boolean } = {}): CmsEnv =>
  withDerived(
    readEnv(cmsSchema, env, {
      example: 'apps/cms/.env.example',
      moreProblems: (values) => [...uploadProblems(values), ...(secrets ? productionSecretProblems(values) : [])],
    }),
  );

// `strapi build` (the admin's bundle and the compiled server) loads the configuration too, but
// uses no secret, and an image build has (and must have) none: their check belongs to starting
// the server, which every other command of the CLI does.
const buildingTheAdmin = () => process.argv[2] === 'build';

/**
 * The CMS's environment (Strapi has loaded apps/cms/.env into it by then). A wrong one stops the
 * process with the message alone: Strapi would wrap a thrown error in a stack trace of its config loader.
 */
export const cmsEnv = (): CmsEnv => {
  try {
    return readCmsEnv(process.env, { secrets: !buildingTheAdmin() });
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[cms] Cannot start: ${error.message}`);
    process.exit(1);
  }
};

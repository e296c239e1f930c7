import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { flag, httpUrl, integer, secretProblem, sharedSecret, token, trustedProxiesVariable, variable } from '@malardalsradet/config';
import { mediaUrlOf, readSiteSchema, siteSchema } from '@malardalsradet/config/site';
import { securityHeaders } from '@malardalsradet/site-contract';

// What the server reads of the site's environment, for main.ts and codeVersion.ts: from the
// config package, which the site's code reads too, so the server imports nothing of src/.
export { mediaUrlOf, readSiteUrl } from '@malardalsradet/config/site';

export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Fills in, from apps/web/.env, what the environment does not already set. */
export const loadDotEnv = (): void => {
  const file = path.join(WEB_DIR, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
};

/**
 * The site server's variables, and the site's (@malardalsradet/config/site): the server renders with those, so a
 * server that could never render says so at start.
 */
export const serverSchema = siteSchema.extend({
  HOST: z.string().default('127.0.0.1'),
  PORT: integer(0).default(4321),
  /** Shared with the CMS, which sends it with every webhook. */
  SITE_WEBHOOK_SECRET: sharedSecret('SITE_WEBHOOK_SECRET'),
  /**
   * Where releases are kept. It must lie inside apps/web: a release's code imports its
   * dependencies from the node_modules above it.
   */
  RELEASES_DIR: z
    .string()
    .default('releases')
    .transform((dir) => path.resolve(WEB_DIR, dir)),
  /** How often the content fingerprint is compared with the live release's (ms). */
  RECONCILE_INTERVAL_MS: integer(100).default(5 * 60_000),
  /**
   * How many of the latest live releases keep their code build, the live one included: the
   * releases a rollback can reach. Every release that was live is kept (the archive); only their
   * code builds, and releases never live, are removed.
   */
  RELEASES_KEPT: integer(2).default(3),
  /**
   * `true` when more than one site server shares RELEASES_DIR (one volume): the one a publish
   * webhook reaches renders and switches, the others read the `current` link on every request, so
   * that none answers from the release before once the switch is made (publishing/README.md).
   * Build jobs take the folder's lock either way.
   */
  RELEASES_SHARED: flag().default(false),
  /** Full-build timing (see RebuildQueue): wait for this much quiet… */
  REBUILD_QUIET_MS: integer(0).default(250),
  /** …but never longer than this. */
  REBUILD_MAX_WAIT_MS: integer(0).default(3000),
  /** A per-change render waits this long for the other events of one publish. */
  CHANGE_QUIET_MS: integer(0).default(20),
  /** The longest a build may take before it is stopped. */
  BUILD_DEADLINE_MS: integer(1000).default(10 * 60_000),
  /** The longest a preview may take before the reader gets a clear page instead. */
  PREVIEW_TIMEOUT_MS: integer(100).default(15_000),
  /** A run of this many changes is a burst, followed by a full build after FULL_AFTER_BURST_MS. */
  BURST_SIZE: integer(1).default(10),
  FULL_AFTER_BURST_MS: integer(0).default(30_000),
  /** How far a hook request's signed time may lie from the server's clock, either way (seconds). */
  WEBHOOK_MAX_SKEW_SECONDS: integer(30, 3600).default(300),
  /** The most distinct changes waiting for a per-change render; one more, and a full build is made instead (server/rebuildQueue.ts). */
  MAX_QUEUED_CHANGES: integer(1).default(100),
  /** Search (server/requestLimits.ts): per reader per minute, all readers per second, and the proxies trusted to name the reader. */
  SEARCH_PER_CLIENT_PER_MINUTE: integer(1).default(60),
  SEARCH_TOTAL_PER_SECOND: integer(1).default(50),
  /** At most so many of a reader's searches in one second: one client cannot take the whole total (50) in a burst. */
  SEARCH_PER_CLIENT_PER_SECOND: integer(1).default(5),
  /** The proxies trusted to name the reader (syntax in packages/config/README.md); their entries, as written. */
  TRUSTED_PROXIES: trustedProxiesVariable()
    .transform((proxies) => [...proxies.entries])
    .default(['loopback']),
  /**
   * The feedback form (server/feedbackReceiver.ts): the CMS's create-only token for feedback;
   * without it messages are accepted and wait in the outbox until the server starts with one.
   */
  CMS_FEEDBACK_TOKEN: token("the CMS's feedback token (create-only, the same CMS_FEEDBACK_TOKEN as the CMS)").optional(),
  /** Where accepted feedback waits until the CMS has it; kept on a volume, beside the releases (not inside: that folder holds releases only). */
  FEEDBACK_OUTBOX_DIR: z
    .string()
    .default('feedback-outbox')
    .transform((dir) => path.resolve(WEB_DIR, dir)),
  /** Messages one reader may leave per FEEDBACK_WINDOW_SECONDS. */
  FEEDBACK_PER_CLIENT: integer(1).default(5),
  FEEDBACK_WINDOW_SECONDS: integer(1).default(600),
  /**
   * Requests to the feedback form (its page and its POSTs), all readers together, per second
   * (server/requestLimits.ts). The form gets a few messages a day; 20 a second is far beyond any
   * reader's use and bounds the on-demand work a crowd of clients can cause, as search's 50 does.
   */
  FEEDBACK_TOTAL_PER_SECOND: integer(1).default(20),
  /**
   * Per reader (the client address behind TRUSTED_PROXIES), per minute: the form's page, the
   * thank-you page (counted apart, so that a reader whose message was kept is not refused its
   * thanks for having read the form), and posts of the form, each one counted whatever its
   * outcome (FEEDBACK_PER_CLIENT counts only messages kept). A reader reads the form, posts it
   * once or twice and is thanked: 30 and 10 are far beyond that, and keep one client from doing
   * much on-demand work.
   */
  FEEDBACK_PAGES_PER_CLIENT_PER_MINUTE: integer(1).default(30),
  FEEDBACK_POSTS_PER_CLIENT_PER_MINUTE: integer(1).default(10),
  /**
   * Posts of the form, all readers together, per second: a budget of their own, so that a crowd
   * asking for the form's page does not keep a reader from sending a message.
   */
  FEEDBACK_POSTS_TOTAL_PER_SECOND: integer(1).default(20),
  /** Previews per reader per minute (editors, from the admin; an office shares one address). */
  PREVIEW_PER_CLIENT_PER_MINUTE: integer(1).default(60),
  /**
   * The most requests one reader may make in one second to each of the form's page, its posts,
   * the thank-you page and the preview: at most twice this across the turn of a second, well
   * below FEEDBACK_TOTAL_PER_SECOND and FEEDBACK_POSTS_TOTAL_PER_SECOND, so that no single
   * client can use up the form's totals and close it for everyone else.
   */
  ON_DEMAND_PER_CLIENT_PER_SECOND: integer(1).default(5),
  /**
   * Slow clients (node:http): the headers must have arrived within HEADERS_TIMEOUT_MS and the
   * whole request (a form's or a webhook's body included) within REQUEST_TIMEOUT_MS, else the
   * connection is answered 408 and closed; Node checks every second. A client that holds a
   * connection open by sending a byte at a time cannot hold it longer.
   */
  HEADERS_TIMEOUT_MS: integer(1000).default(10_000),
  REQUEST_TIMEOUT_MS: integer(1000).default(30_000),
  /**
   * The outbox's cap (server/feedbackOutbox.ts): messages, and megabytes on disk, that may wait
   * for the CMS, refused/ included; beyond either, new messages are refused (503) and none kept
   * is touched. 2,000 is years of this site's feedback, far more than any outage of the CMS
   * gathers from readers; the megabytes bound the disk whatever the messages hold (a typical one
   * is under 1 kB of JSON, the largest about 30 kB), so that the outbox never fills a volume the
   * host shares with the releases and the database.
   */
  FEEDBACK_OUTBOX_MAX_MESSAGES: integer(1).default(2000),
  FEEDBACK_OUTBOX_MAX_MB: integer(1).default(50),
  /** Delivery to the CMS after a failure: the first wait, doubled each time up to the longest (ms). */
  FEEDBACK_RETRY_MIN_MS: integer(10).default(5000),
  FEEDBACK_RETRY_MAX_MS: integer(10).default(5 * 60_000),
  /**
   * The front door (apps/front-door, server/frontDoor/): where a publish purges what it changed
   * before it is reported live, and the secret the front door asks of a purge (the same
   * FRONT_DOOR_PURGE_SECRET as the front door's). Unset: no front door (development, tests).
   */
  FRONT_DOOR_PURGE_URL: httpUrl().optional(),
  FRONT_DOOR_PURGE_SECRET: variable(
    "a random value of at least 16 characters of A-Za-z0-9+/=_.- (the front door writes it into its VCL), the same as the front door's",
    (text) => (secretProblem(text) || !/^[A-Za-z0-9+/=_.-]+$/.test(text) ? undefined : text),
    { secret: true },
  ).optional(),
});

export type ServerEnv = z.output<typeof serverSchema>;

/** Reads and checks the site server's environment; throws an EnvError naming every variable at fault. */
export const readServerEnv = (env: NodeJS.ProcessEnv = process.env): ServerEnv => readSiteSchema(serverSchema, env);

/**
 * The headers the server adds to every file it serves (the security headers, with the media
 * origin in the content security policy): made here once for the server (main.ts) and for the
 * archive export when the live history does not say what they were.
 */
export const serverSecurityHeaders = (env: Partial<Pick<ServerEnv, 'MEDIA_URL' | 'CMS_URL'>>): string[] => {
  const mediaUrl = mediaUrlOf(env);
  return securityHeaders({ mediaOrigin: mediaUrl ? new URL(mediaUrl).origin : undefined });
};

/** What the archive export reads: where the releases are, the public address, and what the security headers name. */
export const readArchiveEnv = (env: NodeJS.ProcessEnv = process.env) =>
  readSiteSchema(
    serverSchema.pick({ RELEASES_DIR: true, SITE_URL: true, MEDIA_URL: true }).extend({ CMS_URL: serverSchema.shape.CMS_URL.optional() }),
    env,
  );

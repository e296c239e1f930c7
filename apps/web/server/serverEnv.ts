import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface ServerEnv {
  host: string;
  port: number;
  /** Shared with the CMS, which sends it with every webhook. */
  webhookSecret: string;
  /**
   * Where releases are kept. It must lie inside apps/web: a release's code imports its
   * dependencies from the node_modules above it.
   */
  releasesDir: string;
  /** How often the content fingerprint is compared with the live release's (ms). */
  reconcileIntervalMs: number;
  /** Releases kept on disk, the live one included. */
  releasesKept: number;
  /** Full-build timing (see RebuildQueue): wait for this much quiet… */
  rebuildQuietMs: number;
  /** …but never longer than this. */
  rebuildMaxWaitMs: number;
  /** A per-change render waits this long for the other events of one publish. */
  changeQuietMs: number;
  /** The longest a build may take before it is stopped. */
  buildDeadlineMs: number;
  /** The longest a preview may take before the reader gets a clear page instead. */
  previewTimeoutMs: number;
  /** A run of this many changes is a burst, followed by a full build after fullAfterBurstMs. */
  burstSize: number;
  fullAfterBurstMs: number;
  /** Search (server/searchLimits.ts): per reader per minute, all readers per second, and the proxies trusted to name the reader. */
  searchPerClientPerMinute: number;
  searchTotalPerSecond: number;
  trustedProxies: string[];
}

/** Fills in, from apps/web/.env, what the environment does not already set. */
export const loadDotEnv = (): void => {
  const file = path.join(WEB_DIR, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
};

const integer = (name: string, value: string | undefined, fallback: number, min: number): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${value}".`);
  return parsed;
};

/** TRUSTED_PROXIES: comma-separated addresses or subnets; by default the machine itself. */
const trustedProxies = (value: string | undefined): string[] => {
  const entries = (value || 'loopback').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry)) {
      throw new Error(`TRUSTED_PROXIES must list addresses or subnets (e.g. 172.16.0.0/12) separated by commas, got "${entry}".`);
    }
  }
  return entries;
};

/** Reads and checks the site server's environment; throws naming the variable at fault. */
export const readServerEnv = (env: NodeJS.ProcessEnv = process.env): ServerEnv => {
  const webhookSecret = env.WEBHOOK_SECRET ?? '';
  if (webhookSecret.length < 16 || webhookSecret === 'change-me') {
    throw new Error('WEBHOOK_SECRET must be set to a random value of at least 16 characters (the same as the CMS\'s SITE_WEBHOOK_SECRET).');
  }
  // The renderer reads these itself (src/env.ts); checked here too, so that a server that could
  // never render says so at start.
  if (!env.CMS_URL || !URL.canParse(env.CMS_URL)) throw new Error(`CMS_URL must be the CMS's address, got "${env.CMS_URL ?? ''}".`);
  if (env.MEDIA_URL && !(URL.canParse(env.MEDIA_URL) && /^https?:$/.test(new URL(env.MEDIA_URL).protocol))) {
    throw new Error(`MEDIA_URL must be an http(s) address such as https://cms.example.org, got "${env.MEDIA_URL}".`);
  }
  if (!env.CMS_API_TOKEN || env.CMS_API_TOKEN === 'change-me') {
    throw new Error('CMS_API_TOKEN is not set (see apps/web/.env.example); `npm run dev` writes one.');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: integer('PORT', env.PORT, 4321, 0),
    webhookSecret,
    releasesDir: path.resolve(WEB_DIR, env.RELEASES_DIR || 'releases'),
    reconcileIntervalMs: integer('RECONCILE_INTERVAL_MS', env.RECONCILE_INTERVAL_MS, 5 * 60_000, 100),
    releasesKept: integer('RELEASES_KEPT', env.RELEASES_KEPT, 3, 2),
    rebuildQuietMs: integer('REBUILD_QUIET_MS', env.REBUILD_QUIET_MS, 250, 0),
    rebuildMaxWaitMs: integer('REBUILD_MAX_WAIT_MS', env.REBUILD_MAX_WAIT_MS, 3000, 0),
    changeQuietMs: integer('CHANGE_QUIET_MS', env.CHANGE_QUIET_MS, 20, 0),
    buildDeadlineMs: integer('BUILD_DEADLINE_MS', env.BUILD_DEADLINE_MS, 10 * 60_000, 1000),
    previewTimeoutMs: integer('PREVIEW_TIMEOUT_MS', env.PREVIEW_TIMEOUT_MS, 15_000, 100),
    burstSize: integer('BURST_SIZE', env.BURST_SIZE, 10, 1),
    fullAfterBurstMs: integer('FULL_AFTER_BURST_MS', env.FULL_AFTER_BURST_MS, 30_000, 0),
    searchPerClientPerMinute: integer('SEARCH_PER_CLIENT_PER_MINUTE', env.SEARCH_PER_CLIENT_PER_MINUTE, 60, 1),
    searchTotalPerSecond: integer('SEARCH_TOTAL_PER_SECOND', env.SEARCH_TOTAL_PER_SECOND, 50, 1),
    trustedProxies: trustedProxies(env.TRUSTED_PROXIES),
  };
};

// The site server: `node server/main.ts` (the `start` script). Serves the live release, takes the
// CMS's publish webhooks, renders what they change, and reconciles with the CMS at an interval.
import { deliverToCms, FeedbackDelivery } from './feedback/feedbackDelivery.ts';
import { FrontDoorPurge } from './frontDoor/frontDoorPurge.ts';
import { FeedbackOutbox } from './feedback/feedbackOutbox.ts';
import { FeedbackReceiver } from './feedback/feedbackReceiver.ts';
import { LiveRelease } from './publishing/liveRelease.ts';
import { Publisher } from './publishing/publisher.ts';
import { RebuildQueue } from './publishing/rebuildQueue.ts';
import { ReleaseStore } from './publishing/releases.ts';
import { RequestLimits } from './serving/requestLimits.ts';
import { loadDotEnv, readServerEnv, serverSecurityHeaders } from './serverEnv.ts';
import { SiteServer } from './serving/siteServer.ts';

const log = (message: string) => console.log(`[site] ${new Date().toISOString()} ${message}`);

loadDotEnv();
let env: ReturnType<typeof readServerEnv>;
try {
  env = readServerEnv();
} catch (error) {
  console.error(`[site] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// Where uploaded media is served from (MEDIA_URL, else the CMS), for the content security policy.
const headers = serverSecurityHeaders(env);

if (env.FRONT_DOOR_PURGE_URL && !env.FRONT_DOOR_PURGE_SECRET) {
  console.error('[site] Cannot start: FRONT_DOOR_PURGE_URL is set but FRONT_DOOR_PURGE_SECRET is not (the front door refuses a purge without it).');
  process.exit(1);
}
// The front door (apps/front-door), when there is one: purged by every publish.
const frontDoor = env.FRONT_DOOR_PURGE_URL ? new FrontDoorPurge({ url: env.FRONT_DOOR_PURGE_URL, secret: env.FRONT_DOOR_PURGE_SECRET!, log }) : null;

// Its tidying at start waits for the first build job, which holds the releases folder's lock:
// another site server may share the folder (RELEASES_DIR on one volume) and be building now.
const store = new ReleaseStore(env.RELEASES_DIR, env.RELEASES_KEPT, log, { deferRepair: true });
// Another site server's release (RELEASES_SHARED): served from the next request, and this
// server's renderer (search, the feedback form, the next change) brought in step behind it.
const live = new LiveRelease(store, headers, log, {
  recheckEveryRequest: env.RELEASES_SHARED,
  onSwitchElsewhere: (id) => {
    publisher.follow(AbortSignal.timeout(env.BUILD_DEADLINE_MS)).catch((error: unknown) => {
      log(`Following release ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  },
});
const publisher = new Publisher(store, live, { siteUrl: env.SITE_URL, log });
/**
 * V8's collector, when the start script exposes it (`--expose-gc`). A full build (or a start's
 * read-back) grows the heap with its garbage, and V8 keeps it that size until its next major
 * collection, which a server that only serves files may not need for hours: at 20,000 pages
 * the heap stayed at 200 to 280 MB with 65 MB of it in use. One collection after such a run
 * gives that memory back (a pause of a few hundred ms, after a run of seconds).
 */
const collectGarbage = (globalThis as { gc?: (options: { type: string; execution: string; flavor: string }) => void }).gc;
/** The release the front door was last purged for (or found live): a switch to another is a rollback. */
let purgedFor = live.current({ recheck: true })?.info.id;
const queue = new RebuildQueue(
  async (job, signal) => {
    const outcome = await publisher.run(job, signal);
    // Before the queue reports the release live (its status, /hooks/status, says so once this
    // returns): the front door no longer holds what the publish changed.
    if (frontDoor) {
      await frontDoor.afterPublish(outcome);
      purgedFor = live.current({ recheck: true })?.info.id;
    }
    if (outcome.kind === 'full') collectGarbage?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    return outcome;
  },
  {
    quietMs: env.REBUILD_QUIET_MS,
    maxWaitMs: env.REBUILD_MAX_WAIT_MS,
    changeQuietMs: env.CHANGE_QUIET_MS,
    deadlineMs: env.BUILD_DEADLINE_MS,
    burstSize: env.BURST_SIZE,
    fullAfterBurstMs: env.FULL_AFTER_BURST_MS,
    maxChanges: env.MAX_QUEUED_CHANGES,
  },
  log,
);
// Readers' feedback: kept in the outbox on disk, then delivered to the CMS (server/feedback/).
const outbox = new FeedbackOutbox(env.FEEDBACK_OUTBOX_DIR, log, {
  messages: env.FEEDBACK_OUTBOX_MAX_MESSAGES,
  bytes: env.FEEDBACK_OUTBOX_MAX_MB * 1024 * 1024,
});
const feedbackToken = env.CMS_FEEDBACK_TOKEN;
const delivery = new FeedbackDelivery({
  outbox,
  deliver: feedbackToken
    ? (submission) => deliverToCms({ cmsUrl: env.CMS_URL, token: feedbackToken, timeoutMs: env.CMS_TIMEOUT_MS }, submission)
    : undefined,
  retryMinMs: env.FEEDBACK_RETRY_MIN_MS,
  retryMaxMs: env.FEEDBACK_RETRY_MAX_MS,
  log,
});
if (!feedbackToken) {
  log(
    `WARNING: CMS_FEEDBACK_TOKEN is not set. Readers' feedback is accepted and kept in ${env.FEEDBACK_OUTBOX_DIR}, ` +
      `but not delivered to the CMS until the site server starts with the token (${outbox.count()} waiting).`,
  );
}

/**
 * One reader's allowance per minute (and per second: the on-demand share unless said), counted
 * behind the trusted proxies, with a total for all readers where there is one.
 */
const limits = (perMinute: number, totalPerSecond?: number, perSecond = env.ON_DEMAND_PER_CLIENT_PER_SECOND) =>
  new RequestLimits({ perClient: { requests: perMinute, seconds: 60, perSecond }, totalPerSecond, trustedProxies: env.TRUSTED_PROXIES });

const site = new SiteServer({
  live,
  queue,
  webhookSecret: env.SITE_WEBHOOK_SECRET,
  webhookMaxSkewSeconds: env.WEBHOOK_MAX_SKEW_SECONDS,
  securityHeaders: headers,
  previewTimeoutMs: env.PREVIEW_TIMEOUT_MS,
  searchLimits: limits(env.SEARCH_PER_CLIENT_PER_MINUTE, env.SEARCH_TOTAL_PER_SECOND, env.SEARCH_PER_CLIENT_PER_SECOND),
  feedbackLimits: limits(env.FEEDBACK_PAGES_PER_CLIENT_PER_MINUTE, env.FEEDBACK_TOTAL_PER_SECOND),
  feedbackPostLimits: limits(env.FEEDBACK_POSTS_PER_CLIENT_PER_MINUTE, env.FEEDBACK_POSTS_TOTAL_PER_SECOND),
  thanksLimits: limits(env.FEEDBACK_PAGES_PER_CLIENT_PER_MINUTE),
  previewLimits: limits(env.PREVIEW_PER_CLIENT_PER_MINUTE),
  // Editors' archive links are signed like their previews (one secret for editors' links).
  archive: { secret: env.PREVIEW_SECRET, maxAgeSeconds: env.PREVIEW_MAX_AGE_SECONDS },
  headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
  requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
  feedback: new FeedbackReceiver({
    outbox,
    delivery,
    perClient: env.FEEDBACK_PER_CLIENT,
    windowSeconds: env.FEEDBACK_WINDOW_SECONDS,
    trustedProxies: env.TRUSTED_PROXIES,
    siteOrigins: [new URL(env.SITE_URL).origin],
    canDeliver: feedbackToken !== undefined,
    log,
  }),
  log,
});

const requestFull = (reason: string) => queue.requestFull(reason);

site.server.listen(env.PORT, env.HOST, () => {
  const current = live.current({ recheck: true });
  log(`Listening on http://${env.HOST}:${env.PORT} (releases in ${env.RELEASES_DIR}; live: ${current?.info.id ?? 'none yet'})`);
  // The first run reads back the content the per-change renders start from, kept with the live
  // release, and makes a full build only when the CMS's content or the site's code moved on
  // (or there is nothing to read back: no release yet, a rollback, an older release).
  if (current) queue.requestStart(`start: reading back release ${current.info.id}`);
  else requestFull('start: no release yet');
  // The front door may hold pages of another release than the one live here now (a restore, a
  // rollback made while this server was down): every copy is revalidated before it is served
  // again, and still served meanwhile if this server goes down again.
  if (frontDoor && current) void frontDoor.revalidateAll('the site server started');
  // Whatever feedback a previous run left undelivered goes to the CMS now.
  delivery.deliverWaiting();
});

const reconciliation = setInterval(() => void publisher.reconcile(requestFull), env.RECONCILE_INTERVAL_MS);
// A release switched live outside a publish (a rollback from the command line, server/rollback.ts)
// is noticed here within a second: the front door is purged whole.
const rollbackWatch = setInterval(() => {
  if (!frontDoor || queue.isBuilding) return;
  const id = live.current()?.info.id;
  if (id === undefined || id === purgedFor) return;
  const before = purgedFor;
  purgedFor = id;
  // Site servers sharing the folder: a switch another one made by a publish was purged by it,
  // by key; purging everything here as well would empty the cache at every publish.
  const span = store.liveAt(new Date());
  if (env.RELEASES_SHARED && span?.releaseId === id && span.via === 'publish') return;
  if (before !== undefined) void frontDoor.purgeAll(`release ${id} went live outside a publish`);
}, 1000);

const shutDown = (signal: string) => {
  log(`${signal}: shutting down`);
  clearInterval(reconciliation);
  clearInterval(rollbackWatch);
  frontDoor?.stop();
  queue.stop();
  delivery.stop();
  // The last publish's fingerprint is written after its switch (0.1-0.4 s): without it the next
  // start cannot tell whether the CMS moved on, and makes a full build.
  site.server.close(() => void publisher.fingerprintSettled().then(() => process.exit(0)));
  // Idle keep-alive connections would hold close() open.
  site.server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));

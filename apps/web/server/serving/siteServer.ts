import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import {
  ARCHIVE_PATH,
  cameOverTls,
  HSTS,
  LOCALES,
  POLICY_FREE_SECURITY_HEADERS,
  ReplayGuard,
  SITE_HOOK_PATHS,
  verifyArchiveRequest,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  encodeFeedbackState,
  FEEDBACK_STATE_HEADER,
  type FeedbackFormState,
  type Locale,
  type SiteStatus,
} from '@malardalsradet/site-contract';
import { FORMER_ADDRESS_FILES, type ServerTextKey, type SiteDeclaration } from '../../renderer-contract/index.ts';
import { CACHE_KEYS_HEADER, keysOfFile, keysOfPage } from '../frontDoor/cacheKeys.ts';
import type { LiveRelease, LoadedRelease } from '../publishing/liveRelease.ts';
import type { StaticFile } from '../publishing/staticFiles.ts';
import type { RebuildQueue } from '../publishing/rebuildQueue.ts';
import { sendArchivedFile, sendFile, sendNotFound, sendOldAddress, sendStatusPage } from './fileResponse.ts';
import { formerAddressAnswer, formerAddressTableOf, type FormerAddressTable } from './formerAddresses.ts';
import type { RequestLimits } from './requestLimits.ts';
import { HttpError, parseWebhookEvent, readBody } from './webhook.ts';

/** What the server answers a posted feedback form with: the thank-you page, or the form again with this state. */
export type FeedbackOutcome =
  { status: 303; location: string } | { status: 400 | 403 | 413 | 415 | 429 | 503; state: FeedbackFormState; retryAfterSeconds?: number };

/** Who takes the feedback form's POST (server/feedback/): the server only routes it there. */
export interface FeedbackTaker {
  /** Reads and judges a post; `thanksPath` is the page a kept message is answered with (303). */
  receive(request: IncomingMessage, locale: Locale, thanksPath: string): Promise<FeedbackOutcome>;
  /** What waits to be delivered, for the status. */
  outboxState(): SiteStatus['feedback'];
}

export interface SiteServerOptions {
  live: LiveRelease;
  queue: RebuildQueue;
  webhookSecret: string;
  /** How far a hook request's signed time may lie from this clock (WEBHOOK_MAX_SKEW_SECONDS; the contract's 300 s unless set). */
  webhookMaxSkewSeconds?: number;
  /** Security headers for responses that are not files of the release (the 404 page). */
  securityHeaders: string[];
  /** The longest a preview or a search may take before the reader gets a clear page instead. */
  previewTimeoutMs: number;
  /** How much search one reader, and all together, may ask for. */
  searchLimits: RequestLimits;
  /** Takes the feedback form's POST (server/feedback/feedbackReceiver.ts). */
  feedback: FeedbackTaker;
  /** How many requests for the feedback form's page one reader, and all readers together, may make. */
  feedbackLimits: RequestLimits;
  /** How many posts of the form one reader, and all readers together, may make (a budget apart from the page's). */
  feedbackPostLimits: RequestLimits;
  /** How often one reader may ask for the thank-you page, and for the preview. */
  thanksLimits: RequestLimits;
  previewLimits: RequestLimits;
  /**
   * Editors' archive links (the site as it was): the secret they are signed with (PREVIEW_SECRET;
   * without it every link is refused) and the longest one is accepted (PREVIEW_MAX_AGE_SECONDS).
   * Counted in the preview's allowance per reader.
   */
  archive?: { secret: string | undefined; maxAgeSeconds?: number };
  /** Slow clients: the longest the headers, and a whole request, may take to arrive (ms). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  log?: (message: string) => void;
}

/**
 * The only addresses rendered on demand: the preview under this prefix, and the routes the live
 * release declares (search, the feedback form and its thank-you page); everything else is a
 * file of the live release.
 */
const ON_DEMAND_PREFIX = '/preview/';
type OnDemandKind = 'search' | 'feedback' | 'feedbackThanks';
const ON_DEMAND_KINDS: readonly OnDemandKind[] = ['search', 'feedback', 'feedbackThanks'];
interface OnDemandRoute {
  kind: OnDemandKind;
  locale: Locale;
  site: SiteDeclaration;
}
type OnDemandServe = (request: IncomingMessage, response: ServerResponse, release: LoadedRelease, route: OnDemandRoute) => Promise<void>;
/** The router's table of one release: its on-demand addresses (with and without a trailing slash). */
const routeTableOf = (site: SiteDeclaration | undefined): ReadonlyMap<string, OnDemandRoute> =>
  new Map(
    site
      ? ON_DEMAND_KINDS.flatMap((kind) =>
          LOCALES.flatMap((locale) => {
            const route = { kind, locale, site };
            return [
              [site.routes[kind][locale], route],
              [`${site.routes[kind][locale]}/`, route],
            ] as const;
          }),
        )
      : [],
  );
/**
 * A text of the site's (src/i18n, declared by the release) the server answers with itself. A
 * release written before the declaration existed has none; it is replaced by the full build
 * every start makes after a code change, and meanwhile such an answer has its status alone.
 */
const textOf = (release: LoadedRelease, key: ServerTextKey, locales: readonly Locale[]): string => {
  const texts = release.manifest.site?.texts;
  // A release made before a key was added (the archive's) has the others only.
  const said = texts ? locales.flatMap((locale) => texts[locale][key] ?? []) : [];
  return said.length > 0 ? `${said.join('\n')}\n` : '';
};
/** Archive answers are for the editor who asked: never kept by a browser or proxy, never indexed. */
const ARCHIVE_HEADERS = ['x-robots-tag', 'noindex'];
const TIMED_OUT_TEXT = { Preview: 'previewTimedOut', Search: 'searchTimedOut', Feedback: 'pageTimedOut' } as const satisfies Record<
  string,
  ServerTextKey
>;
/** The operator hears of refusals for a busy feedback form at most this often (ms), not once per request. */
const BUSY_LOG_INTERVAL_MS = 60_000;
const NO_HEADERS: readonly string[] = [];
const BODY_HEADERS = new Set(['content-length', 'content-type', 'transfer-encoding']);

/**
 * The cache keys of a file of the release, as the front door (and a CDN) reads them
 * (server/frontDoor/cacheKeys.ts): the page's, found by the address asked for (`/a`, `/a/`,
 * `/a/index.html`, decoded or not) among the manifest's pages whose file it is; else the file's own.
 */
const cacheKeysOf = (release: LoadedRelease, pathname: string, file: StaticFile): string => {
  const { pages } = release.manifest;
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Not percent-encoded properly: the address as given.
  }
  for (const address of pathname === decoded ? [pathname] : [pathname, decoded]) {
    const bare = address.endsWith('/index.html') ? address.slice(0, -'index.html'.length) : address;
    for (const candidate of [bare, bare.endsWith('/') ? bare.slice(0, -1) : `${bare}/`]) {
      const page = Object.hasOwn(pages, candidate) ? pages[candidate] : undefined;
      if (page && release.files.find(page.file) === file) return keysOfPage(candidate, page.dependencies);
    }
  }
  return keysOfFile(decoded);
};

const memoryInMegabytes = () => {
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
  const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return { residentMb: megabytes(rss), heapTotalMb: megabytes(heapTotal), heapUsedMb: megabytes(heapUsed), externalMb: megabytes(external) };
};

/**
 * The site's HTTP server: the live release's pages and assets, the preview (rendered on demand
 * by the live release's code), and the publish webhook with the build status. Every request
 * asks LiveRelease for the live release, so a new release takes effect with the next request.
 */
export class SiteServer {
  private readonly live: LiveRelease;
  private readonly queue: RebuildQueue;
  private readonly webhookSecret: string;
  private readonly webhookMaxSkewSeconds: number | undefined;
  private readonly securityHeaders: string[];
  private readonly previewTimeoutMs: number;
  private readonly searchLimits: RequestLimits;
  private readonly feedback: FeedbackTaker;
  private readonly feedbackLimits: RequestLimits;
  private readonly feedbackPostLimits: RequestLimits;
  private readonly thanksLimits: RequestLimits;
  private readonly previewLimits: RequestLimits;
  private readonly archive: { secret: string | undefined; maxAgeSeconds?: number };
  private readonly log: (message: string) => void;
  /** Feedback requests refused as too many since the operator was last told, and when that was. */
  private busyRefused = 0;
  private busyLoggedAt = -Infinity;
  /** The same for requests answered 503 while no release is live. */
  private notLiveRefused = 0;
  private notLiveLoggedAt = -Infinity;
  /** The hooks' signatures accepted within the clock window: a captured request is not taken twice. */
  private readonly replays = new ReplayGuard();
  /** The router's table per loaded release, made once when a release is first served. */
  private readonly routeTables = new WeakMap<LoadedRelease, ReadonlyMap<string, OnDemandRoute>>();
  /** The old addresses (301, 410) per loaded release, made once when one is first asked for. */
  private readonly formerTables = new WeakMap<LoadedRelease, FormerAddressTable>();
  /** The signed hooks of the CMS, by path. */
  private readonly hooks = new Map<string, (request: IncomingMessage, response: ServerResponse) => Promise<void> | void>([
    [SITE_HOOK_PATHS.publish, (request, response) => this.handlePublish(request, response)],
    [SITE_HOOK_PATHS.status, (request, response) => this.handleStatus(request, response)],
  ]);
  /** The server's own addresses that answer from the releases (GET and HEAD), by path. */
  private readonly serverRoutes = new Map<string, (request: IncomingMessage, response: ServerResponse, release: LoadedRelease) => Promise<void>>([
    [ARCHIVE_PATH, (request, response, release) => this.serveArchive(request, response, release)],
  ]);
  /** What each on-demand route answers, and to which methods. */
  private readonly onDemand: Record<OnDemandKind, { methods: readonly string[]; serve: OnDemandServe }> = {
    search: { methods: ['GET', 'HEAD'], serve: this.serveSearch.bind(this) },
    feedback: { methods: ['GET', 'HEAD', 'POST'], serve: this.serveFeedback.bind(this) },
    feedbackThanks: { methods: ['GET', 'HEAD'], serve: this.serveFeedbackThanks.bind(this) },
  };

  readonly server: http.Server;

  constructor(options: SiteServerOptions) {
    this.live = options.live;
    this.queue = options.queue;
    this.webhookSecret = options.webhookSecret;
    this.webhookMaxSkewSeconds = options.webhookMaxSkewSeconds;
    this.securityHeaders = options.securityHeaders;
    this.previewTimeoutMs = options.previewTimeoutMs;
    this.searchLimits = options.searchLimits;
    this.feedback = options.feedback;
    this.feedbackLimits = options.feedbackLimits;
    this.feedbackPostLimits = options.feedbackPostLimits;
    this.thanksLimits = options.thanksLimits;
    this.previewLimits = options.previewLimits;
    this.archive = options.archive ?? { secret: undefined };
    this.log = options.log ?? console.log;
    const serverOptions: http.ServerOptions = {
      // A client sending its headers (or its body) a byte at a time is answered 408 and cut off
      // within the limit plus a second: Node looks for such connections once per interval (30 s
      // unless told), which held them for 70 s. requestTimeout may not be shorter than headersTimeout.
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: Math.max(options.requestTimeoutMs, options.headersTimeoutMs),
      connectionsCheckingInterval: 1000,
    };
    this.server = http.createServer(serverOptions, (request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        // A client's mistake is answered and logged in one line; only our own failures get a stack trace.
        if (error instanceof HttpError) {
          this.log(`Request ${request.method} ${request.url}: ${error.status} ${error.message}`);
          if (!response.headersSent) this.sendJson(request, response, error.status, { error: error.message });
          return;
        }
        this.log(`Request ${request.method} ${request.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!response.headersSent) this.sendJson(request, response, 500, { error: 'Internal server error' });
        else response.destroy();
      });
    });
    // Keep-alive longer than a typical proxy's, so the proxy closes idle connections first.
    this.server.keepAliveTimeout = 65_000;
  }

  /** Status for editors and operators (GET /hooks/status). */
  status(): SiteStatus {
    const live = this.live.current({ recheck: true });
    return {
      live: live ? live.info : null,
      lastBuild: this.queue.lastBuild,
      lastSuccess: this.queue.lastSuccess,
      building: this.queue.isBuilding,
      queued: this.queue.isQueued,
      changesPending: this.queue.changesPending,
      buildsSinceStart: this.queue.buildsSinceStart,
      memory: memoryInMegabytes(),
      feedback: this.feedback.outboxState(),
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/';
    const query = target.indexOf('?');
    const pathname = query === -1 ? target : target.slice(0, query);
    const hook = this.hooks.get(pathname);
    if (hook) return hook(request, response);
    const release = this.live.current();
    if (!release) return this.refuseNotLive(request, response);
    // The page rendered on demand is the one the URL parser makes of the address ("/preview/../sok"
    // is /sok): the choice of route is made on the same address, so that no path reaches a search
    // without its limits, or any page through the preview's route.
    const onDemand = URL.canParse(target, 'http://localhost') ? new URL(target, 'http://localhost').pathname : '';
    const route = this.routeTable(release).get(onDemand);
    const methods = route ? this.onDemand[route.kind].methods : ['GET', 'HEAD'];
    if (!methods.includes(request.method ?? '')) {
      request.resume();
      const allow = methods.join(', ');
      return this.sendJson(request, response, 405, { error: `This address answers ${allow} only.` }, ['allow', allow]);
    }
    if (route) return this.onDemand[route.kind].serve(request, response, release, route);
    const serverRoute = this.serverRoutes.get(onDemand);
    if (serverRoute) return serverRoute(request, response, release);
    // The pages of old addresses are kept under FORMER_ADDRESS_FILES: found by their old path only, with their status.
    const file = onDemand.startsWith(`${FORMER_ADDRESS_FILES}/`) ? undefined : release.files.find(pathname);
    const tls = cameOverTls(request.headers['x-forwarded-proto']);
    if (file) return sendFile(request, response, file, [...(tls ? HSTS : NO_HEADERS), CACHE_KEYS_HEADER, cacheKeysOf(release, pathname, file)]);
    const former = formerAddressAnswer(this.formerTable(release), release, pathname);
    if (former) {
      const location = former.location === undefined ? [] : ['location', `${former.location}${query === -1 ? '' : target.slice(query)}`];
      const keys = [CACHE_KEYS_HEADER, cacheKeysOf(release, pathname, former.file)];
      return sendOldAddress(request, response, former.status, former.file, [...(tls ? HSTS : []), ...location, ...keys]);
    }
    if (pathname.startsWith(ON_DEMAND_PREFIX) && onDemand.startsWith(ON_DEMAND_PREFIX)) {
      const admission = await this.previewLimits.admit(request);
      // The preview has no language of its own: the text is said in every language.
      if (!admission.ok) return this.refuseClient(request, response, textOf(release, 'previewRefusedClient', LOCALES), admission.retryAfterSeconds);
      return this.renderOnDemand(request, response, release, 'Preview');
    }
    sendNotFound(request, response, release.files.notFoundPage, tls ? [...this.securityHeaders, ...HSTS] : this.securityHeaders);
  }

  private formerTable(release: LoadedRelease): FormerAddressTable {
    let table = this.formerTables.get(release);
    if (!table) {
      table = formerAddressTableOf(release.manifest);
      this.formerTables.set(release, table);
    }
    return table;
  }

  private routeTable(release: LoadedRelease): ReadonlyMap<string, OnDemandRoute> {
    let table = this.routeTables.get(release);
    if (!table) {
      table = routeTableOf(release.manifest.site);
      this.routeTables.set(release, table);
    }
    return table;
  }

  /** The feedback form: its page (GET) or a message (POST), each within its allowance. */
  private async serveFeedback(request: IncomingMessage, response: ServerResponse, release: LoadedRelease, route: OnDemandRoute) {
    const posts = request.method === 'POST';
    // Posts have a total of their own: a crowd asking for the page must not keep a reader from sending.
    const admission = await (posts ? this.feedbackPostLimits : this.feedbackLimits).admit(request);
    if (!admission.ok && admission.reason === 'client')
      return this.refuseClient(request, response, textOf(release, 'feedbackRefusedClient', [route.locale]), admission.retryAfterSeconds);
    if (!admission.ok) return this.refuseBusyFeedback(request, response, release, route, admission.retryAfterSeconds);
    if (posts) return this.receiveFeedback(request, response, route);
    return this.renderOnDemand(request, response, release, 'Feedback', this.securityHeaders);
  }

  /** The thank-you page: counted per reader only, apart from the form, so a reader whose message was kept is never told the form is busy. */
  private async serveFeedbackThanks(request: IncomingMessage, response: ServerResponse, release: LoadedRelease, route: OnDemandRoute) {
    const admission = await this.thanksLimits.admit(request);
    if (!admission.ok)
      return this.refuseClient(request, response, textOf(release, 'thanksRefusedClient', [route.locale]), admission.retryAfterSeconds);
    return this.renderOnDemand(request, response, release, 'Feedback', this.securityHeaders);
  }

  /** 503 while no release is live yet; the operator hears of it at most once a minute, with how many were refused. */
  private refuseNotLive(request: IncomingMessage, response: ServerResponse) {
    request.resume();
    this.notLiveRefused += 1;
    if (Date.now() - this.notLiveLoggedAt >= BUSY_LOG_INTERVAL_MS) {
      this.log(`No release is live yet (the first build has not finished): ${this.notLiveRefused} request(s) answered 503 since the last such line.`);
      this.notLiveRefused = 0;
      this.notLiveLoggedAt = Date.now();
    }
    return this.sendJson(request, response, 503, { error: 'The site is being built for the first time.' }, ['retry-after', '5']);
  }

  /** A JSON answer (webhook, status, errors). */
  private sendJson(request: IncomingMessage, response: ServerResponse, status: number, body: unknown, headers: string[] = []) {
    this.sendUncached(request, response, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
  }

  /** An answer that is not a file of the release, with the security headers every response carries. */
  private sendUncached(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    contentType: string,
    body: string,
    headers: string[] = [],
  ) {
    response.writeHead(status, [
      'content-type',
      contentType,
      // `headers` may say more than no-store (the archive's private answers); never two of them.
      ...(headers.includes('cache-control') ? [] : ['cache-control', 'no-store']),
      ...this.securityHeaders,
      ...(cameOverTls(request.headers['x-forwarded-proto']) ? HSTS : []),
      ...headers,
    ]);
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  /**
   * An editor's archive link (the contract's verifyArchiveRequest): the page as it was served
   * at the link's moment, from the release live then (the live history), with the headers it
   * was served with but private and not indexed. 403 for a link altered, expired or not
   * signed with PREVIEW_SECRET; 404 for a moment before the first release, or a page that did
   * not exist then. A document is found by the old release's own records: the page it owned.
   */
  private async serveArchive(request: IncomingMessage, response: ServerResponse, release: LoadedRelease) {
    request.resume();
    const admission = await this.previewLimits.admit(request);
    if (!admission.ok) return this.refuseClient(request, response, textOf(release, 'previewRefusedClient', LOCALES), admission.retryAfterSeconds);
    const search = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const verdict = verifyArchiveRequest(search, this.archive.secret, Date.now(), this.archive.maxAgeSeconds);
    const refuse = (status: 403 | 404, key: ServerTextKey, locales: readonly Locale[]) =>
      this.sendUncached(request, response, status, 'text/plain; charset=utf-8', textOf(release, key, locales), [
        'cache-control',
        'private, no-store',
        ...ARCHIVE_HEADERS,
      ]);
    if (!verdict.ok) {
      this.log(`Archive link refused (403): ${verdict.reason}.`);
      return refuse(403, 'archiveRefused', LOCALES);
    }
    const { target, at } = verdict.request;
    const locales = 'locale' in target ? [target.locale] : LOCALES;
    const archived = this.live.releaseAt(new Date(at));
    if (!archived) return refuse(404, 'archiveBeforeFirst', locales);
    const owner = 'path' in target ? undefined : `${target.type}:${target.locale}:${target.documentId}`;
    // A document's own page in that release, or the page the release's site declared for its type (a single type, the goals).
    const pagePath =
      'path' in target
        ? target.path
        : (Object.entries(archived.manifest.pages).find(([, page]) => page.owner === owner)?.[0] ??
          archived.manifest.site?.typePages?.[target.type]?.[target.locale]);
    const file = pagePath === undefined ? undefined : this.live.archivedFile(archived.manifest, pagePath, archived.span.headers);
    if (!file) return refuse(404, 'archiveNotFound', locales);
    sendArchivedFile(request, response, file, [...ARCHIVE_HEADERS, ...(cameOverTls(request.headers['x-forwarded-proto']) ? HSTS : [])]);
  }

  /** A search, within the reader's and the server's allowance (server/serving/requestLimits.ts). */
  private async serveSearch(request: IncomingMessage, response: ServerResponse, release: LoadedRelease, route: OnDemandRoute) {
    const admission = await this.searchLimits.admit(request);
    if (!admission.ok) {
      request.resume();
      const text = textOf(release, admission.reason === 'client' ? 'searchRefusedClient' : 'searchRefusedTotal', [route.locale]);
      return this.sendUncached(request, response, admission.reason === 'client' ? 429 : 503, 'text/plain; charset=utf-8', text, [
        'retry-after',
        String(admission.retryAfterSeconds),
      ]);
    }
    return this.renderOnDemand(request, response, release, 'Search', this.securityHeaders);
  }

  /**
   * One reader over their own share (429): plain text in the reader's language, so that refusing
   * costs no rendering, nor reading what was posted.
   */
  private refuseClient(request: IncomingMessage, response: ServerResponse, text: string, retryAfterSeconds: number) {
    request.resume();
    this.sendUncached(request, response, 429, 'text/plain; charset=utf-8', text, ['retry-after', String(retryAfterSeconds)]);
  }

  /**
   * The feedback form, asked for by more readers at once than FEEDBACK_TOTAL_PER_SECOND allows:
   * 503 with the release's busy page, a file, so that refusing costs no rendering (nor reading
   * what was posted). The operator is told once a minute at most, with how many were refused.
   */
  private refuseBusyFeedback(
    request: IncomingMessage,
    response: ServerResponse,
    release: LoadedRelease,
    route: OnDemandRoute,
    retryAfterSeconds: number,
  ) {
    request.resume();
    this.busyRefused += 1;
    if (Date.now() - this.busyLoggedAt >= BUSY_LOG_INTERVAL_MS) {
      this.log(
        `WARNING: the feedback form is busy: ${this.busyRefused} request(s) refused (503) since the last such line, ` +
          'over FEEDBACK_TOTAL_PER_SECOND (see apps/web/README.md).',
      );
      this.busyRefused = 0;
      this.busyLoggedAt = Date.now();
    }
    const headers = [
      ...this.securityHeaders,
      ...(cameOverTls(request.headers['x-forwarded-proto']) ? HSTS : []),
      'retry-after',
      String(retryAfterSeconds),
    ];
    const page = release.files.find(route.site.routes.feedbackBusy[route.locale]);
    if (page) return sendStatusPage(request, response, 503, page, headers);
    // A release always has its busy page (src/pages); without it the status says enough.
    return this.sendUncached(request, response, 503, 'text/plain; charset=utf-8', '', ['retry-after', String(retryAfterSeconds)]);
  }

  /**
   * The feedback form's POST (server/feedback/): the thank-you page (303, so that a reload does
   * not post again), or the form again with the reader's text and what is wrong.
   */
  private async receiveFeedback(request: IncomingMessage, response: ServerResponse, route: OnDemandRoute) {
    const outcome = await this.feedback.receive(request, route.locale, route.site.routes.feedbackThanks[route.locale]);
    if (outcome.status === 303) return this.sendUncached(request, response, 303, 'text/plain; charset=utf-8', '', ['location', outcome.location]);
    // The form is shown again by whichever release is live now: a switch may have come while the post was read.
    const release = this.live.current();
    if (!release) return this.refuseNotLive(request, response);
    const extra = outcome.retryAfterSeconds === undefined ? [] : ['retry-after', String(outcome.retryAfterSeconds)];
    return this.renderOnDemand(request, response, release, 'Feedback', this.securityHeaders, {
      status: outcome.status,
      formState: encodeFeedbackState(outcome.state),
      headers: extra,
    });
  }

  /**
   * A page rendered by the live release's code within its time limit: the preview (which sets
   * its own content security policy, as the admin frames it), a search or the feedback form (the
   * site's headers). The form shown again after a POST is rendered as a GET carrying the server's
   * verdict (`shown`), and answered with the verdict's status.
   */
  private async renderOnDemand(
    request: IncomingMessage,
    response: ServerResponse,
    release: LoadedRelease,
    what: keyof typeof TIMED_OUT_TEXT,
    siteHeaders: readonly string[] = [],
    shown?: { status: number; formState: string; headers: string[] },
  ) {
    const headers = new Headers();
    for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
      const name = request.rawHeaders[index] ?? '';
      // Only the server tells the form what it made of a submission; the body was the server's to read.
      if (name.toLowerCase() === FEEDBACK_STATE_HEADER || (shown && BODY_HEADERS.has(name.toLowerCase()))) continue;
      headers.append(name, request.rawHeaders[index + 1] ?? '');
    }
    if (shown) headers.set(FEEDBACK_STATE_HEADER, shown.formState);
    // A fixed origin: the route reads only the path and the query, and a Host header is the client's to make up.
    const url = new URL(request.url ?? '/', 'http://localhost');
    let timer: NodeJS.Timeout | undefined;
    // The answer made when the renderer is too slow, logged as it is made.
    const timedOutAnswer = new WeakSet<Response>();
    const timedOut = new Promise<Response>((resolve) => {
      timer = setTimeout(() => {
        this.log(`${what} ${url.pathname} timed out after ${this.previewTimeoutMs} ms (PREVIEW_TIMEOUT_MS).`);
        // The timeout does not know the reader's language: the text is said in every language.
        const answer = new Response(textOf(release, TIMED_OUT_TEXT[what], LOCALES), {
          status: 504,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        });
        timedOutAnswer.add(answer);
        resolve(answer);
      }, this.previewTimeoutMs);
    });
    let answer: Response;
    try {
      const renderer = await this.live.renderer(release.info.codeVersion);
      const method = shown ? 'GET' : (request.method ?? 'GET');
      answer = await Promise.race([renderer.handle(new Request(url, { method, headers })), timedOut]);
    } finally {
      clearTimeout(timer);
    }
    const body = request.method === 'HEAD' ? undefined : Buffer.from(await answer.arrayBuffer());
    // The preview sets its own content security policy (the admin frames it); the rest is the contract's.
    const outgoing: string[] = siteHeaders.length > 0 ? [...siteHeaders] : [...POLICY_FREE_SECURITY_HEADERS];
    answer.headers.forEach((value, name) => outgoing.push(name, value));
    if (cameOverTls(request.headers['x-forwarded-proto'])) outgoing.push(...HSTS);
    // The renderer answers a page that failed with Astro's error page: the operator hears of it
    // here, with what the renderer said (Astro logs the exception itself, when there is one).
    if (answer.status >= 500 && !timedOutAnswer.has(answer)) {
      const said = body
        ? body
            .toString('utf8', 0, Math.min(body.length, 2000))
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
            .slice(0, 300)
        : '';
      this.log(`ERROR: ${what} ${url.pathname} failed: the renderer answered ${answer.status}${said ? ` (${said})` : ''}.`);
    }
    // The form shown again answers with the verdict's status, unless rendering it failed.
    const status = shown && answer.status === 200 ? shown.status : answer.status;
    if (shown) outgoing.push(...shown.headers);
    response.writeHead(status, outgoing);
    response.end(body);
  }

  /**
   * Checks a hook request's signature (the contract's verifyWebhook): 401 with the reason when it
   * is missing, wrong, too old or too new for the clock window, or a replay. Returns true when
   * the request may go on.
   */
  private verifySigned(request: IncomingMessage, response: ServerResponse, body: Buffer): boolean {
    const verdict = verifyWebhook(
      this.webhookSecret,
      { method: request.method ?? '', path: request.url ?? '', body, headers: request.headers },
      { guard: this.replays, ...(this.webhookMaxSkewSeconds ? { maxSkewSeconds: this.webhookMaxSkewSeconds } : {}) },
    );
    if (verdict.ok) return true;
    // Only a request signed with the secret gets this far: the operator must hear of a clock that drifts.
    if (verdict.reason === 'stale' || verdict.reason === 'replayed') this.log(`Request ${request.method} ${request.url}: 401 ${verdict.message}`);
    this.sendJson(request, response, 401, { error: verdict.message });
    return false;
  }

  private async handlePublish(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') {
      request.resume();
      return this.sendJson(request, response, 405, { error: 'Use POST.' }, ['allow', 'POST']);
    }
    try {
      // The signature covers the body, so the body (at most MAX_BODY_BYTES) is read first; a
      // request without one is refused unread.
      if (request.headers[WEBHOOK_SIGNATURE_HEADER] === undefined) {
        request.resume();
        this.verifySigned(request, response, Buffer.alloc(0));
        return;
      }
      const body = await readBody(request);
      if (!this.verifySigned(request, response, body)) return;
      const { event, change } = parseWebhookEvent(body);
      if (change)
        this.queue.requestChange(
          change,
          `webhook ${event} ${'type' in change ? `${change.type} ${change.documentId}` : `file ${change.fileDocumentId}`}`,
        );
      else this.queue.requestFull(`webhook ${event} naming no document`);
      this.sendJson(request, response, 202, { accepted: event, building: this.queue.isBuilding, queued: this.queue.isQueued });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      this.sendJson(request, response, error.status, { error: error.message });
    }
  }

  private handleStatus(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET') {
      request.resume();
      return this.sendJson(request, response, 405, { error: 'Use GET.' }, ['allow', 'GET']);
    }
    // Signed like the publish hook (over an empty body): the status tells what is being built.
    request.resume();
    if (!this.verifySigned(request, response, Buffer.alloc(0))) return;
    this.sendJson(request, response, 200, this.status());
  }
}

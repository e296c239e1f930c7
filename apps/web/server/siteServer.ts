import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RebuildQueue } from './rebuildQueue.ts';
import type { ReleaseInfo, ReleaseStore } from './releases.ts';
import { cameOverTls, HSTS, securityHeaders } from './securityHeaders.ts';
import { StaticFiles, type StaticFile } from './staticFiles.ts';
import { HttpError, parseWebhookEvent, readBody, verifyWebhookSecret } from './webhook.ts';

type AstroHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => Promise<void>;

/** A release ready to serve: its files in memory, its Astro handler loaded on first need. */
export interface LoadedRelease {
  info: ReleaseInfo;
  files: StaticFiles;
  handler?: Promise<AstroHandler>;
}

export interface SiteServerOptions {
  store: ReleaseStore;
  queue: RebuildQueue;
  webhookSecret: string;
  /** Where uploaded media is served from, for the content security policy. */
  mediaOrigin?: string;
  log?: (message: string) => void;
}

const SECRET_HEADER = 'x-webhook-secret';
const LOADED_KEPT = 3;
const LIVE_RECHECK_MS = 200;

const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(JSON.stringify(body));
};

// The hot path of the whole server: headers are made once per file (staticFiles.ts), so a
// request costs a map lookup and a write.
const sendFile = (request: IncomingMessage, response: ServerResponse, file: StaticFile) => {
  if (request.headers['if-none-match'] === file.etag) {
    response.writeHead(304, ['etag', file.etag, 'cache-control', file.cacheControl]);
    response.end();
    return;
  }
  const gzip = file.headers.gzip !== undefined && (request.headers['accept-encoding'] ?? '').includes('gzip');
  const headers = (gzip ? file.headers.gzip : file.headers.plain) ?? file.headers.plain;
  response.writeHead(200, cameOverTls(request.headers['x-forwarded-proto']) ? [...headers, ...HSTS] : headers);
  response.end(request.method === 'HEAD' ? undefined : gzip ? file.gzip : file.body);
};

const sendNotFoundPage = (request: IncomingMessage, response: ServerResponse, file: StaticFile, security: string[]) => {
  response.writeHead(404, ['content-type', file.contentType, 'cache-control', 'no-store', 'content-length', String(file.body.length), ...security]);
  response.end(request.method === 'HEAD' ? undefined : file.body);
};

/**
 * The site's HTTP server: the live release's pages and assets, its on-demand routes, and the
 * publish webhook with the build status. Every request looks up the live release, so a new
 * release takes effect with the next request, and a rollback from the command line within
 * LIVE_RECHECK_MS.
 */
export class SiteServer {
  private readonly store: ReleaseStore;
  private readonly queue: RebuildQueue;
  private readonly webhookSecret: string;
  private readonly log: (message: string) => void;
  private readonly securityHeaders: string[];
  private readonly loaded = new Map<string, LoadedRelease>();
  private liveId: string | null = null;
  private liveCheckedAt = 0;
  readonly server: http.Server;

  constructor(options: SiteServerOptions) {
    this.store = options.store;
    this.queue = options.queue;
    this.webhookSecret = options.webhookSecret;
    this.log = options.log ?? console.log;
    this.securityHeaders = securityHeaders({ mediaOrigin: options.mediaOrigin });
    this.server = http.createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.log(`Request ${request.method} ${request.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
        else response.destroy();
      });
    });
    // Keep-alive longer than a typical proxy's, so the proxy closes idle connections first.
    this.server.keepAliveTimeout = 65_000;
  }

  /** Reads a committed release into memory; done before it goes live. */
  load(id: string): LoadedRelease {
    const existing = this.loaded.get(id);
    if (existing) return existing;
    const info = this.store.info(id);
    if (!info) throw new Error(`No release ${id}`);
    const release: LoadedRelease = {
      info,
      files: new StaticFiles(path.join(this.store.releaseDir(id), 'client'), this.securityHeaders),
    };
    this.loaded.set(id, release);
    // Forget releases that can no longer come back (pruned or long replaced).
    for (const key of [...this.loaded.keys()].slice(0, Math.max(0, this.loaded.size - LOADED_KEPT))) this.loaded.delete(key);
    return release;
  }

  /** Makes a loaded release live: the switch on disk, then for the very next request here. */
  activate(id: string): void {
    this.load(id);
    this.store.switchTo(id);
    this.liveId = id;
    this.liveCheckedAt = Date.now();
  }

  /**
   * The release live right now, or null before the first build. The link on disk is read again
   * at most every LIVE_RECHECK_MS, which is how a rollback from the command line arrives; a
   * switch by this process (activate) shows on the very next request.
   */
  live(): LoadedRelease | null {
    const now = Date.now();
    if (now - this.liveCheckedAt > LIVE_RECHECK_MS) {
      this.liveId = this.store.currentId();
      this.liveCheckedAt = now;
    }
    const id = this.liveId;
    if (!id) return null;
    try {
      return this.load(id);
    } catch (error) {
      this.log(`Cannot load release ${id}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** Status for editors and operators (GET /hooks/status). */
  status() {
    // Not a hot path: read the link on disk now, so a rollback shows here at once.
    this.liveCheckedAt = 0;
    const live = this.live();
    return {
      live: live ? live.info : null,
      lastBuild: this.queue.lastBuild,
      lastSuccess: this.queue.lastSuccess,
      building: this.queue.isBuilding,
      queued: this.queue.isQueued,
      buildsSinceStart: this.queue.buildsSinceStart,
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/';
    const query = target.indexOf('?');
    const pathname = query === -1 ? target : target.slice(0, query);
    if (pathname === '/hooks/publish') return this.handlePublish(request, response);
    if (pathname === '/hooks/status') return this.handleStatus(request, response);

    const release = this.live();
    if (!release) {
      sendJson(response, 503, { error: 'The site is being built for the first time.' }, { 'retry-after': '5' });
      return;
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      const file = release.files.find(pathname);
      if (file) return sendFile(request, response, file);
    }
    await this.renderOnDemand(release, request, response);
  }

  /** On-demand (non-prerendered) routes go to the release's own Astro handler; the rest is a 404. */
  private async renderOnDemand(release: LoadedRelease, request: IncomingMessage, response: ServerResponse) {
    release.handler ??= import(pathToFileURL(path.join(this.store.releaseDir(release.info.id), 'server', 'entry.mjs')).href).then(
      (entry: { handler: AstroHandler }) => entry.handler,
    );
    const handler = await release.handler;
    // Pages rendered on demand (the preview) set their own content security policy.
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    if (cameOverTls(request.headers['x-forwarded-proto'])) response.setHeader(...HSTS);
    await handler(request, response, () => {
      const notFound = release.files.notFoundPage;
      if (notFound) sendNotFoundPage(request, response, notFound, this.securityHeaders);
      else sendJson(response, 404, { error: 'Not found' });
    });
  }

  private async handlePublish(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use POST.' }, { allow: 'POST' });
    if (!verifyWebhookSecret(request.headers[SECRET_HEADER], this.webhookSecret)) {
      request.resume();
      return sendJson(response, 401, { error: `Missing or wrong ${SECRET_HEADER} header.` });
    }
    try {
      const event = parseWebhookEvent(await readBody(request));
      this.queue.request(`webhook ${event}`);
      sendJson(response, 202, { accepted: event, building: this.queue.isBuilding, queued: this.queue.isQueued });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendJson(response, error.status, { error: error.message });
    }
  }

  private handleStatus(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET') return sendJson(response, 405, { error: 'Use GET.' }, { allow: 'GET' });
    if (!verifyWebhookSecret(request.headers[SECRET_HEADER], this.webhookSecret)) {
      return sendJson(response, 401, { error: `Missing or wrong ${SECRET_HEADER} header.` });
    }
    sendJson(response, 200, this.status());
  }
}

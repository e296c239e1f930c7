import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { siteCodeVersion } from './codeVersion.ts';
import { buildCode } from './codeBuild.ts';
import type { LiveRelease, LoadedRelease, RenderedRelease } from './liveRelease.ts';
import type { BuildJob, BuildOutcome } from './rebuildQueue.ts';
import type { PageRecord, ReleaseManifest, ReleaseStore } from './releases.ts';
import { ReleasesLock } from './releasesLock.ts';
import type { SiteRenderer, SitePage } from '../../renderer-contract/index.ts';
import { encodedFormsOf } from './staticFiles.ts';
import { verifyPage } from './verifyRelease.ts';

/** The whole content as read before the lock (Publisher.readAhead), and the release live then. */
interface ContentRead {
  liveId: string | null;
  codeVersion: string;
  contentHash: string;
  fingerprint: string;
}

/** Per-change releases between two scans for unused blobs (a full build always scans). */
const GARBAGE_EVERY = 25;

/** The pages whose recorded reads include any of `keys`. */
const pagesReading = (pages: Record<string, PageRecord>, keys: Set<string>): string[] =>
  Object.entries(pages)
    .filter(([, page]) => page.dependencies.some((key) => keys.has(key)))
    .map(([pagePath]) => pagePath);

/**
 * Renders releases and asks LiveRelease to put them live. A full build renders every page from
 * a fresh read of the CMS, building the site's code first when it changed; a per-change render
 * reads only the documents that changed, and renders only the pages that read them (as recorded
 * when they were last rendered), the pages that appear, and drops the pages that are gone.
 * Anything that cannot change a public page makes no release.
 */
export class Publisher {
  private readonly store: ReleaseStore;
  private readonly live: LiveRelease;
  private readonly log: (message: string) => void;
  /** The site's code version: a hash of its sources and the public address built into it. */
  private readonly codeVersion: () => string;
  private changesSinceGarbage = 0;
  /**
   * A fingerprint a full build found to change nothing public (a re-publish of the same text
   * moves the CMS's dates), so that reconciliation does not read the whole CMS again for it.
   */
  private accepted: { releaseId: string; fingerprint: string } | null = null;
  /** One job at a time on the releases folder, whichever site server (or command) sharing it runs it. */
  private readonly lock: ReleasesLock;
  /** The job or follow-up running in this process (oneAtATime). */
  private running: Promise<unknown> = Promise.resolve();
  /** A follow-up waiting for its turn (follow()). */
  private followWaiting: Promise<void> | null = null;

  constructor(store: ReleaseStore, live: LiveRelease, { siteUrl, log }: { siteUrl: string; log: (message: string) => void }) {
    this.store = store;
    this.live = live;
    this.log = log;
    this.codeVersion = () => siteCodeVersion(siteUrl);
    this.lock = new ReleasesLock(store.dir, log);
  }

  /**
   * Runs one job of the rebuild queue, holding the releases folder's lock: the renders, the
   * switch, the pruning and the garbage collection of two site servers sharing the folder never
   * interleave. The first job also does the tidying at start the store deferred to it.
   */
  async run(job: BuildJob, signal: AbortSignal): Promise<BuildOutcome> {
    return this.oneAtATime(async () => {
      const read = await this.readAhead(job, signal);
      return this.lock.hold(signal, (held) => {
        this.store.repair();
        return this.runHolding(job, held, read);
      });
    });
  }

  /**
   * Brings this server's renderer in step with a release another site server made live (its
   * on-demand pages, search among them, answer from the renderer's content): the content is
   * read again, without the lock, since nothing is written. Content that differs from the live
   * release's (a publish on its way) is left for that publish's job, which renders it.
   */
  follow(signal: AbortSignal): Promise<void> {
    // Switches that come while one follow-up waits its turn are followed by that one: it looks
    // at what is live when it starts.
    this.followWaiting ??= this.oneAtATime(async () => {
      this.followWaiting = null;
      const live = this.live.current({ recheck: true });
      // Another code version is a full build's business (it renders with this server's code).
      if (live?.info.codeVersion !== this.codeVersion() || !existsSync(this.entryOf(live.info.codeVersion))) return;
      const renderer = await this.live.renderer(live.info.codeVersion);
      if ((await renderer.contentHash()) === live.info.contentHash) return;
      const contentHash = await renderer.loadContent();
      signal.throwIfAborted();
      this.log(
        contentHash === live.info.contentHash
          ? `Followed release ${live.info.id}: the renderer holds its content.`
          : `Followed release ${live.info.id}: the CMS's content differs from it (a publish on its way, which its job renders, or a rollback).`,
      );
    });
    return this.followWaiting;
  }

  /** Runs jobs and follow-ups of this process one after another: they share the renderer's content. */
  private oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const result = this.running.then(task);
    this.running = result.catch(() => {});
    return result;
  }

  /**
   * Reads the whole content before the lock when the job will need it (a full build, or a
   * renderer behind the live release: this server started, or another one rendered): 20 s at
   * 20,000 pages that the other site server sharing the folder can go on publishing in. Used
   * only if the live release is still the same once the lock is held; else read again.
   */
  private async readAhead(job: BuildJob, signal: AbortSignal): Promise<ContentRead | undefined> {
    const codeVersion = this.codeVersion();
    // The code build writes to the folder: with the lock only.
    if (!existsSync(this.entryOf(codeVersion))) return undefined;
    const live = this.live.current({ recheck: true });
    const renderer = await this.live.renderer(codeVersion);
    if (!job.full && live?.info.codeVersion === codeVersion && (await renderer.contentHash()) === live.info.contentHash) return undefined;
    const fingerprint = await renderer.contentFingerprint();
    const contentHash = await renderer.loadContent();
    signal.throwIfAborted();
    return { liveId: live?.info.id ?? null, codeVersion, contentHash, fingerprint };
  }

  private async runHolding(job: BuildJob, signal: AbortSignal, read: ContentRead | undefined): Promise<BuildOutcome> {
    // Whatever is live now, read from disk: another site server may have switched while this one
    // waited for the lock. Its release is this job's base, and the renderer's content is compared
    // with it below: a follower whose renderer did not render it reads the content again.
    const live = this.live.current({ recheck: true });
    const fresh = read?.liveId === (live?.info.id ?? null) ? read : undefined;
    // A change can only be applied to the content the live release was rendered from. The
    // renderer is asked what it holds (its content hash): after a start, a failed render or a
    // rollback it holds something else, and the full build brings it back in step.
    if (job.full || live?.info.codeVersion !== this.codeVersion()) return this.fullBuild(live, signal, fresh);
    const renderer = await this.live.renderer(live.info.codeVersion);
    if ((await renderer.contentHash()) !== live.info.contentHash) return this.fullBuild(live, signal, fresh);
    return this.applyChanges(job, live, renderer, signal);
  }

  private entryOf(codeVersion: string): string {
    return path.join(this.store.codeDir(codeVersion), 'server', 'entry.mjs');
  }

  /** `read`: the content as read before the lock, against the release live now (readAhead). */
  private async fullBuild(live: LoadedRelease | null, signal: AbortSignal, read?: ContentRead): Promise<BuildOutcome> {
    const codeVersion = this.codeVersion();
    const renderer = await this.rendererFor(codeVersion, signal);
    const ahead = read?.codeVersion === codeVersion ? read : undefined;
    const fingerprint = ahead?.fingerprint ?? (await renderer.contentFingerprint());
    const contentHash = ahead?.contentHash ?? (await renderer.loadContent());
    signal.throwIfAborted();
    if (live?.info.codeVersion === codeVersion && live.info.contentHash === contentHash) {
      this.accepted = { releaseId: live.info.id, fingerprint };
      return { kind: 'full', result: 'unchanged', renderedPages: [], renderedCount: 0 };
    }
    // After a rollback nothing is rebuilt (a restart included) until the content or the code
    // moves on from the release rolled back from.
    const rollback = this.store.rolledBack();
    const from = rollback ? this.store.info(rollback.from) : undefined;
    if (from?.codeVersion === codeVersion && from.contentHash === contentHash) {
      this.accepted = live ? { releaseId: live.info.id, fingerprint } : null;
      return { kind: 'full', result: 'unchanged', renderedPages: [], renderedCount: 0 };
    }
    const pages = await renderer.listPages();
    const manifest: ReleaseManifest = { files: this.codeAssets(codeVersion), pages: {}, site: renderer.site };
    await this.renderInto(manifest, renderer, pages, signal);
    const release = this.live.publish(manifest, { kind: 'full', codeVersion, contentHash, fingerprint }, live, signal);
    this.store.collectGarbage();
    this.changesSinceGarbage = 0;
    return { kind: 'full', result: 'success', releaseId: release.info.id, renderedPages: [], renderedCount: pages.length };
  }

  private async applyChanges(job: BuildJob, live: LoadedRelease, renderer: SiteRenderer, signal: AbortSignal): Promise<BuildOutcome> {
    const [fingerprint, changedKeys] = await Promise.all([renderer.contentFingerprint(), renderer.applyChanges(job.changes)]);
    if (changedKeys.length === 0) return { kind: 'change', result: 'unchanged', renderedPages: [], renderedCount: 0 };
    signal.throwIfAborted();

    const before = live.manifest;
    const pagesNow = await renderer.listPages();
    const now = new Map(pagesNow.map((page) => [page.path, page]));
    const affected = new Set(pagesReading(before.pages, new Set(changedKeys)));
    // Pages that appear (a new document, a new slug or year), or whose address now names another document.
    for (const page of pagesNow) if (before.pages[page.path]?.owner !== page.owner) affected.add(page.path);

    const manifest: ReleaseManifest = { files: { ...before.files }, pages: { ...before.pages }, site: renderer.site };
    // Pages no longer listed answer 404 from now on. (A page unpublished, deleted or moved to a
    // new address is listed again at its old address, as a 410 or a 301: src/data/documentPages.ts.)
    const removed: string[] = [];
    for (const [pagePath, page] of Object.entries(before.pages)) {
      if (!now.has(pagePath)) {
        removed.push(pagePath);
        delete manifest.pages[pagePath];
        delete manifest.files[page.file];
      }
    }
    const toRender = [...affected].flatMap((pagePath) => {
      const page = now.get(pagePath);
      return page ? [page] : [];
    });
    // A page kept in another file than before (a document's page that became an old address's
    // 301 or 410, or the other way round): its old file goes, or its path would still find it.
    for (const page of toRender) {
      const previous = before.pages[page.path];
      if (previous && previous.file !== page.file) delete manifest.files[previous.file];
    }
    await this.renderInto(manifest, renderer, toRender, signal);
    const contentHash = await renderer.contentHash();
    const made: RenderedRelease = { kind: 'change', codeVersion: live.info.codeVersion, contentHash, fingerprint };
    const release = this.live.publish(manifest, made, live, signal);
    if (++this.changesSinceGarbage >= GARBAGE_EVERY) {
      this.store.collectGarbage();
      this.changesSinceGarbage = 0;
    }
    return {
      kind: 'change',
      result: 'success',
      releaseId: release.info.id,
      renderedPages: toRender.map((page) => page.path).sort(),
      renderedCount: toRender.length,
      changes: { dependencyKeys: changedKeys, pagePaths: [...toRender.map((page) => page.path), ...removed] },
    };
  }

  /** The renderer of a code version, building that code first when this machine has not yet. */
  private async rendererFor(codeVersion: string, signal: AbortSignal): Promise<SiteRenderer> {
    const codeDir = this.store.codeDir(codeVersion);
    if (!existsSync(this.entryOf(codeVersion))) {
      this.log(`Building the site's code ${codeVersion} …`);
      await buildCode(this.store.newCodeBuildDir(codeVersion), codeDir, process.env, signal);
    }
    return this.live.renderer(codeVersion);
  }

  /** The code build's client files (favicon, hashed assets), kept as blobs. */
  private codeAssets(codeVersion: string): Record<string, string> {
    const client = path.join(this.store.codeDir(codeVersion), 'client');
    const files: Record<string, string> = {};
    for (const relative of readdirSync(client, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(client, relative);
      let body: Buffer;
      try {
        body = readFileSync(file);
      } catch {
        continue; // a directory
      }
      const urlPath = `/${relative.split(path.sep).join('/')}`;
      files[urlPath] = this.store.writeBlob(body, (plain) => encodedFormsOf(urlPath, plain));
    }
    return files;
  }

  /** Renders pages into a manifest: each body kept as a blob, each page with what it read. */
  private async renderInto(manifest: ReleaseManifest, renderer: SiteRenderer, pages: SitePage[], signal: AbortSignal): Promise<void> {
    for (const page of pages) {
      signal.throwIfAborted();
      const rendered = await renderer.renderPage(page.path);
      if (rendered.status !== (page.status ?? 200)) throw new Error(`Rendering ${page.path} answered ${rendered.status}.`);
      verifyPage(page.file, rendered.body);
      manifest.files[page.file] = this.store.writeBlob(rendered.body, (plain) => encodedFormsOf(page.file, plain));
      manifest.pages[page.path] = {
        file: page.file,
        ...(page.owner ? { owner: page.owner } : {}),
        dependencies: rendered.dependencies,
        ...(page.status === 301 || page.status === 410 ? { status: page.status } : {}),
        ...(page.status === 301 && page.location ? { location: page.location } : {}),
      };
    }
  }

  /**
   * Asks for a full build when the CMS's content, or the site's code, no longer matches the
   * live release: a lost webhook, a release written but never switched live, a code deploy.
   * After a rollback the site stays rolled back until the content changes again: the content is
   * then compared with the release rolled back from.
   */
  async reconcile(requestFull: (reason: string) => void): Promise<void> {
    const live = this.live.current({ recheck: true });
    if (!live) return requestFull('reconciliation: no release is live');
    if (live.info.codeVersion !== this.codeVersion()) {
      return requestFull(`reconciliation: the site's code is ${this.codeVersion()}, the live release's ${live.info.codeVersion}`);
    }
    let fingerprint: string;
    try {
      fingerprint = await (await this.live.renderer(live.info.codeVersion)).contentFingerprint();
    } catch (error) {
      this.log(`Reconciliation skipped: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const rollback = this.store.rolledBack();
    const reference = (rollback ? this.store.info(rollback.from) : undefined) ?? live.info;
    const known = this.accepted?.releaseId === live.info.id ? [reference.fingerprint, this.accepted.fingerprint] : [reference.fingerprint];
    if (!known.includes(fingerprint)) {
      requestFull(`reconciliation: the CMS's content ${fingerprint} differs from the live release's ${reference.fingerprint}`);
    }
  }
}

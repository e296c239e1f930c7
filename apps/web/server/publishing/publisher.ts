import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { siteCodeVersion } from './codeVersion.ts';
import { buildCode } from './codeBuild.ts';
import type { LiveRelease, LoadedRelease, RenderedRelease } from './liveRelease.ts';
import type { BuildJob, BuildOutcome } from './rebuildQueue.ts';
import { differingEntries, unexplainedEntries } from './fingerprintChanges.ts';
import { shareDependencyKeys, type PageRecord, type ReleaseInfo, type ReleaseManifest, type ReleaseStore } from './releases.ts';
import { ReleasesLock } from './releasesLock.ts';
import type { SiteRenderer, SitePage } from '../../renderer-contract/index.ts';
import { encodedFormsOf } from './staticFiles.ts';
import { verifyPage } from './verifyRelease.ts';

/** The whole content as read before the lock (Publisher.readAhead), and the release live then. */
interface ContentRead {
  liveId: string | null;
  codeVersion: string;
  contentHash: string;
  fingerprint: Fingerprint;
}

/** The CMS's fingerprint and, where the renderer gives them, its entries per type and language. */
interface Fingerprint {
  fingerprint: string;
  fingerprintEntries?: ReleaseInfo['fingerprintEntries'];
}

/** One read of the CMS's fingerprint: with its entries from a renderer that has contentSummary. */
const readFingerprint = async (renderer: SiteRenderer): Promise<Fingerprint> => {
  if (!renderer.contentSummary) return { fingerprint: await renderer.contentFingerprint() };
  const { fingerprint, entries } = await renderer.contentSummary();
  return { fingerprint, fingerprintEntries: entries };
};

/** Entries for a log line: `svAreas 2026-…Z/10031 → 2026-…Z/10031`. */
const describeEntries = (keys: string[], before: ReleaseInfo['fingerprintEntries'], after: ReleaseInfo['fingerprintEntries']): string => {
  const entry = (value: { updatedAt: string | null; total: number | null } | undefined) =>
    value ? `${value.updatedAt ?? '-'}${value.total === null ? '' : `/${value.total}`}` : 'none';
  return keys.map((key) => (before && after ? `${key} ${entry(before[key])} → ${entry(after[key])}` : key)).join(', ');
};

/**
 * How long after a switch the next change's copy of the manifest is made (copyAhead): after the
 * front door's purge and the job's report, which a copy made at once would hold up.
 */
const COPY_AHEAD_AFTER_MS = 50;

/** Per-change releases between two scans for unused blobs (a full build always scans). */
const GARBAGE_EVERY = 25;

/**
 * Which pages read which key (key → pages), for one manifest: after a change, the pages to render
 * are looked up, not found by reading every page's record (20,000 at 20,000 pages, on every
 * publish). Built once per manifest a change starts from that it does not follow (after a full
 * build, a rollback, a start), and brought along with each change, page by page.
 */
class DependencyIndex {
  manifest: ReleaseManifest;
  /** How many pages the manifest has. */
  pageCount = 0;
  private readonly readers = new Map<string, Set<string>>();

  constructor(manifest: ReleaseManifest) {
    this.manifest = manifest;
    for (const [pagePath, page] of Object.entries(manifest.pages)) {
      this.add(pagePath, page);
      this.pageCount++;
    }
  }

  private add(pagePath: string, page: PageRecord): void {
    for (const key of page.dependencies) {
      let pages = this.readers.get(key);
      if (!pages) this.readers.set(key, (pages = new Set()));
      pages.add(pagePath);
    }
  }

  private remove(pagePath: string, page: PageRecord): void {
    for (const key of page.dependencies) {
      const pages = this.readers.get(key);
      pages?.delete(pagePath);
      if (pages?.size === 0) this.readers.delete(key);
    }
  }

  /** The pages whose recorded reads include any of `keys`. */
  pagesReading(keys: Iterable<string>): Set<string> {
    const found = new Set<string>();
    for (const key of keys) for (const pagePath of this.readers.get(key) ?? []) found.add(pagePath);
    return found;
  }

  /** Follows the manifest to `next`, in which only `paths` were changed, added or removed. */
  follow(next: ReleaseManifest, paths: Iterable<string>): void {
    for (const pagePath of paths) {
      const before = this.manifest.pages[pagePath];
      const after = next.pages[pagePath];
      if (before === after) continue;
      if (before) this.remove(pagePath, before);
      if (after) this.add(pagePath, after);
      this.pageCount += (after ? 1 : 0) - (before ? 1 : 0);
    }
    this.manifest = next;
  }
}

/** Times the steps of a per-change render, for its log line (`pnpm bench:publish` prints them). */
class StepTimer {
  private last = performance.now();
  private readonly laps: string[] = [];
  lap(step: string): void {
    const now = performance.now();
    this.laps.push(`${step} ${(now - this.last).toFixed(1)} ms`);
    this.last = now;
  }
  summary(): string {
    return this.laps.join(', ');
  }
}

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
  /** Key → pages of the manifest the last change left (or the last full build made). */
  private dependencyIndex: DependencyIndex | null = null;
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
  /** The last per-change release's fingerprint, written when the CMS answers (never rejects). */
  private fingerprintWritten: Promise<void> = Promise.resolve();
  /**
   * The renderer's list of pages as last compared with a manifest (`manifest`, whose pages are
   * exactly the list's): while the renderer answers the same list (sitePages keeps it until an
   * address appears, moves or goes), a change compares nothing of 20,000 pages.
   */
  private listing: { pages: SitePage[]; manifest: ReleaseManifest; byPath?: Map<string, SitePage> } | null = null;
  /**
   * A copy of the live manifest's two maps, made once a release is live (copyAhead), for the
   * next change to fill in: copying 20,000 entries twice took 20-40 ms of every publish.
   */
  private spare: { of: ReleaseManifest; files: ReleaseManifest['files']; pages: ReleaseManifest['pages'] } | null = null;

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
    return this.oneAtATime(signal, async () => {
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
   * read back from the release (else from the CMS), without the lock, since nothing is written. Content that differs from the live
   * release's (a publish on its way) is left for that publish's job, which renders it.
   */
  follow(signal: AbortSignal): Promise<void> {
    // Switches that come while one follow-up waits its turn are followed by that one: it looks
    // at what is live when it starts.
    if (this.followWaiting) return this.followWaiting;
    const waiting = this.oneAtATime(signal, async () => {
      if (this.followWaiting === waiting) this.followWaiting = null;
      const live = this.live.current({ recheck: true });
      // Another code version is a full build's business (it renders with this server's code).
      if (live?.info.codeVersion !== this.codeVersion() || !existsSync(this.entryOf(live.info.codeVersion))) return;
      const renderer = await this.live.renderer(live.info.codeVersion);
      if ((await renderer.contentHash()) === live.info.contentHash) return;
      // The content kept with the release, read back: no request to the CMS for each publish
      // another server makes (a whole read was 20 s at 20,000 pages).
      if (await this.readBack(renderer, live)) return;
      const contentHash = await renderer.loadContent();
      signal.throwIfAborted();
      this.log(
        contentHash === live.info.contentHash
          ? `Followed release ${live.info.id}: the renderer holds its content.`
          : `Followed release ${live.info.id}: the CMS's content differs from it (a publish on its way, which its job renders, or a rollback).`,
      );
    });
    this.followWaiting = waiting;
    // One that never started (its deadline came first) waits no more either.
    waiting
      .catch(() => {})
      .finally(() => {
        if (this.followWaiting === waiting) this.followWaiting = null;
      });
    return waiting;
  }

  /**
   * Runs jobs and follow-ups of this process one after another: they share the renderer's
   * content. One past its deadline (`signal`) no longer holds up the next: it stops at its next
   * check of the signal.
   */
  private oneAtATime<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T> {
    const result = this.running.then(() => {
      signal.throwIfAborted();
      return task();
    });
    this.running = new Promise<void>((resolve) => {
      result.then(
        () => resolve(),
        () => resolve(),
      );
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return result;
  }

  /**
   * Reads the whole content before the lock when a full build asks for it: 20 s at 20,000 pages
   * that the other site server sharing the folder can go on publishing in. Used only if the live
   * release is still the same once the lock is held; else read again. (A start, or a renderer
   * behind a release another server made, reads the content back from the release: readBack.)
   */
  private async readAhead(job: BuildJob, signal: AbortSignal): Promise<ContentRead | undefined> {
    if (!job.full) return undefined;
    const codeVersion = this.codeVersion();
    // The code build writes to the folder: with the lock only.
    if (!existsSync(this.entryOf(codeVersion))) return undefined;
    const live = this.live.current({ recheck: true });
    const renderer = await this.live.renderer(codeVersion);
    const fingerprint = await readFingerprint(renderer);
    const contentHash = await renderer.loadContent();
    signal.throwIfAborted();
    return { liveId: live?.info.id ?? null, codeVersion, contentHash, fingerprint };
  }

  private async runHolding(job: BuildJob, signal: AbortSignal, read: ContentRead | undefined): Promise<BuildOutcome> {
    // Whatever is live now, read from disk: another site server may have switched while this one
    // waited for the lock. Its release is this job's base.
    const live = this.live.current({ recheck: true });
    const fresh = read?.liveId === (live?.info.id ?? null) ? read : undefined;
    if (job.full || live?.info.codeVersion !== this.codeVersion()) return this.fullBuild(live, signal, fresh);
    // A change can only be applied to the content the live release was rendered from. The
    // renderer is asked what it holds (its content hash): after a start, or once another
    // release went live, it holds something else, and reads the live release's content back
    // (readBack); where that cannot be (a rollback, a release from before the content was kept),
    // the full build brings it in step.
    const renderer = await this.rendererFor(live.info.codeVersion, signal);
    if ((await renderer.contentHash()) !== live.info.contentHash && !(await this.readBack(renderer, live))) return this.fullBuild(live, signal);
    if (job.start) {
      // Reconciliation decides whether the CMS moved on while the server was down (a publish
      // whose webhook found no server): the same comparison as every RECONCILE_INTERVAL_MS.
      // Read after the content read back (seconds at 20,000 pages), so a publish made meanwhile
      // is in it: an entry changed only since then is a publish whose webhook comes here (and is
      // rendered on its own), not one made while no server ran.
      const cms = await readFingerprint(renderer);
      const recorded = this.recorded(live);
      if (cms.fingerprint !== recorded.fingerprint) {
        const unexplained = unexplainedEntries(recorded.fingerprintEntries, cms.fingerprintEntries, job.startRequestedAt ?? Date.now());
        if (unexplained.length > 0) {
          this.log(
            `Start: the CMS's content ${cms.fingerprint} differs from the live release's ${recorded.fingerprint} ` +
              `(${describeEntries(unexplained, recorded.fingerprintEntries, cms.fingerprintEntries)}): a full build.`,
          );
          return this.fullBuild(live, signal);
        }
        this.log(
          `Start: the CMS's content ${cms.fingerprint} differs from the live release's ${recorded.fingerprint} only by publishes ` +
            `since the start (${describeEntries(differingEntries(recorded.fingerprintEntries ?? {}, cms.fingerprintEntries ?? {}), recorded.fingerprintEntries, cms.fingerprintEntries)}): their webhooks render them, no full build.`,
        );
      }
      if (job.changes.length === 0) return { kind: 'full', result: 'unchanged', renderedPages: [], renderedCount: 0 };
    }
    return this.applyChanges(job, live, renderer, signal);
  }

  /**
   * Makes the renderer hold the content the live release was rendered from, read back from the
   * parts kept with it (no request to the CMS: a start at 20,000 pages takes publishes within
   * seconds, where reading the CMS took 17 to 21 s). True when its content hash is then the
   * release's. Not after a rollback: the CMS holds the content of the release rolled back from,
   * and a change applied to the older content would go live with neither.
   */
  private async readBack(renderer: SiteRenderer, live: LoadedRelease): Promise<boolean> {
    const { content } = live.manifest;
    if (!content || this.store.rolledBack()) return false;
    const started = Date.now();
    const names = Object.keys(content);
    try {
      const contentHash = await renderer.restoreContent(names, (name) => this.store.readBlob(content[name]!));
      if (contentHash === live.info.contentHash) {
        this.log(`Read the content of release ${live.info.id} back (${names.length} parts) in ${Date.now() - started} ms.`);
        return true;
      }
      this.log(`The content read back from release ${live.info.id} hashes to ${contentHash}, not ${live.info.contentHash}: a full build instead.`);
    } catch (error) {
      this.log(
        `Cannot read the content of release ${live.info.id} back (${error instanceof Error ? error.message : String(error)}): a full build instead.`,
      );
    }
    return false;
  }

  /**
   * Keeps what the renderer holds with a release: each part as a blob, written only when the
   * previous release does not name the same one (a change writes the parts it changed).
   */
  private async keepContent(renderer: SiteRenderer, previous: Record<string, string> | undefined): Promise<Record<string, string>> {
    const content: Record<string, string> = {};
    for (const part of await renderer.contentParts()) {
      content[part.name] = previous?.[part.name] === part.hash ? part.hash : this.store.writeBlob(part.body());
    }
    return content;
  }

  /**
   * A release's info with its fingerprint: a per-change release is switched live before the CMS
   * has answered for it, and the fingerprint written into release.json when it does (by this
   * server, or by another one sharing the folder): what was loaded before that says ''.
   */
  private recorded(release: LoadedRelease): LoadedRelease['info'] {
    return release.info.fingerprint ? release.info : (this.store.info(release.info.id) ?? release.info);
  }

  private entryOf(codeVersion: string): string {
    return path.join(this.store.codeDir(codeVersion), 'server', 'entry.mjs');
  }

  /** `read`: the content as read before the lock, against the release live now (readAhead). */
  private async fullBuild(live: LoadedRelease | null, signal: AbortSignal, read?: ContentRead): Promise<BuildOutcome> {
    const codeVersion = this.codeVersion();
    const renderer = await this.rendererFor(codeVersion, signal);
    const ahead = read?.codeVersion === codeVersion ? read : undefined;
    const fingerprint = ahead?.fingerprint ?? (await readFingerprint(renderer));
    const contentHash = ahead?.contentHash ?? (await renderer.loadContent());
    signal.throwIfAborted();
    if (live?.info.codeVersion === codeVersion && live.info.contentHash === contentHash) {
      this.accepted = { releaseId: live.info.id, fingerprint: fingerprint.fingerprint };
      return { kind: 'full', result: 'unchanged', renderedPages: [], renderedCount: 0 };
    }
    // After a rollback nothing is rebuilt (a restart included) until the content or the code
    // moves on from the release rolled back from.
    const rollback = this.store.rolledBack();
    const from = rollback ? this.store.info(rollback.from) : undefined;
    if (from?.codeVersion === codeVersion && from.contentHash === contentHash) {
      this.accepted = live ? { releaseId: live.info.id, fingerprint: fingerprint.fingerprint } : null;
      return { kind: 'full', result: 'unchanged', renderedPages: [], renderedCount: 0 };
    }
    const pages = await renderer.listPages();
    const manifest: ReleaseManifest = { files: this.codeAssets(codeVersion), pages: {}, site: renderer.site };
    await this.renderInto(manifest, renderer, pages, signal);
    manifest.content = await this.keepContent(renderer, live?.manifest.content);
    const release = this.live.publish(manifest, { kind: 'full', codeVersion, contentHash, ...fingerprint }, live, signal);
    // Made now, so that the first publish after a build does not wait for it.
    this.dependencyIndex = new DependencyIndex(release.manifest);
    this.listing = { pages, manifest: release.manifest };
    this.copyAhead(release.manifest);
    this.store.collectGarbage();
    this.changesSinceGarbage = 0;
    return { kind: 'full', result: 'success', releaseId: release.info.id, renderedPages: [], renderedCount: pages.length };
  }

  private async applyChanges(job: BuildJob, live: LoadedRelease, renderer: SiteRenderer, signal: AbortSignal): Promise<BuildOutcome> {
    const steps = new StepTimer();
    const changedKeys = await renderer.applyChanges(job.changes);
    if (changedKeys.length === 0) return { kind: 'change', result: 'unchanged', renderedPages: [], renderedCount: 0 };
    // The CMS's fingerprint for the release (what reconciliation compares), asked for once the
    // changed documents are read rather than beside them: the CMS answers its dozen counts over
    // every document one query at a time, and the documents the render waits for queued behind
    // them. Nor does the switch wait for it (0.1-0.3 s on a busy machine, at any size): it is
    // written into the release when it comes (recordFingerprint), and reconciliation waits for it.
    // A change that lands between the documents and the fingerprint has its own webhook.
    const fingerprintRead = readFingerprint(renderer);
    fingerprintRead.catch(() => {}); // followed below; not unhandled if this render stops first
    steps.lap('read changes');
    signal.throwIfAborted();

    const before = live.manifest;
    const pagesNow = await renderer.listPages();
    steps.lap('list pages');
    const index = this.dependencyIndex?.manifest === before ? this.dependencyIndex : new DependencyIndex(before);
    this.dependencyIndex = index;
    const affected = index.pagesReading(changedKeys);
    const manifest = this.copyOf(before, renderer.site);
    // What the change touches, so that the release is checked, loaded and written by it alone.
    const changed = { files: [] as string[], pages: [] as string[] };
    let toRender: SitePage[];
    const listing = this.listing;
    if (listing?.pages === pagesNow && listing.manifest === before) {
      // The list the live release was made from: no page appeared, went or changed hands.
      listing.byPath ??= new Map(pagesNow.map((page) => [page.path, page]));
      toRender = [...affected].flatMap((pagePath) => listing.byPath!.get(pagePath) ?? []);
    } else {
      // Pages that appear (a new document, a new slug or year), or whose address now names another document.
      let stayed = 0;
      for (const page of pagesNow) {
        const previous = before.pages[page.path];
        if (previous) stayed++;
        if (previous?.owner !== page.owner) affected.add(page.path);
      }
      // Pages no longer listed answer 404 from now on. (A page unpublished, deleted or moved to a
      // new address is listed again at its old address, as a 410 or a 301: src/data/documentPages.ts.)
      // Looked for only when some page of the release is no longer listed.
      if (stayed < index.pageCount) {
        const now = new Set(pagesNow.map((page) => page.path));
        for (const [pagePath, page] of Object.entries(before.pages)) {
          if (!now.has(pagePath)) {
            delete manifest.pages[pagePath];
            delete manifest.files[page.file];
            changed.pages.push(pagePath);
            changed.files.push(page.file);
          }
        }
      }
      toRender = pagesNow.filter((page) => affected.has(page.path));
    }
    steps.lap('find affected');
    for (const page of toRender) {
      changed.pages.push(page.path);
      changed.files.push(page.file);
      // A page kept in another file than before (a document's page that became an old address's
      // 301 or 410, or the other way round): its old file goes, or its path would still find it.
      const previous = before.pages[page.path];
      if (previous && previous.file !== page.file) {
        delete manifest.files[previous.file];
        changed.files.push(previous.file);
      }
    }
    const pageTimes: [string, number][] = [];
    await this.renderInto(manifest, renderer, toRender, signal, pageTimes);
    const slowest = pageTimes.sort((a, b) => b[1] - a[1]).slice(0, 2);
    manifest.content = await this.keepContent(renderer, before.content);
    steps.lap(`render ${toRender.length} (slowest ${slowest.map(([page, ms]) => `${page} ${ms.toFixed(1)}`).join(', ')})`);
    const contentHash = await renderer.contentHash();
    // The fingerprint is '' until the CMS answers (below).
    const made: RenderedRelease = { kind: 'change', codeVersion: live.info.codeVersion, contentHash, fingerprint: '' };
    const release = this.live.publish(manifest, made, live, signal, changed);
    index.follow(release.manifest, changed.pages);
    this.listing = { pages: pagesNow, manifest: release.manifest };
    this.copyAhead(release.manifest);
    this.fingerprintWritten = fingerprintRead.then(
      ({ fingerprint, fingerprintEntries }) => {
        release.info.fingerprint = fingerprint;
        if (fingerprintEntries) release.info.fingerprintEntries = fingerprintEntries;
        this.store.recordFingerprint(release.info.id, fingerprint, fingerprintEntries);
      },
      (error: unknown) =>
        this.log(
          `No fingerprint for release ${release.info.id} (reconciliation will rebuild): ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
    steps.lap('verify, write, switch');
    this.log(`Per-change render steps: ${steps.summary()}`);
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
      changes: { dependencyKeys: changedKeys, pagePaths: [...new Set(changed.pages)] },
    };
  }

  /** A manifest to fill in from `before`: the spare copy made ahead when it is `before`'s, else a copy made now. */
  private copyOf(before: ReleaseManifest, site: ReleaseManifest['site']): ReleaseManifest {
    const spare = this.spare;
    this.spare = null;
    if (spare?.of === before) return { files: spare.files, pages: spare.pages, site };
    return { files: { ...before.files }, pages: { ...before.pages }, site };
  }

  /**
   * Copies a manifest just made live for the next change, once the job that made it has
   * answered (its purge and its report go first). A manifest is never changed once live, so
   * the copy stays its equal; a copy of one no longer live is never used (copyOf).
   */
  private copyAhead(manifest: ReleaseManifest): void {
    this.spare = null;
    setTimeout(() => {
      if (this.dependencyIndex?.manifest !== manifest) return; // another release came first
      this.spare = { of: manifest, files: { ...manifest.files }, pages: { ...manifest.pages } };
    }, COPY_AHEAD_AFTER_MS).unref();
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
  private async renderInto(
    manifest: ReleaseManifest,
    renderer: SiteRenderer,
    pages: SitePage[],
    signal: AbortSignal,
    times?: [string, number][],
  ): Promise<void> {
    const keys = new Map<string, string>();
    for (const page of pages) {
      signal.throwIfAborted();
      const started = performance.now();
      const rendered = await renderer.renderPage(page.path);
      if (rendered.status !== (page.status ?? 200)) throw new Error(`Rendering ${page.path} answered ${rendered.status}.`);
      verifyPage(page.file, rendered.body);
      manifest.files[page.file] = this.store.writeBlob(rendered.body, (plain) => encodedFormsOf(page.file, plain));
      const record: PageRecord = {
        file: page.file,
        ...(page.owner ? { owner: page.owner } : {}),
        dependencies: rendered.dependencies,
        ...(page.status === 301 || page.status === 410 ? { status: page.status } : {}),
        ...(page.status === 301 && page.location ? { location: page.location } : {}),
      };
      shareDependencyKeys([record], keys);
      manifest.pages[page.path] = record;
      times?.push([page.path, performance.now() - started]);
    }
  }

  /**
   * Asks for a full build when the CMS's content, or the site's code, no longer matches the
   * live release: a lost webhook, a release written but never switched live, a code deploy.
   * After a rollback the site stays rolled back until the content changes again: the content is
   * then compared with the release rolled back from.
   */
  /**
   * Resolves once the last per-change release's fingerprint is written (or failed): a shutdown
   * waits for it, as a release left without one makes the next start a full build.
   */
  fingerprintSettled(): Promise<void> {
    return this.fingerprintWritten;
  }

  async reconcile(requestFull: (reason: string) => void): Promise<void> {
    await this.fingerprintWritten;
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
    const reference = (rollback ? this.store.info(rollback.from) : undefined) ?? this.recorded(live);
    const known = this.accepted?.releaseId === live.info.id ? [reference.fingerprint, this.accepted.fingerprint] : [reference.fingerprint];
    if (!known.includes(fingerprint)) {
      requestFull(`reconciliation: the CMS's content ${fingerprint} differs from the live release's ${reference.fingerprint}`);
    }
  }
}

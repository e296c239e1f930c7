import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { siteCodeVersion } from './codeVersion.ts';
import { buildCode } from './codeBuild.ts';
import type { LiveRelease, LoadedRelease, RenderedRelease } from './liveRelease.ts';
import type { BuildJob, BuildOutcome } from './rebuildQueue.ts';
import { shareDependencyKeys, type PageRecord, type ReleaseManifest, type ReleaseStore } from './releases.ts';
import type { SiteRenderer, SitePage } from '../../renderer-contract/index.ts';
import { encodedFormsOf } from './staticFiles.ts';
import { verifyPage } from './verifyRelease.ts';

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

  constructor(store: ReleaseStore, live: LiveRelease, { siteUrl, log }: { siteUrl: string; log: (message: string) => void }) {
    this.store = store;
    this.live = live;
    this.log = log;
    this.codeVersion = () => siteCodeVersion(siteUrl);
  }

  /** Runs one job of the rebuild queue. */
  async run(job: BuildJob, signal: AbortSignal): Promise<BuildOutcome> {
    const live = this.live.current({ recheck: true });
    if (job.full || live?.info.codeVersion !== this.codeVersion()) return this.fullBuild(live, signal);
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
      const fingerprint = await renderer.contentFingerprint();
      if (fingerprint !== live.info.fingerprint) {
        this.log(`Start: the CMS's content ${fingerprint} differs from the live release's ${live.info.fingerprint}: a full build.`);
        return this.fullBuild(live, signal);
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

  private async fullBuild(live: LoadedRelease | null, signal: AbortSignal): Promise<BuildOutcome> {
    const codeVersion = this.codeVersion();
    const renderer = await this.rendererFor(codeVersion, signal);
    const fingerprint = await renderer.contentFingerprint();
    const contentHash = await renderer.loadContent();
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
    manifest.content = await this.keepContent(renderer, live?.manifest.content);
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
    for (const [pagePath, page] of Object.entries(before.pages)) {
      if (!now.has(pagePath)) {
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
    manifest.content = await this.keepContent(renderer, before.content);
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
    };
  }

  /** The renderer of a code version, building that code first when this machine has not yet. */
  private async rendererFor(codeVersion: string, signal: AbortSignal): Promise<SiteRenderer> {
    const codeDir = this.store.codeDir(codeVersion);
    if (!existsSync(path.join(codeDir, 'server', 'entry.mjs'))) {
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
    const keys = new Map<string, string>();
    for (const page of pages) {
      signal.throwIfAborted();
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

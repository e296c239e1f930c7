import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LiveSpan, ManifestChange, ReleaseInfo, ReleaseKind, ReleaseManifest, ReleaseStore } from './releases.ts';
import { RENDERER_API_VERSION, type RendererModule, type SiteRenderer } from '../../renderer-contract/index.ts';
import { StaticFiles, type BlobSource, type StaticFile } from './staticFiles.ts';
import { verifyRelease } from './verifyRelease.ts';

/** A release ready to serve: its files in memory, and its manifest for the next change. */
export interface LoadedRelease {
  info: ReleaseInfo;
  manifest: ReleaseManifest;
  files: StaticFiles;
}

// The live release and the one before it (a rollback, or requests still being answered from it).
const LOADED_KEPT = 2;
const LIVE_RECHECK_MS = 200;

/** A release that was live at some moment: when, what it recorded, and its manifest (read from disk, not kept). */
export interface ArchivedRelease {
  span: LiveSpan;
  info: ReleaseInfo | undefined;
  manifest: ReleaseManifest;
}

/** What the publisher says of a release it rendered; the rest of its ReleaseInfo is made here. */
export interface RenderedRelease {
  kind: ReleaseKind;
  codeVersion: string;
  contentHash: string;
  fingerprint: string;
  fingerprintEntries?: ReleaseInfo['fingerprintEntries'];
}

/**
 * The one owner of what is live: the release the server answers from, the switch to a new one
 * (checked, written, loaded, switched and pruned in one call, publish()), and the renderer (the
 * site's code) each release was made with. The HTTP server reads from it, the publisher renders
 * and asks it to publish; neither calls the other.
 */
export class LiveRelease {
  private readonly store: ReleaseStore;
  private readonly extraHeaders: string[];
  private readonly log: (message: string) => void;
  private readonly loaded = new Map<string, LoadedRelease>();
  private readonly renderers = new Map<string, Promise<SiteRenderer>>();
  /** Code versions whose renderer failed to load, and how many times. */
  private readonly failedImports = new Map<string, number>();
  private liveId: string | null = null;
  private liveCheckedAt = 0;
  /** Reads the `current` link for every request (RELEASES_SHARED): another process switches it. */
  private readonly recheckEveryRequest: boolean;
  /** Told of a release made live by another process (a site server sharing the folder, a rollback). */
  private readonly onSwitchElsewhere: ((id: string) => void) | undefined;
  /** The release last seen live (undefined: not looked yet), and the last this process switched to itself. */
  private seenId: string | null | undefined;
  private switchedHere: string | null = null;

  constructor(
    store: ReleaseStore,
    extraHeaders: string[],
    log: (message: string) => void,
    { recheckEveryRequest = false, onSwitchElsewhere }: { recheckEveryRequest?: boolean; onSwitchElsewhere?: (id: string) => void } = {},
  ) {
    this.store = store;
    this.extraHeaders = extraHeaders;
    this.log = log;
    this.recheckEveryRequest = recheckEveryRequest;
    this.onSwitchElsewhere = onSwitchElsewhere;
  }

  /** Reads a committed release into memory, sharing the unchanged files of the one loaded before. */
  load(id: string): LoadedRelease {
    const existing = this.loaded.get(id);
    if (existing) return existing;
    const info = this.store.info(id);
    if (!info) throw new Error(`No release ${id}`);
    // Another site server's release after a change is a delta of the one this one serves: read as such.
    const previous = [...this.loaded.values()].at(-1);
    const manifest = this.store.manifest(id, previous && { id: previous.info.id, manifest: previous.manifest });
    return this.remember({ info, manifest, files: this.filesOf(manifest.files, previous?.files) });
  }

  /**
   * Makes a rendered release live: checks it (verifyRelease), loads its files into memory
   * (taking over the unchanged ones of `previous`), writes it, switches to it for the very next
   * request, and removes releases no longer kept. A failed check, or `signal` aborted before the
   * write, leaves the live release as it was.
   */
  publish(
    manifest: ReleaseManifest,
    made: RenderedRelease,
    previous: LoadedRelease | null,
    signal: AbortSignal,
    changed?: ManifestChange,
  ): LoadedRelease {
    const read = (file: string) => (manifest.files[file] ? this.store.readBlob(manifest.files[file]).toString('utf8') : '');
    // `changed`: what a change touched since `previous` (the rest is previous's, checked then): checked, loaded and written alone.
    verifyRelease(manifest, read, previous ? { manifest: previous.manifest, ...(changed ? { changedFiles: changed.files } : {}) } : undefined);
    const files = this.filesOf(manifest.files, previous?.files, this.extraHeaders, previous && changed ? changed.files : undefined);
    signal.throwIfAborted();
    // The release it was made from must still be the live one: a second check behind the
    // releases folder's lock (ReleasesLock), which a stalled holder can lose, so that a release
    // never replaces one it does not contain. (Without `previous`, a full build replaces whatever
    // is there: it contains everything, and a live release that cannot be loaded must be replaced.)
    const liveNow = this.store.currentId();
    if (previous && liveNow !== previous.info.id) {
      throw new Error(
        `The live release moved on from ${previous.info.id} to ${liveNow ?? '(none)'} while this one was rendered; it is not published.`,
      );
    }
    const info: ReleaseInfo = { id: this.store.newId(), builtAt: new Date().toISOString(), ...made };
    this.store.commit(info, manifest, previous ? { id: previous.info.id, manifest: previous.manifest, ...(changed ? { changed } : {}) } : undefined);
    const release = { info, manifest, files };
    this.activate(release);
    this.store.prune();
    return release;
  }

  /** The release live at a moment (the store's live history), or undefined before the first. */
  releaseAt(moment: Date): ArchivedRelease | undefined {
    const span = this.store.liveAt(moment);
    if (!span) return undefined;
    const loaded = this.loaded.get(span.releaseId);
    return { span, info: loaded?.info ?? this.store.info(span.releaseId), manifest: loaded?.manifest ?? this.store.manifest(span.releaseId) };
  }

  /**
   * One file of a release as it was served: made by the code that makes the live release's
   * files, so its body and headers are the ones readers got (only that file is read, not the
   * release). `urlPath` as a request names it (/a/ finds /a/index.html); `headers`, the headers
   * the server added then (the live history's), else today's.
   */
  archivedFile(manifest: ReleaseManifest, urlPath: string, headers: string[] = this.extraHeaders): StaticFile | undefined {
    const candidates = [urlPath, `${urlPath}index.html`, `${urlPath}/index.html`];
    try {
      const decoded = decodeURIComponent(urlPath);
      candidates.push(decoded, `${decoded}index.html`, `${decoded}/index.html`);
    } catch {
      // Not percent-encoded properly: only the address as given.
    }
    const files = Object.fromEntries(
      candidates.flatMap((candidate) => (Object.hasOwn(manifest.files, candidate) ? [[candidate, manifest.files[candidate]!]] : [])),
    );
    return this.filesOf(files, undefined, headers).find(urlPath);
  }

  /** The files of a new release in memory: the previous release's unchanged ones are taken over. */
  private filesOf(
    files: ReleaseManifest['files'],
    previous?: StaticFiles,
    headers: string[] = this.extraHeaders,
    changed?: Iterable<string>,
  ): StaticFiles {
    const blobs: BlobSource = {
      read: (hash) => this.store.readBlob(hash),
      readEncoded: (hash, encoding) => this.store.readEncodedBlob(hash, encoding),
      describe: (hash) => this.store.describeBlob(hash),
    };
    return new StaticFiles(files, blobs, headers, previous, changed);
  }

  private remember(release: LoadedRelease): LoadedRelease {
    this.loaded.set(release.info.id, release);
    // Forget releases that can no longer come back (pruned or long replaced).
    for (const key of [...this.loaded.keys()].slice(0, Math.max(0, this.loaded.size - LOADED_KEPT))) this.loaded.delete(key);
    return release;
  }

  /** Makes a committed release live: the switch on disk, then for the very next request here. */
  private activate(release: LoadedRelease): void {
    this.remember(release);
    this.store.switchTo(release.info.id, 'publish', this.extraHeaders);
    this.liveId = this.seenId = this.switchedHere = release.info.id;
    this.liveCheckedAt = Date.now();
  }

  /**
   * The release live right now, or null before the first build. The link on disk is read again
   * at most every LIVE_RECHECK_MS, which is how a rollback from the command line arrives; a
   * switch by this process shows on the very next request. With `recheckEveryRequest` (site
   * servers sharing the releases folder) it is read every time: one readlink, a few µs, so that no
   * request that comes after another server's switch (and its purge of the front door) is
   * answered from the release before; the new release is loaded by the first request that sees
   * it (as a delta on the one served, see load()).
   */
  current({ recheck = false } = {}): LoadedRelease | null {
    const now = Date.now();
    if (recheck || this.recheckEveryRequest || now - this.liveCheckedAt > LIVE_RECHECK_MS) {
      this.liveId = this.store.currentId();
      this.liveCheckedAt = now;
      // The first sight (at start) is no switch; a switch to what this process made live is its own.
      if (this.liveId !== this.seenId) {
        const first = this.seenId === undefined;
        this.seenId = this.liveId;
        if (!first && this.liveId && this.liveId !== this.switchedHere) this.onSwitchElsewhere?.(this.liveId);
      }
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

  /**
   * The renderer of one code version, imported once and kept: it holds the content in memory
   * between renders. A failed import is not kept, so the next call tries again, under an address
   * of its own: Node keeps a module whose loading failed, and would answer the same failure.
   */
  renderer(codeVersion: string): Promise<SiteRenderer> {
    let pending = this.renderers.get(codeVersion);
    if (!pending) {
      const url = pathToFileURL(path.join(this.store.codeDir(codeVersion), 'server', 'entry.mjs'));
      const attempt = (this.failedImports.get(codeVersion) ?? 0) + 1;
      if (attempt > 1) url.searchParams.set('attempt', String(attempt));
      pending = (import(url.href) as Promise<RendererModule>).then((module) => {
        if (module.rendererApiVersion !== RENDERER_API_VERSION) {
          throw new Error(`The site's code ${codeVersion} speaks renderer API ${module.rendererApiVersion}, this server ${RENDERER_API_VERSION}.`);
        }
        return module.renderer;
      });
      pending.catch(() => {
        this.renderers.delete(codeVersion);
        this.failedImports.set(codeVersion, attempt);
      });
      this.renderers.set(codeVersion, pending);
    }
    return pending;
  }
}

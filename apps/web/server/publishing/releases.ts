import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { BuildKind, FingerprintEntries, LiveReleaseInfo } from '@malardalsradet/site-contract';
import type { SiteDeclaration } from '../../renderer-contract/index.ts';
import { ENCODINGS, type BlobDescription } from './staticFiles.ts';

/** How a release was made. */
export type ReleaseKind = BuildKind;
/** What a release records about itself (release.json); the status shows the live one's. */
export type ReleaseInfo = LiveReleaseInfo;

/** A rendered page in a release: its file, the document it shows, and what it read. */
export interface PageRecord {
  file: string;
  owner?: string;
  dependencies: string[];
  /** An old address's page: 301 (to `location`) or 410; the server answers its path with it. */
  status?: 301 | 410;
  location?: string;
}

/**
 * A release's files (URL path → content hash of its blob), pages (address → record), and what
 * its code declared of the site (the on-demand routes and the server's texts: the router's table
 * while the release is live; absent from releases written before the declaration existed).
 */
export interface ReleaseManifest {
  files: Record<string, string>;
  pages: Record<string, PageRecord>;
  site?: SiteDeclaration;
  /**
   * The content the renderer held when it rendered the release (part name → blob hash; the
   * renderer contract's contentParts), so that a start reads it back from the live release
   * instead of the CMS. Absent from releases written before it was kept.
   */
  content?: Record<string, string>;
}

/**
 * One moment a release went live: by a publish, a rollback, or (`recovered`) found live at start
 * with no line for it, when a crash came between the switch and the line; `inferred` for releases
 * made before the history existed, taken to have gone live when they were built.
 */
export interface LiveHistoryEntry {
  releaseId: string;
  liveFrom: string;
  via: 'publish' | 'rollback' | 'recovered' | 'inferred';
  /**
   * The headers the server added to every file while this release was live (the security
   * headers, as a flat [name, value, …] list), so that the archive answers with them. A line
   * names them only when they changed; history() gives every span those of the lines before.
   * Unknown for releases from before the history (inferred).
   */
  headers?: string[];
}

/** A stretch of time one release was live: until the next went live (null while it still is). */
export interface LiveSpan extends LiveHistoryEntry {
  liveUntil: string | null;
}

/**
 * A release after a change, as what differs from the release it was made from (`base`): files
 * and pages added or changed, those removed, and the site declaration when it changed. `depth`:
 * how many deltas lead back to a whole manifest.
 */
interface ManifestDelta {
  base: string;
  depth: number;
  files: Record<string, string>;
  removedFiles: string[];
  pages: Record<string, PageRecord>;
  removedPages: string[];
  site?: SiteDeclaration;
  /** The content's parts added or changed, and those removed (absent when nothing changed, or none was kept). */
  content?: Record<string, string>;
  removedContent?: string[];
}

/** The files and pages a change added, changed or removed (URL paths, page addresses). */
export interface ManifestChange {
  files: Iterable<string>;
  pages: Iterable<string>;
}

/** Adds the content's parts that changed (a few hundred at most: compared whole, with or without `changed`). */
const withContentDelta = (delta: ManifestDelta, parent: ReleaseManifest, manifest: ReleaseManifest): ManifestDelta => {
  const content = manifest.content ?? {};
  const parentContent = parent.content ?? {};
  const changedContent = Object.entries(content).filter(([part, hash]) => parentContent[part] !== hash);
  const removedContent = Object.keys(parentContent).filter((part) => !Object.hasOwn(content, part));
  if (changedContent.length > 0) delta.content = Object.fromEntries(changedContent);
  if (removedContent.length > 0) delta.removedContent = removedContent;
  return delta;
};

/**
 * What differs from `parent` to `manifest`; with `changed`, only those entries are compared (a
 * publish touches a few of 20,000 pages, and every publish would walk them all).
 */
const deltaOf = (base: string, depth: number, parent: ReleaseManifest, manifest: ReleaseManifest, changed?: ManifestChange): ManifestDelta => {
  const delta: ManifestDelta = { base, depth, files: {}, removedFiles: [], pages: {}, removedPages: [] };
  if (changed) {
    for (const file of new Set(changed.files)) {
      if (!Object.hasOwn(manifest.files, file)) {
        if (Object.hasOwn(parent.files, file)) delta.removedFiles.push(file);
      } else if (parent.files[file] !== manifest.files[file]) delta.files[file] = manifest.files[file]!;
    }
    for (const page of new Set(changed.pages)) {
      const record = manifest.pages[page];
      const before = parent.pages[page];
      if (!record) {
        if (before) delta.removedPages.push(page);
      } else if (before !== record && JSON.stringify(before) !== JSON.stringify(record)) delta.pages[page] = record;
    }
    if (JSON.stringify(parent.site) !== JSON.stringify(manifest.site)) delta.site = manifest.site;
    return withContentDelta(delta, parent, manifest);
  }
  for (const [file, hash] of Object.entries(manifest.files)) if (parent.files[file] !== hash) delta.files[file] = hash;
  for (const file of Object.keys(parent.files)) if (!Object.hasOwn(manifest.files, file)) delta.removedFiles.push(file);
  for (const [page, record] of Object.entries(manifest.pages)) {
    const before = parent.pages[page];
    // The same object when unchanged; else compared by value, so that a page rendered again to the same record costs nothing.
    if (before !== record && JSON.stringify(before) !== JSON.stringify(record)) delta.pages[page] = record;
  }
  for (const page of Object.keys(parent.pages)) if (!Object.hasOwn(manifest.pages, page)) delta.removedPages.push(page);
  if (JSON.stringify(parent.site) !== JSON.stringify(manifest.site)) delta.site = manifest.site;
  return withContentDelta(delta, parent, manifest);
};

const MANIFEST = 'manifest.json';
const DELTA = 'delta.json';
/**
 * A whole manifest after this many deltas in a row, so that reading a release (at start, for a
 * rollback, for the archive) reads at most this many small files. Each whole manifest costs its
 * size (7.5 MB at 20,000 pages): every 50 it was most of the disk a publish used there
 * (apps/web/README.md, "Benchmarks"); full builds (every start, every code change) write one too.
 */
const FULL_MANIFEST_EVERY = 500;
const CURRENT = 'current';
const ROLLBACK = 'rollback.json';
/** The live history: one JSON line per switch, appended and flushed to disk, never rewritten. */
const HISTORY = 'history.jsonl';
const BUILDING_PREFIX = '.building-';
const BLOBS = 'blobs';
const CODE = 'code';
/** Entries of the releases folder that are not releases. */
const RESERVED = new Set([CURRENT, BLOBS, CODE, ROLLBACK, HISTORY]);

/**
 * Makes every page that read the same dependency key hold the same string: parsed from JSON (or
 * rendered), each page holds copies of its own, and most pages read the same lists and
 * documents (`plan:sv:*`, the organisation, …). `table`: the keys met so far, to share them
 * beyond one call (across a full build's pages).
 */
export const shareDependencyKeys = (pages: Iterable<PageRecord>, table = new Map<string, string>()): void => {
  for (const page of pages) {
    const { dependencies } = page;
    for (let index = 0; index < dependencies.length; index++) {
      const key = dependencies[index]!;
      const shared = table.get(key);
      if (shared === undefined) table.set(key, key);
      else dependencies[index] = shared;
    }
  }
};

/** The blobs a manifest (or a delta) names: its files' bodies and the content's parts. */
const blobsOf = (named: { files: Record<string, string>; content?: Record<string, string> }): string[] => [
  ...Object.values(named.files),
  ...Object.values(named.content ?? {}),
];

/** The content hash that names a blob. */
export const blobHash = (body: Uint8Array): string => createHash('sha256').update(body).digest('hex');

/** An error as one line: Node's code (EROFS, EACCES, …) first, since some messages leave it out. */
const errorText = (error: unknown) => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
};

/**
 * Releases on disk. A release is a manifest of its files (URL path → content hash) and pages
 * (with what each read), plus release.json; the file bodies are kept once each in blobs/, named
 * by their hash, with their brotli and gzip forms beside them. A new release after a change writes only the pages that change and a new
 * manifest: every unchanged file is shared with the releases before it, whatever the size of the
 * site (a hard link per file grew with the site; a manifest takes milliseconds). The site's code, built
 * once per code version, lives in code/<version>/. The symlink `current` names the live release;
 * switching is one rename of a new symlink over the old, which the file system does atomically.
 */
export class ReleaseStore {
  readonly dir: string;
  /** How many of the latest live releases keep their code build, so that a rollback can reach them (RELEASES_KEPT). */
  readonly kept: number;
  private readonly log: (message: string) => void;
  /**
   * The blobs the kept releases use, read from every manifest at the first garbage collection of
   * this process and added to with each commit: every release that went live is kept, so reading
   * them all again every 25 changes would grow with the history.
   */
  private usedBlobs: Set<string> | null = null;
  /** The releases whose blobs usedBlobs holds. */
  private readonly blobsCounted = new Set<string>();
  /** How many deltas in a row before a whole manifest again (FULL_MANIFEST_EVERY). */
  private readonly fullManifestEvery: number;
  /** The live history as last read, and the file's size then. */
  private historyRead: { size: number; spans: LiveSpan[] } | null = null;
  /** How many deltas each release lies from a whole manifest, as far as known. */
  private readonly depths = new Map<string, number>();

  /** The tidying at start (clearLeftovers, repairHistory), while it waits for the releases folder's lock. */
  private repairPending: boolean;

  /**
   * `readOnly`: for a reader beside a running server (the archive export), which must neither
   * clear what looks left over (a build the server is making) nor write the history.
   * `deferRepair`: the tidying at start waits for repair(), called holding the releases folder's
   * lock (ReleasesLock): another site server sharing the folder may be building right now, and
   * its build looks left over.
   */
  constructor(
    dir: string,
    kept: number,
    log: (message: string) => void = console.log,
    { readOnly = false, fullManifestEvery = FULL_MANIFEST_EVERY, deferRepair = false } = {},
  ) {
    this.dir = dir;
    this.kept = kept;
    this.log = log;
    this.fullManifestEvery = fullManifestEvery;
    this.repairPending = !readOnly;
    if (readOnly) return;
    try {
      mkdirSync(path.join(dir, BLOBS), { recursive: true });
      mkdirSync(path.join(dir, CODE), { recursive: true });
    } catch (error) {
      log(`Cannot prepare ${dir} (${errorText(error)}); serving what is there.`);
    }
    if (!deferRepair) this.repair();
  }

  /** The tidying at start, once: what a crash left half-done, and the live history's last line. */
  repair(): void {
    if (!this.repairPending) return;
    this.repairPending = false;
    this.clearLeftovers();
    this.repairHistory();
  }

  /**
   * Work that a crash left half-done is never live: builds, code builds, temporary links and
   * blobs. Start-up never fails for them: what cannot be removed (a read-only disk) is logged.
   */
  private clearLeftovers(): void {
    for (const folder of [this.dir, path.join(this.dir, CODE), path.join(this.dir, BLOBS)]) {
      let entries: string[];
      try {
        entries = readdirSync(folder);
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (!entry.startsWith(BUILDING_PREFIX) && !entry.startsWith(`.${CURRENT}-`) && !entry.endsWith('.tmp')) continue;
        try {
          rmSync(path.join(folder, entry), { recursive: true, force: true });
          this.log(`Removed ${entry}, left over from an interrupted build.`);
        } catch (error) {
          this.log(`Cannot remove ${path.join(folder, entry)}, left over from an interrupted build: ${errorText(error)}`);
        }
      }
    }
  }

  /** A new release id; ids sort by time. */
  newId(): string {
    return `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  }

  /**
   * Keeps a file body once, however many releases use it, with the coded forms `encode` makes
   * beside it (made only for a body not kept before); returns the body's hash.
   */
  writeBlob(body: Uint8Array, encode: (body: Uint8Array) => Partial<Record<string, Uint8Array>> = () => ({})): string {
    const hash = blobHash(body);
    const file = this.blobPath(hash);
    if (!existsSync(file)) {
      // The coded forms first: a body on disk promises they are there too.
      for (const [encoding, form] of Object.entries(encode(body))) {
        if (form) this.writeAtomically(`${file}.${encoding}`, form);
      }
      this.writeAtomically(file, body);
    }
    return hash;
  }

  private writeAtomically(file: string, body: Uint8Array): void {
    const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, body);
    renameSync(temporary, file);
  }

  readBlob(hash: string): Buffer {
    return readFileSync(this.blobPath(hash));
  }

  /** A body's coded form (`gzip`, `br`), if it has one. */
  readEncodedBlob(hash: string, encoding: string): Buffer | undefined {
    try {
      return readFileSync(`${this.blobPath(hash)}.${encoding}`);
    } catch {
      return undefined;
    }
  }

  /** When a body was first kept (unchanged files keep their date from release to release), and the sizes of its forms. */
  describeBlob(hash: string): BlobDescription {
    const { mtime, size } = statSync(this.blobPath(hash));
    const encoded: BlobDescription['encoded'] = {};
    for (const encoding of ENCODINGS) {
      const form = statSync(`${this.blobPath(hash)}.${encoding}`, { throwIfNoEntry: false });
      if (form) encoded[encoding] = form.size;
    }
    return { modifiedAt: mtime, size, encoded };
  }

  private blobPath(hash: string): string {
    return path.join(this.dir, BLOBS, hash);
  }

  /** Where the site's code of one version is built to. */
  codeDir(version: string): string {
    return path.join(this.dir, CODE, version);
  }

  /** A fresh folder to build code of one version in; rename it to codeDir(version) when done. */
  newCodeBuildDir(version: string): string {
    return path.join(this.dir, CODE, `${BUILDING_PREFIX}${version}-${randomBytes(3).toString('hex')}`);
  }

  /**
   * Writes a checked release (not yet live): into a temporary folder first, then renamed whole.
   * With `parent` (the live release it was made from), a release after a change is written as
   * what differs from it (delta.json), unless the chain of deltas behind it is already
   * FULL_MANIFEST_EVERY (500) long: every release that went live is kept, and a whole manifest per
   * publish would grow with the site (megabytes at 20,000 pages), where the difference is a few
   * entries. A page record left unchanged is the parent's own object (the publisher copies the
   * manifest it starts from), so the comparison is by reference.
   */
  commit(info: ReleaseInfo, manifest: ReleaseManifest, parent?: { id: string; manifest: ReleaseManifest; changed?: ManifestChange }): void {
    const building = path.join(this.dir, `${BUILDING_PREFIX}${info.id}`);
    mkdirSync(building);
    const depth = parent && info.kind === 'change' ? this.depthOf(parent.id) + 1 : 0;
    // The blobs this release names of its own (ownBlobs): a delta's, whose base is counted already, or the whole manifest's.
    let own: { files: Record<string, string>; content?: Record<string, string> } = manifest;
    if (parent && depth > 0 && depth < this.fullManifestEvery) {
      const delta = deltaOf(parent.id, depth, parent.manifest, manifest, parent.changed);
      writeFileSync(path.join(building, DELTA), JSON.stringify(delta));
      own = delta;
    } else {
      writeFileSync(path.join(building, MANIFEST), JSON.stringify(manifest));
    }
    writeFileSync(path.join(building, 'release.json'), `${JSON.stringify(info, null, 2)}\n`);
    renameSync(building, this.releaseDir(info.id));
    this.depths.set(info.id, depth < this.fullManifestEvery && parent && depth > 0 ? depth : 0);
    if (this.usedBlobs) {
      // Not every file of the manifest: 40,000 at 20,000 pages, on every publish.
      for (const hash of blobsOf(own)) this.usedBlobs.add(hash);
      this.blobsCounted.add(info.id);
    }
  }

  /** How many deltas lie between a release and a whole manifest (0: it has one). */
  private depthOf(id: string): number {
    let depth = this.depths.get(id);
    if (depth === undefined) {
      depth = existsSync(path.join(this.releaseDir(id), MANIFEST)) ? 0 : (this.readDelta(id)?.depth ?? this.fullManifestEvery);
      this.depths.set(id, depth);
    }
    return depth;
  }

  private readDelta(id: string): ManifestDelta | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.releaseDir(id), DELTA), 'utf8')) as ManifestDelta;
    } catch {
      return undefined;
    }
  }

  releaseDir(id: string): string {
    return path.join(this.dir, id);
  }

  /**
   * A release's whole manifest: its own, or the whole one its deltas lead back to, with them
   * applied in order. `known`: a release whose manifest is in memory already (the one a site
   * server serves): when the deltas lead back to it, they are applied to a copy of it, so that a
   * server taking another's release after a change reads one small file, not a whole manifest
   * (megabytes at 20,000 pages) and up to FULL_MANIFEST_EVERY deltas. Its page records are
   * shared, not copied: nobody changes a record, a change makes a new one.
   */
  manifest(id: string, known?: { id: string; manifest: ReleaseManifest }): ReleaseManifest {
    const deltas: ManifestDelta[] = [];
    let at = id;
    let manifest: ReleaseManifest | undefined;
    for (;;) {
      if (at === known?.id) {
        manifest = {
          files: { ...known.manifest.files },
          pages: { ...known.manifest.pages },
          ...(known.manifest.site ? { site: known.manifest.site } : {}),
          ...(known.manifest.content ? { content: { ...known.manifest.content } } : {}),
        };
        break;
      }
      const file = path.join(this.releaseDir(at), MANIFEST);
      if (existsSync(file)) break;
      const delta = this.readDelta(at);
      if (!delta) throw new Error(`Release ${at} has neither ${MANIFEST} nor ${DELTA} (in ${this.dir})`);
      deltas.push(delta);
      at = delta.base;
    }
    manifest ??= JSON.parse(readFileSync(path.join(this.releaseDir(at), MANIFEST), 'utf8')) as ReleaseManifest;
    for (const delta of deltas.reverse()) {
      for (const file of delta.removedFiles) delete manifest.files[file];
      for (const page of delta.removedPages) delete manifest.pages[page];
      Object.assign(manifest.files, delta.files);
      Object.assign(manifest.pages, delta.pages);
      if (delta.site) manifest.site = delta.site;
      if (delta.content || delta.removedContent) {
        manifest.content ??= {};
        for (const part of delta.removedContent ?? []) delete manifest.content[part];
        Object.assign(manifest.content, delta.content);
      }
    }
    shareDependencyKeys(Object.values(manifest.pages));
    return manifest;
  }

  /** The blobs a release's own manifest or delta names (not those it shares through its base). */
  private ownBlobs(id: string): string[] {
    try {
      return blobsOf(JSON.parse(readFileSync(path.join(this.releaseDir(id), MANIFEST), 'utf8')) as ReleaseManifest);
    } catch {
      const delta = this.readDelta(id);
      return delta ? blobsOf(delta) : [];
    }
  }

  /**
   * Makes a release live, atomically, and records the moment in the live history. The line is
   * written after the switch: a crash between the two leaves a live release without its line,
   * which start-up adds (repairHistory, with the time of the switch on disk); the other order
   * would record a release that was never live.
   */
  switchTo(id: string, via: 'publish' | 'rollback' = 'publish', headers?: string[]): void {
    if (!existsSync(path.join(this.releaseDir(id), 'release.json'))) throw new Error(`No release ${id} in ${this.dir}`);
    const temporary = path.join(this.dir, `.${CURRENT}-${randomBytes(4).toString('hex')}`);
    symlinkSync(id, temporary);
    const liveFrom = new Date().toISOString();
    renameSync(temporary, path.join(this.dir, CURRENT));
    // Headers only when they differ from the last line's (a rollback from the command line, which does not know them, keeps those).
    const last = this.history().at(-1)?.headers;
    const changed = headers && JSON.stringify(headers) !== JSON.stringify(last);
    this.appendHistory({ releaseId: id, liveFrom, via, ...(changed ? { headers } : {}) });
  }

  private historyFile(): string {
    return path.join(this.dir, HISTORY);
  }

  /** Appends one line and flushes it to disk before returning: the history is what the archive answers from. */
  private appendHistory(entry: LiveHistoryEntry): void {
    const fd = openSync(this.historyFile(), 'a');
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * At start: cuts a line a crash left half-written, writes the history of a releases folder
   * made before it existed (each release live from when it was built, marked `inferred`), and
   * adds the live release when a crash came between its switch and its line. Logged, never fatal
   * (a read-only disk still serves).
   */
  private repairHistory(): void {
    try {
      const file = this.historyFile();
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8');
        const end = text.lastIndexOf('\n') + 1;
        if (end < text.length) {
          const fd = openSync(file, 'r+');
          try {
            ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
            fsyncSync(fd);
          } finally {
            closeSync(fd);
          }
          this.log(`Cut a half-written line from the end of ${file} (a crash while it was written).`);
        }
      } else {
        const current = this.currentId();
        const releases = this.list();
        const upTo = releases.findIndex((release) => release.id === current);
        for (const release of releases.slice(0, upTo + 1)) this.appendHistory({ releaseId: release.id, liveFrom: release.builtAt, via: 'inferred' });
      }
      const current = this.currentId();
      if (current && this.history().at(-1)?.releaseId !== current) {
        const liveFrom = lstatSync(path.join(this.dir, CURRENT)).mtime.toISOString();
        this.appendHistory({ releaseId: current, liveFrom, via: 'recovered' });
        this.log(`Recorded ${current} as live since ${liveFrom} in the live history (the line was missing: a crash just after the switch).`);
      }
    } catch (error) {
      this.log(`Cannot bring the live history in ${this.dir} up to date: ${errorText(error)}`);
    }
  }

  /** Every moment a release went live, oldest first, with when it was replaced. */
  history(): LiveSpan[] {
    let text: string;
    let size: number;
    try {
      // Read again only when it grew (it is only ever appended to): every publish asks, and it grows by a line per switch.
      size = statSync(this.historyFile()).size;
      if (this.historyRead?.size === size) return this.historyRead.spans;
      text = readFileSync(this.historyFile(), 'utf8');
    } catch {
      return [];
    }
    const entries = text.split('\n').flatMap((line) => {
      if (!line) return [];
      try {
        return [JSON.parse(line) as LiveHistoryEntry];
      } catch {
        return [];
      }
    });
    // A line names its headers only when they changed (most are the same for years): each span has them filled in.
    let headers: string[] | undefined;
    const spans = entries.map((entry, index) => {
      if (entry.headers) headers = entry.headers;
      return { ...entry, ...(headers ? { headers } : {}), liveUntil: entries[index + 1]?.liveFrom ?? null };
    });
    this.historyRead = { size, spans };
    return spans;
  }

  /** The release that was live at a moment, or undefined before the first. */
  liveAt(moment: Date): LiveSpan | undefined {
    const time = moment.getTime();
    return this.history().findLast((span) => Date.parse(span.liveFrom) <= time);
  }

  /** The `current` link's path, joined once: site servers sharing the folder read it for every request. */
  private currentLink: string | undefined;

  /** The live release's id, read from disk each time (a rollback from the CLI shows at once). */
  currentId(): string | null {
    try {
      return readlinkSync((this.currentLink ??= path.join(this.dir, CURRENT)));
    } catch {
      return null;
    }
  }

  /** Every committed release, oldest first. */
  list(): ReleaseInfo[] {
    return readdirSync(this.dir)
      .filter((entry) => !entry.startsWith('.') && !RESERVED.has(entry))
      .flatMap((entry) => {
        try {
          return [JSON.parse(readFileSync(path.join(this.dir, entry, 'release.json'), 'utf8')) as ReleaseInfo];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Writes the CMS's fingerprint into a release made without it: a per-change render switches
   * before the CMS has answered it (publisher.ts). Replaced whole, atomically: a crash leaves the
   * file with or without it, and without it reconciliation makes a full build.
   */
  recordFingerprint(id: string, fingerprint: string, fingerprintEntries?: FingerprintEntries): void {
    const info = this.info(id);
    if (!info) return;
    const recorded = { ...info, fingerprint, ...(fingerprintEntries ? { fingerprintEntries } : {}) };
    this.writeAtomically(path.join(this.releaseDir(id), 'release.json'), Buffer.from(`${JSON.stringify(recorded, null, 2)}\n`));
  }

  info(id: string): ReleaseInfo | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.releaseDir(id), 'release.json'), 'utf8')) as ReleaseInfo;
    } catch {
      return undefined;
    }
  }

  /**
   * Deletes the releases that were never live (a crash or a failed switch between writing and
   * switching), but not the live one nor the newest (which may be about to go live). A release
   * that was ever live is never deleted: it is the site as it was (see history()). Returns the
   * ids deleted; see also collectGarbage.
   */
  prune(): string[] {
    const current = this.currentId();
    const everLive = new Set(this.history().map((span) => span.releaseId));
    // The folder's names alone (ids sort by time): this runs after every publish, and reads nothing more unless there is something to prune.
    const releases = readdirSync(this.dir)
      .filter((entry) => !entry.startsWith('.') && !RESERVED.has(entry))
      .sort();
    const newest = releases.at(-1);
    const candidates = releases.filter((id) => id !== current && id !== newest && !everLive.has(id));
    if (candidates.length === 0) return [];
    // A release that a kept one is written as a delta of stays (only a switch's failure could make one).
    const bases = new Set(releases.flatMap((id) => this.readDelta(id)?.base ?? []));
    const neverLive = candidates.filter((id) => !bases.has(id) && existsSync(path.join(this.releaseDir(id), 'release.json')));
    for (const id of neverLive) rmSync(this.releaseDir(id), { recursive: true, force: true });
    return neverLive;
  }

  /**
   * The code versions to keep: those of the live release and of the last `kept` releases that
   * were live, which a rollback can reach. Older releases keep their pages (the archive serves
   * them as files) but not the code that rendered them.
   */
  private codeVersionsKept(): Set<string> {
    const ids = [
      this.currentId(),
      ...this.history()
        .map((span) => span.releaseId)
        .reverse(),
    ].filter((id): id is string => id !== null);
    const recent = [...new Set(ids)].slice(0, this.kept);
    return new Set(recent.flatMap((id) => this.info(id)?.codeVersion ?? []));
  }

  /**
   * Deletes the blobs that no kept release uses (left by failed builds and pruned releases) and
   * the code builds no recent release uses (codeVersionsKept). A scan of every blob: not after
   * every change.
   */
  collectGarbage(): void {
    this.usedBlobs ??= new Set<string>();
    // Each release counted once (one manifest at a time: only the set of hashes is held): at the
    // first collection every one, after that those committed since, by this process or by
    // another site server sharing the folder, whose blobs this process never saw written.
    const releases = readdirSync(this.dir).filter((entry) => !entry.startsWith('.') && !RESERVED.has(entry));
    for (const id of releases) {
      if (this.blobsCounted.has(id) || !existsSync(path.join(this.releaseDir(id), 'release.json'))) continue;
      for (const hash of this.ownBlobs(id)) this.usedBlobs.add(hash);
      this.blobsCounted.add(id);
    }
    for (const blob of readdirSync(path.join(this.dir, BLOBS))) {
      // A body is named by its hash; its coded forms add `.gzip`, `.br`.
      const body = blob.split('.')[0] ?? blob;
      if (!blob.endsWith('.tmp') && !this.usedBlobs.has(body)) rmSync(this.blobPath(blob), { force: true });
    }
    const usedCode = this.codeVersionsKept();
    for (const version of readdirSync(path.join(this.dir, CODE))) {
      if (!version.startsWith('.') && !usedCode.has(version)) rmSync(this.codeDir(version), { recursive: true, force: true });
    }
  }

  /**
   * Makes the release live before the live one live again (of those that were live); returns
   * it. Only a release whose code build is still kept (the last RELEASES_KEPT): its search and
   * feedback form are rendered by that code.
   */
  rollback(): ReleaseInfo {
    const current = this.currentId();
    const everLive = new Set(this.history().map((span) => span.releaseId));
    const releases = this.list().filter((release) => everLive.has(release.id) || release.id === current);
    const index = releases.findIndex((release) => release.id === current);
    const previous = index > 0 ? releases[index - 1] : undefined;
    if (!previous) throw new Error(`There is no release before ${current ?? '(none)'} to roll back to.`);
    if (!existsSync(this.codeDir(previous.codeVersion))) {
      throw new Error(
        `The release before ${current ?? '(none)'}, ${previous.id}, no longer has its code build (only the last RELEASES_KEPT releases keep theirs); it stays in the archive.`,
      );
    }
    this.switchTo(previous.id, 'rollback');
    writeFileSync(path.join(this.dir, ROLLBACK), JSON.stringify({ from: current, to: previous.id }));
    return previous;
  }

  /** The last rollback (from which release to which), while it is the live release. */
  rolledBack(): { from: string; to: string } | null {
    try {
      const rollback = JSON.parse(readFileSync(path.join(this.dir, ROLLBACK), 'utf8')) as { from: string; to: string };
      return rollback.to === this.currentId() ? rollback : null;
    } catch {
      return null;
    }
  }
}

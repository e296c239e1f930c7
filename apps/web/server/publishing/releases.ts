import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildKind, LiveReleaseInfo } from '@malardalsradet/site-contract';
import type { SiteDeclaration } from '../../renderer-contract/index.ts';

/** How a release was made. */
export type ReleaseKind = BuildKind;
/** What a release records about itself (release.json); the status shows the live one's. */
export type ReleaseInfo = LiveReleaseInfo;

/** A rendered page in a release: its file, the document it shows, and what it read. */
export interface PageRecord {
  file: string;
  owner?: string;
  dependencies: string[];
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
}

const CURRENT = 'current';
const ROLLBACK = 'rollback.json';
const BUILDING_PREFIX = '.building-';
const BLOBS = 'blobs';
const CODE = 'code';

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
  readonly kept: number;
  private readonly log: (message: string) => void;

  constructor(dir: string, kept: number, log: (message: string) => void = console.log) {
    this.dir = dir;
    this.kept = kept;
    this.log = log;
    try {
      mkdirSync(path.join(dir, BLOBS), { recursive: true });
      mkdirSync(path.join(dir, CODE), { recursive: true });
    } catch (error) {
      log(`Cannot prepare ${dir} (${errorText(error)}); serving what is there.`);
    }
    this.clearLeftovers();
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

  /** When a body was first kept: unchanged files keep their date from release to release. */
  blobModifiedAt(hash: string): Date {
    return statSync(this.blobPath(hash)).mtime;
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

  /** Writes a checked release (not yet live): into a temporary folder first, then renamed whole. */
  commit(info: ReleaseInfo, manifest: ReleaseManifest): void {
    const building = path.join(this.dir, `${BUILDING_PREFIX}${info.id}`);
    mkdirSync(building);
    writeFileSync(path.join(building, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(path.join(building, 'release.json'), `${JSON.stringify(info, null, 2)}\n`);
    renameSync(building, this.releaseDir(info.id));
  }

  releaseDir(id: string): string {
    return path.join(this.dir, id);
  }

  manifest(id: string): ReleaseManifest {
    return JSON.parse(readFileSync(path.join(this.releaseDir(id), 'manifest.json'), 'utf8')) as ReleaseManifest;
  }

  /** Makes a release live, atomically. */
  switchTo(id: string): void {
    if (!existsSync(path.join(this.releaseDir(id), 'release.json'))) throw new Error(`No release ${id} in ${this.dir}`);
    const temporary = path.join(this.dir, `.${CURRENT}-${randomBytes(4).toString('hex')}`);
    symlinkSync(id, temporary);
    renameSync(temporary, path.join(this.dir, CURRENT));
  }

  /** The live release's id, read from disk each time (a rollback from the CLI shows at once). */
  currentId(): string | null {
    try {
      return readlinkSync(path.join(this.dir, CURRENT));
    } catch {
      return null;
    }
  }

  /** Every committed release, oldest first. */
  list(): ReleaseInfo[] {
    return readdirSync(this.dir)
      .filter((entry) => !entry.startsWith('.') && ![CURRENT, BLOBS, CODE].includes(entry))
      .flatMap((entry) => {
        try {
          return [JSON.parse(readFileSync(path.join(this.dir, entry, 'release.json'), 'utf8')) as ReleaseInfo];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  info(id: string): ReleaseInfo | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.releaseDir(id), 'release.json'), 'utf8')) as ReleaseInfo;
    } catch {
      return undefined;
    }
  }

  /** Deletes the oldest releases beyond the number kept, never the live one; see also collectGarbage. */
  prune(): string[] {
    const current = this.currentId();
    const removable = this.list()
      .map((release) => release.id)
      .filter((id) => id !== current);
    const excess = removable.slice(0, Math.max(0, removable.length - (this.kept - 1)));
    for (const id of excess) rmSync(this.releaseDir(id), { recursive: true, force: true });
    return excess;
  }

  /** Deletes the blobs and code builds that no kept release uses (a scan of every blob: not after every change). */
  collectGarbage(): void {
    const kept = this.list();
    const usedBlobs = new Set(kept.flatMap((release) => Object.values(this.manifest(release.id).files)));
    for (const blob of readdirSync(path.join(this.dir, BLOBS))) {
      // A body is named by its hash; its coded forms add `.gzip`, `.br`.
      const body = blob.split('.')[0] ?? blob;
      if (!blob.endsWith('.tmp') && !usedBlobs.has(body)) rmSync(this.blobPath(blob), { force: true });
    }
    const usedCode = new Set(kept.map((release) => release.codeVersion));
    for (const version of readdirSync(path.join(this.dir, CODE))) {
      if (!version.startsWith('.') && !usedCode.has(version)) rmSync(this.codeDir(version), { recursive: true, force: true });
    }
  }

  /** Makes the release before the live one live again; returns it. */
  rollback(): ReleaseInfo {
    const releases = this.list();
    const current = this.currentId();
    const index = releases.findIndex((release) => release.id === current);
    const previous = index > 0 ? releases[index - 1] : undefined;
    if (!previous) throw new Error(`There is no release before ${current ?? '(none)'} to roll back to.`);
    this.switchTo(previous.id);
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

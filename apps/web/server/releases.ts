import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync, readlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** What a release records about itself (release.json). */
export interface ReleaseInfo {
  id: string;
  builtAt: string;
  /** The CMS content fingerprint and the site's code version the release was built from. */
  fingerprint: string;
}

const CURRENT = 'current';
const BUILDING_PREFIX = '.building-';

/**
 * Releases on disk: releases/<id>/ each hold one complete build (client/, server/,
 * release.json), and the symlink releases/current names the live one. Switching is one rename
 * of a new symlink over the old, which the file system does atomically.
 */
export class ReleaseStore {
  readonly dir: string;
  readonly kept: number;

  constructor(dir: string, kept: number) {
    this.dir = dir;
    this.kept = kept;
    mkdirSync(dir, { recursive: true });
    // Builds that a crash left half-done are never live; clear them.
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith(BUILDING_PREFIX)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }

  /** A fresh folder for a build, and the id its release will get. Ids sort by time. */
  newBuild(): { id: string; buildDir: string } {
    const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
    return { id, buildDir: path.join(this.dir, `${BUILDING_PREFIX}${id}`) };
  }

  /** Turns a finished, checked build into a release (not yet live). */
  commit(buildDir: string, info: ReleaseInfo): string {
    writeFileSync(path.join(buildDir, 'release.json'), `${JSON.stringify(info, null, 2)}\n`);
    const releaseDir = this.releaseDir(info.id);
    renameSync(buildDir, releaseDir);
    return releaseDir;
  }

  releaseDir(id: string): string {
    return path.join(this.dir, id);
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
      .filter((entry) => !entry.startsWith('.') && entry !== CURRENT)
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
    return this.list().find((release) => release.id === id);
  }

  /** Deletes the oldest releases beyond the number kept; never the live one. */
  prune(): string[] {
    const current = this.currentId();
    const removable = this.list()
      .map((release) => release.id)
      .filter((id) => id !== current);
    const excess = removable.slice(0, Math.max(0, removable.length - (this.kept - 1)));
    for (const id of excess) rmSync(this.releaseDir(id), { recursive: true, force: true });
    return excess;
  }

  /** Makes the release before the live one live again; returns it. */
  rollback(): ReleaseInfo {
    const releases = this.list();
    const current = this.currentId();
    const index = releases.findIndex((release) => release.id === current);
    const previous = index > 0 ? releases[index - 1] : undefined;
    if (!previous) throw new Error(`There is no release before ${current ?? '(none)'} to roll back to.`);
    this.switchTo(previous.id);
    return previous;
  }
}

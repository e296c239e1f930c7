import type { LoadedRelease } from '../publishing/liveRelease.ts';
import type { ReleaseManifest } from '../publishing/releases.ts';
import type { StaticFile } from '../publishing/staticFiles.ts';

/** An old address of a release: its status, where a 301 leads, and the page's file. */
interface FormerAddressRecord {
  status: 301 | 410;
  location?: string;
  file: string;
}

/** A release's old addresses by path (as recorded, and percent-decoded). */
export type FormerAddressTable = ReadonlyMap<string, FormerAddressRecord>;

const decoded = (path: string): string | undefined => {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
};

/** The old addresses a release answers (its pages recorded with 301 or 410: src/data/documentPages.ts). */
export const formerAddressTableOf = (manifest: ReleaseManifest): FormerAddressTable => {
  const table = new Map<string, FormerAddressRecord>();
  for (const [path, page] of Object.entries(manifest.pages)) {
    if (page.status !== 301 && page.status !== 410) continue;
    const record = { status: page.status, file: page.file, ...(page.location === undefined ? {} : { location: page.location }) };
    table.set(path, record);
    const plain = decoded(path);
    if (plain !== undefined && !table.has(plain)) table.set(plain, record);
  }
  return table;
};

/**
 * What a request's path answers when it is an old address of the live release: with or without
 * its trailing slash, percent-encoded or not, as the release's files are found.
 */
export const formerAddressAnswer = (
  table: FormerAddressTable,
  release: LoadedRelease,
  pathname: string,
): { status: 301 | 410; location?: string; file: StaticFile } | undefined => {
  if (table.size === 0) return undefined;
  const plain = decoded(pathname);
  const candidates = [pathname, plain].flatMap((path) => (path === undefined ? [] : path.endsWith('/') ? [path] : [path, `${path}/`]));
  for (const candidate of candidates) {
    const record = table.get(candidate);
    const file = record && release.files.files.get(record.file);
    if (record && file) return { status: record.status, file, ...(record.location === undefined ? {} : { location: record.location }) };
  }
  return undefined;
};

import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FORMER_ADDRESSES_API_PATH, type FormerAddressesAnswer, type Locale } from '@malardalsradet/site-contract';
import type { ContentPart } from '../../renderer-contract';
import { cmsGetJson } from './client';
import { sha256 } from './contentSnapshot';
import { noteRead, type DependencyKey } from './dependencies';

/**
 * The addresses the site once had and no longer has, as the CMS answers them (apps/cms,
 * src/addresses/): each old path moved to a new one (301) or gone (410, with the page's title).
 * Kept with the content, read again with every change of a document (a publish, unpublish or
 * delete is what moves them), and rendered into each release like its pages, so that a release
 * and its answers for old addresses always go live (and are rolled back) together.
 */
export interface FormerPage {
  path: string;
  locale: Locale;
  /** The address it leads to now, or null: gone. */
  to: string | null;
  title: string;
}

let kept: Map<string, FormerPage> | undefined;
let loading: Promise<Map<string, FormerPage>> | undefined;
/** Counts every change to what is kept (the list of pages is made again only then: sitePages). */
let keptVersion = 0;
/** What is kept as a part to store with a release (see formerAddressesPart), until it changes. */
let part: { hash: string; body: Uint8Array } | undefined;

/** The dependency key of one old address: its page is rendered again when its answer changes. */
export const formerAddressKey = (path: string): DependencyKey => `address:${path}`;

const fetchFormerPages = async (): Promise<Map<string, FormerPage>> => {
  const answer = await cmsGetJson<FormerAddressesAnswer>(FORMER_ADDRESSES_API_PATH);
  return new Map(answer.data.map(({ path, locale, to, title }) => [path, { path, locale, to, title }]));
};

const same = (a: FormerPage | undefined, b: FormerPage | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** Reads every old address again; returns the keys of those whose answer changed (appeared, moved on, went). */
export const refreshFormerAddresses = async (): Promise<DependencyKey[]> => {
  const before = kept ?? new Map<string, FormerPage>();
  const now = await fetchFormerPages();
  const changed = new Set<string>();
  for (const path of new Set([...before.keys(), ...now.keys()])) if (!same(before.get(path), now.get(path))) changed.add(formerAddressKey(path));
  if (changed.size > 0 || !kept) {
    kept = now;
    part = undefined;
    keptVersion += 1;
  }
  return [...changed].sort();
};

/** Reads them for a full build. */
export const loadFormerAddresses = async (): Promise<void> => {
  kept = await fetchFormerPages();
  part = undefined;
  keptVersion += 1;
};

/** A number that changes whenever the old addresses kept change. */
export const formerAddressesVersion = (): number => keptVersion;

/** Whether the old addresses are kept yet (nothing is read only to answer this). */
export const formerAddressesLoaded = (): boolean => kept !== undefined;

/** The name of the part the old addresses are kept in with a release. */
export const FORMER_ADDRESSES_PART = 'former-addresses';

/** What is kept, as one part of the content a release stores (renderer-contract: contentParts); none before a load. */
export const formerAddressesPart = (): ContentPart | undefined => {
  if (!kept) return undefined;
  if (!part) {
    const body = gzipSync(JSON.stringify([...kept.values()]));
    part = { hash: sha256(body), body };
  }
  const { hash, body } = part;
  return { name: FORMER_ADDRESSES_PART, hash, body: () => body };
};

/** Replaces what is kept with a part formerAddressesPart gave (read back from a release). */
export const restoreFormerAddresses = (body: Uint8Array): void => {
  const pages = JSON.parse(gunzipSync(body).toString('utf8')) as FormerPage[];
  if (!Array.isArray(pages)) throw new Error(`The content part ${FORMER_ADDRESSES_PART} is not one this code keeps.`);
  kept = new Map(pages.map(({ path, locale, to, title }) => [path, { path, locale, to, title }]));
  part = { hash: sha256(body), body };
  keptVersion += 1;
};

const ensureLoaded = async (): Promise<Map<string, FormerPage>> => {
  if (kept) return kept;
  loading ??= fetchFormerPages().finally(() => {
    loading = undefined;
  });
  kept = await loading;
  keptVersion += 1;
  return kept;
};

/** Every old address, read without making anything depend on it (the list of pages). */
export const formerPages = async (): Promise<FormerPage[]> => [...(await ensureLoaded()).values()];

/** What an old address answers now, if it is one; the page rendered there depends on it. */
export const formerPageAt = async (path: string): Promise<FormerPage | undefined> => {
  noteRead(formerAddressKey(path));
  const all = await ensureLoaded();
  return all.get(path) ?? all.get(path.endsWith('/') ? path : `${path}/`);
};

/** A hash of what is kept: part of the content's hash, so that a full build sees a change here too. */
export const formerAddressesHash = async (): Promise<string> => {
  const all = await ensureLoaded();
  const hash = createHash('sha256');
  for (const path of [...all.keys()].sort()) hash.update(`${JSON.stringify(all.get(path))}\n`);
  return hash.digest('hex').slice(0, 16);
};

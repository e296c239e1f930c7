import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  AccessibilityStatementPreviewDocument,
  GoalPreviewDocument,
  GoalsDocument,
  OrganisationPreviewDocument,
  PlanPreviewDocument,
  PlansDocument,
  PriorityAreaPreviewDocument,
  PriorityAreasDocument,
  ReportPreviewDocument,
  ReportsDocument,
  type AccessibilityStatementFragment,
  type GoalFragment,
  type OrganisationFragment,
  type PlanFragment,
  type PriorityAreaFragment,
  type ReportFragment,
} from '@malardalsradet/types';
import type { ContentPart } from '../../renderer-contract';
import { LOCALES, type Locale } from '../i18n/locales';
import { calendarDate } from '../lib/dates';
import { timeSlices } from '../lib/timeSlices';
import { cmsRequest, fetchAllPages } from './client';
import { withCurrentImage, withCurrentImages } from './currentImages';
import { documentKey, listKey, noteRead, type DependencyKey } from './dependencies';
import { bucketOf, partCountFor, sitemapAddressKey, sitemapPartsKey, SITEMAP_TYPES, type SitemapType } from './sitemapParts';

/** Every published document the site shows, by Strapi model name. */
export interface ContentTypes {
  organisation: OrganisationFragment;
  'accessibility-statement': AccessibilityStatementFragment;
  goal: GoalFragment;
  plan: PlanFragment;
  report: ReportFragment;
  'priority-area': PriorityAreaFragment;
}
export type ContentType = keyof ContentTypes;

/** How one type is read from the CMS and kept in order. */
interface ContentSource<Doc> {
  /** Every published document in one language. */
  loadAll(locale: Locale): Promise<Doc[]>;
  /** One document's published version in one language, or null when it has none. */
  loadOne(documentId: string, locale: Locale): Promise<Doc | null>;
  /** The order the site lists them in; ties are broken by documentId, so the order is total. */
  compare(a: Doc, b: Doc): number;
  /** The part of a page's address that names the document (its year or slug), if it has a page. */
  addressOf?(doc: Doc): string;
}

const PUBLISHED = 'PUBLISHED' as const;
const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
const byYearDescending = (a: { year: number }, b: { year: number }) => b.year - a.year;
/**
 * A single type has one document, whatever documentId a change names: only the documentId it
 * has is read back. Read under any other id it would be kept twice (under both ids), and shown
 * and found in search twice, after a forged or stale event naming the type with another id.
 */
const single = <Doc extends { documentId: string }>(load: (locale: Locale) => Promise<Doc | null>): ContentSource<Doc> => ({
  loadAll: async (locale) => {
    const doc = await load(locale);
    return doc ? [doc] : [];
  },
  loadOne: async (documentId, locale) => {
    const doc = await load(locale);
    return doc?.documentId === documentId ? doc : null;
  },
  compare: () => 0,
});

/** A source whose documents' images carry their files' current alt texts (./currentImages.ts). */
const withImages = <Doc>(source: ContentSource<Doc>): ContentSource<Doc> => ({
  ...source,
  loadAll: async (locale) => withCurrentImages(await source.loadAll(locale), locale),
  loadOne: async (documentId, locale) => withCurrentImage(await source.loadOne(documentId, locale), locale),
});

const SOURCES: { [Type in ContentType]: ContentSource<ContentTypes[Type]> } = {
  organisation: withImages(single(async (locale) => (await cmsRequest(OrganisationPreviewDocument, { locale, status: PUBLISHED })).organisation)),
  'accessibility-statement': withImages(
    single(async (locale) => (await cmsRequest(AccessibilityStatementPreviewDocument, { locale, status: PUBLISHED })).accessibilityStatement),
  ),
  goal: withImages<GoalFragment>({
    loadAll: (locale) => fetchAllPages(GoalsDocument, { locale }, (result) => result.goals_connection),
    loadOne: async (documentId, locale) => (await cmsRequest(GoalPreviewDocument, { documentId, locale, status: PUBLISHED })).goal,
    compare: byOrder,
  }),
  plan: withImages<PlanFragment>({
    loadAll: (locale) => fetchAllPages(PlansDocument, { locale }, (result) => result.plans_connection),
    loadOne: async (documentId, locale) => (await cmsRequest(PlanPreviewDocument, { documentId, locale, status: PUBLISHED })).plan,
    compare: byYearDescending,
    addressOf: (plan) => String(plan.year),
  }),
  report: withImages<ReportFragment>({
    loadAll: (locale) => fetchAllPages(ReportsDocument, { locale }, (result) => result.reports_connection),
    loadOne: async (documentId, locale) => (await cmsRequest(ReportPreviewDocument, { documentId, locale, status: PUBLISHED })).report,
    compare: byYearDescending,
    addressOf: (report) => String(report.year),
  }),
  'priority-area': withImages<PriorityAreaFragment>({
    loadAll: (locale) => fetchAllPages(PriorityAreasDocument, { locale }, (result) => result.priorityAreas_connection),
    loadOne: async (documentId, locale) => (await cmsRequest(PriorityAreaPreviewDocument, { documentId, locale, status: PUBLISHED })).priorityArea,
    compare: byOrder,
    addressOf: (area) => area.slug,
  }),
};

export const CONTENT_TYPES = Object.keys(SOURCES) as ContentType[];

/** Whether a Strapi model name is one the site shows. */
export const isContentType = (model: string): model is ContentType => Object.hasOwn(SOURCES, model);

interface Kept<Doc> {
  doc: Doc;
  /** A hash of the published data: equal hashes, nothing to render. */
  hash: string;
}

/** One type in one language: its documents, and the views of them made on first need. */
export class TypeSnapshot<Doc extends { documentId: string }> {
  readonly type: ContentType;
  readonly locale: Locale;
  readonly kept = new Map<string, Kept<Doc>>();
  /** An order-free sum over every document's hash, kept up to date by put(): contentHash() without a scan. */
  digest = 0n;
  /** The documents in list order, made on first need and then kept in order by put() (a publish does not sort 10,000 again). */
  private sorted: Doc[] | undefined;
  /** Address → the document whose page it is (the first in list order), made on first need and then kept by put(). */
  private byAddress: Map<string, Doc> | undefined;
  /** How many documents have each address: more than one share a page, and the list order decides whose it is. */
  private readonly addressCounts = new Map<string, number>();
  private readonly source: ContentSource<Doc>;
  /** The documentIds in each part (see contentParts), by the part's number. */
  private readonly partMembers = new Map<number, Set<string>>();
  /** Each part's hash as last made, until a document in it changes. */
  private readonly partHashes = new Map<number, string>();

  constructor(type: ContentType, locale: Locale, source: ContentSource<Doc>, docs: Doc[] = []) {
    this.type = type;
    this.locale = locale;
    this.source = source;
    for (const doc of docs) this.put(doc.documentId, doc, { journal: false });
  }

  /** Puts in (or, with null, takes out) one document; true when that changed anything. */
  put(documentId: string, doc: Doc | null, { journal = true } = {}): boolean {
    const before = this.kept.get(documentId);
    const hash = doc ? hashOf(doc) : undefined;
    if (before?.hash === hash) return false;
    if (before) this.digest = (this.digest - entryDigest(documentId, before.hash)) & DIGEST_MASK;
    const part = partOf(documentId);
    this.partHashes.delete(part);
    if (doc && hash) {
      this.kept.set(documentId, { doc, hash });
      this.digest = (this.digest + entryDigest(documentId, hash)) & DIGEST_MASK;
      let members = this.partMembers.get(part);
      if (!members) this.partMembers.set(part, (members = new Set()));
      members.add(documentId);
    } else {
      this.kept.delete(documentId);
      const members = this.partMembers.get(part);
      members?.delete(documentId);
      if (members?.size === 0) this.partMembers.delete(part);
    }
    this.follow(before?.doc, doc ?? undefined);
    version += 1;
    if (journal) record({ version, type: this.type, locale: this.locale, documentId });
    return true;
  }

  /** The list order: the source's, then documentId, so that it is total. */
  private readonly inOrder = (a: Doc, b: Doc): number => this.source.compare(a, b) || a.documentId.localeCompare(b.documentId);

  /**
   * Brings the list, the address map and the address counts from `before` to `after` (one
   * document's versions, either absent), and moves the listing's version when the pages the
   * site has may have changed: an address that appears, moves or goes, or one that several
   * documents share (their order decides whose page it is).
   */
  private follow(before: Doc | undefined, after: Doc | undefined): void {
    const addressOf = (doc: Doc) => this.source.addressOf?.(doc);
    const addressBefore = before && addressOf(before);
    const addressAfter = after && addressOf(after);
    if (addressBefore !== undefined) {
      const count = (this.addressCounts.get(addressBefore) ?? 1) - 1;
      if (count > 0) this.addressCounts.set(addressBefore, count);
      else this.addressCounts.delete(addressBefore);
    }
    if (addressAfter !== undefined) this.addressCounts.set(addressAfter, (this.addressCounts.get(addressAfter) ?? 0) + 1);
    if (addressBefore !== addressAfter || (addressAfter !== undefined && (this.addressCounts.get(addressAfter) ?? 0) > 1)) listingVersion += 1;

    if (this.sorted) {
      // A new array: a render may be walking the one it was given.
      const sorted = [...this.sorted];
      if (before) {
        const at = sorted.indexOf(before);
        if (at >= 0) sorted.splice(at, 1);
      }
      if (after) {
        let low = 0;
        let high = sorted.length;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (this.inOrder(sorted[middle]!, after) < 0) low = middle + 1;
          else high = middle;
        }
        sorted.splice(low, 0, after);
      }
      this.sorted = sorted;
    }
    if (this.byAddress) {
      for (const address of new Set([addressBefore, addressAfter])) {
        if (address === undefined) continue;
        const count = this.addressCounts.get(address) ?? 0;
        if (count === 0) this.byAddress.delete(address);
        else if (count === 1 && address === addressAfter) this.byAddress.set(address, after!);
        else {
          // Shared, or left to another document: the first in list order has it.
          const first = this.list().find((doc) => addressOf(doc) === address);
          if (first) this.byAddress.set(address, first);
          else this.byAddress.delete(address);
        }
      }
    }
  }

  /**
   * This type's documents in this language as parts to keep with a release: each part's body
   * made again only when a document in it changed since the last call (else `body` makes it on
   * need, and the hash is the one kept).
   */
  parts(): ContentPart[] {
    const parts: ContentPart[] = [];
    for (const [part, members] of [...this.partMembers].sort(([a], [b]) => a - b)) {
      const name = `${this.type}/${this.locale}/${part}`;
      const make = () => {
        const docs = [...members].sort().map((documentId) => this.kept.get(documentId)!.doc);
        return gzipSync(JSON.stringify({ type: this.type, locale: this.locale, docs } satisfies StoredPart));
      };
      const hash = this.partHashes.get(part);
      if (hash) {
        parts.push({ name, hash, body: make });
      } else {
        const body = make();
        const made = sha256(body);
        this.partHashes.set(part, made);
        parts.push({ name, hash: made, body: () => body });
      }
    }
    return parts;
  }

  /** Takes the hash of a part read back whole (restoreContentParts): it is not made again until it changes. */
  adoptPart(part: number, hash: string): void {
    this.partHashes.set(part, hash);
  }

  list(): Doc[] {
    this.sorted ??= [...this.kept.values()].map(({ doc }) => doc).sort(this.inOrder);
    return this.sorted;
  }

  /** The document whose page has this address; the first in list order wins a tie. */
  at(address: string): Doc | undefined {
    const { source } = this;
    if (!source.addressOf) return undefined;
    if (!this.byAddress) {
      this.byAddress = new Map();
      for (const doc of this.list()) {
        const key = source.addressOf(doc);
        if (!this.byAddress.has(key)) this.byAddress.set(key, doc);
      }
    }
    return this.byAddress.get(address);
  }
}

/**
 * What the site keeps of a document: its `updatedAt` becomes the calendar date in Sweden, the
 * only part of it a page or feed shows. Strapi copies the draft's timestamp into the published
 * version, so a draft saved and then published with the text unchanged moves it: kept to the
 * day, that is no change (no release; per-change renders stay equal to a full build).
 */
const normalise = <Doc extends { documentId: string; updatedAt?: string | null }>(doc: Doc): Doc =>
  doc.updatedAt ? { ...doc, updatedAt: calendarDate(doc.updatedAt) } : doc;

const hashOf = (doc: unknown) => createHash('sha1').update(JSON.stringify(doc)).digest('base64url');

const DIGEST_MASK = (1n << 64n) - 1n;
const entryDigest = (documentId: string, hash: string) =>
  BigInt(`0x${createHash('sha1').update(`${documentId}:${hash}`).digest('hex').slice(0, 16)}`);

/**
 * How many parts one type's documents in one language are kept in, by a hash of their
 * documentId: a publish changes one part (about 40 documents at 20,000 pages, some ten kB
 * gzipped) and the release stores only that one, where a single part per type would store
 * megabytes per publish; a few hundred parts are still few files to read at start.
 */
const PARTS_PER_TYPE = 256;
const partOf = (documentId: string): number => createHash('sha1').update(documentId).digest().readUInt8(0) % PARTS_PER_TYPE;
export const sha256 = (body: Uint8Array): string => createHash('sha256').update(body).digest('hex');

/** A part's body, gzipped JSON: one type in one language, its documents in documentId order. */
interface StoredPart {
  type: ContentType;
  locale: Locale;
  docs: { documentId: string }[];
}

type TypeSnapshots = Map<string, TypeSnapshot<{ documentId: string }>>;
const snapshotKey = (type: ContentType, locale: Locale) => `${type}:${locale}`;

let shelves: TypeSnapshots | undefined;
let firstLoad: Promise<void> | undefined;
/** A read-back under way (restoreContentParts): what needs the content before it is kept waits for it, rather than reading the CMS. */
let restoring: Promise<void> | undefined;
/** Counts every change to what is kept, so that what is derived from it (the search index) knows when to catch up. */
let version = 0;
/**
 * Counts every change to what is kept that may change which pages the site has: a document's
 * address that appears, moves or goes, or one several documents share (see TypeSnapshot.follow).
 * A publish of a text moves it not: the list of 20,000 pages is not made again (sitePages).
 */
let listingVersion = 0;

/** One document of one language that changed (was put in, changed or taken out). */
export interface DocumentChange {
  version: number;
  type: ContentType;
  locale: Locale;
  documentId: string;
}

/**
 * The changes since the last full load, oldest first, so that what is derived from the content
 * can follow a publish by looking at what it changed instead of at every document (at 10,000
 * pages a walk over all of them cost a tenth of a second per publish). Bounded: a follower that
 * falls further behind than that starts over.
 */
const JOURNAL_LIMIT = 10_000;
let journal: DocumentChange[] = [];
/** Changes at or before this version are not in the journal (a full load, or trimmed). */
let journalFrom = 0;

const record = (change: DocumentChange) => {
  journal.push(change);
  if (journal.length > JOURNAL_LIMIT) {
    const dropped = journal.splice(0, journal.length - JOURNAL_LIMIT / 2);
    journalFrom = dropped[dropped.length - 1]?.version ?? journalFrom;
  }
};

/** What changed after a version returned by contentVersion(): the documents, or 'everything' when the journal cannot tell. */
export const changesSince = (since: number): DocumentChange[] | 'everything' =>
  since < journalFrom ? 'everything' : journal.filter((change) => change.version > since);

/**
 * Reads everything the site shows from the CMS, every type in every language, and replaces what
 * was kept. The full build starts with this; per-change renders then patch it document by
 * document (refreshDocuments).
 */
export const loadContent = async (): Promise<void> => {
  const loaded = await Promise.all(
    CONTENT_TYPES.flatMap((type) =>
      LOCALES.map(async (locale) => {
        const source = SOURCES[type] as ContentSource<{ documentId: string }>;
        return [snapshotKey(type, locale), new TypeSnapshot(type, locale, source, (await source.loadAll(locale)).map(normalise))] as const;
      }),
    ),
  );
  install(new Map(loaded));
};

/** Replaces everything kept: the journal starts over, so what follows the content (search) looks at all of it. */
const install = (loaded: TypeSnapshots) => {
  shelves = loaded;
  version += 1;
  listingVersion += 1;
  journal = [];
  journalFrom = version;
};

/** Whether anything is kept yet (nothing is loaded only to answer this). */
export const contentLoaded = (): boolean => shelves !== undefined;

/** What is kept, in parts to store with a release (see ContentPart); none before a load. */
export const contentParts = (): ContentPart[] => [...(shelves?.values() ?? [])].flatMap((shelf) => shelf.parts());

/**
 * Replaces what is kept with parts contentParts gave (read back from a release: nothing is read
 * from the CMS), in slices that let the server answer in between; what is kept changes at once
 * at the end. Rejects, keeping what was kept, when a part is not one this code writes.
 */
export const restoreContentParts = (names: string[], read: (name: string) => Uint8Array): Promise<void> => {
  const restore = restoreFrom(names, read);
  restoring = restore;
  return restore.finally(() => {
    if (restoring === restore) restoring = undefined;
  });
};

const restoreFrom = async (names: string[], read: (name: string) => Uint8Array): Promise<void> => {
  const loaded: TypeSnapshots = new Map(
    CONTENT_TYPES.flatMap((type) =>
      LOCALES.map(
        (locale) => [snapshotKey(type, locale), new TypeSnapshot(type, locale, SOURCES[type] as ContentSource<{ documentId: string }>)] as const,
      ),
    ),
  );
  // About a second at 20,000 pages, on the thread that serves the live release (at a start, and
  // after each switch another site server made): in slices.
  const letGo = timeSlices();
  for (const name of names) {
    const body = read(name);
    const stored = JSON.parse(gunzipSync(body).toString('utf8')) as StoredPart;
    const shelf = loaded.get(snapshotKey(stored.type, stored.locale));
    const part = Number(name.slice(name.lastIndexOf('/') + 1));
    if (!shelf || name !== `${stored.type}/${stored.locale}/${part}` || !Array.isArray(stored.docs)) {
      throw new Error(`The content part ${name} is not one this code keeps.`);
    }
    for (const doc of stored.docs) {
      if (partOf(doc.documentId) !== part) throw new Error(`The content part ${name} holds ${doc.documentId}, which belongs to another.`);
      shelf.put(doc.documentId, doc, { journal: false });
    }
    // The part as read holds exactly the documents now kept in it: the next release names the same blob.
    shelf.adoptPart(part, sha256(body));
    await letGo();
  }
  install(loaded);
};

/** A number that changes whenever anything kept changes. */
export const contentVersion = (): number => version;

/** A number that changes whenever what is kept may change which pages the site has (not with every publish of a text). */
export const pageListingVersion = (): number => listingVersion;

/** Loads the content once if nothing has (`astro dev`, a preview before the first build). */
const ensureContent = (): TypeSnapshots | Promise<TypeSnapshots> => {
  if (shelves) return shelves;
  if (restoring) return restoring.then(ensureContent, ensureContent);
  firstLoad ??= loadContent().finally(() => {
    firstLoad = undefined;
  });
  return firstLoad.then(() => shelves!);
};

const typeSnapshot = async <Type extends ContentType>(type: Type, locale: Locale): Promise<TypeSnapshot<ContentTypes[Type]>> => {
  const all = await ensureContent();
  return all.get(snapshotKey(type, locale)) as unknown as TypeSnapshot<ContentTypes[Type]>;
};

/** A document the CMS says has changed: its model name and documentId. */
export interface DocumentRef {
  type: ContentType;
  documentId: string;
}

/**
 * Reads the given documents again, in every language, and keeps the new published versions.
 * Returns the keys whose data really changed (none for a draft save or an unchanged re-publish):
 * the document in each language that changed, and its type's list in that language.
 */
export const refreshDocuments = async (refs: DocumentRef[]): Promise<DependencyKey[]> => {
  const all = await ensureContent();
  const unique = new Map(refs.map((ref) => [`${ref.type}:${ref.documentId}`, ref]));
  const fetched = await Promise.all(
    [...unique.values()].flatMap((ref) =>
      LOCALES.map(async (locale) => {
        const doc = await SOURCES[ref.type].loadOne(ref.documentId, locale);
        return { ref, locale, doc: doc && normalise(doc) };
      }),
    ),
  );
  const changed = new Set<DependencyKey>();
  const partsBefore = new Map(SITEMAP_TYPES.map((type) => [type, partCountOf(all, type)]));
  for (const { ref, locale, doc } of fetched) {
    const target = all.get(snapshotKey(ref.type, locale));
    const before = target?.kept.get(ref.documentId)?.doc;
    if (target?.put(ref.documentId, doc)) {
      changed.add(documentKey(ref.type, locale, ref.documentId));
      changed.add(listKey(ref.type, locale));
      // The sitemap shows addresses only: its part is rendered again when one appears, moves or goes.
      const source = SOURCES[ref.type] as ContentSource<unknown>;
      const addressed = (version: unknown) => (version ? source.addressOf?.(version) : undefined);
      if (source.addressOf && addressed(before) !== addressed(doc)) {
        changed.add(sitemapAddressKey(ref.type as SitemapType, bucketOf(ref.documentId)));
      }
    }
  }
  for (const type of SITEMAP_TYPES) if (partCountOf(all, type) !== partsBefore.get(type)) changed.add(sitemapPartsKey(type));
  return [...changed].sort();
};

/** How many sitemap parts a type has (./sitemapParts.ts), from its language versions kept. */
const partCountOf = (all: TypeSnapshots, type: SitemapType): number =>
  partCountFor(LOCALES.reduce((sum, locale) => sum + (all.get(snapshotKey(type, locale))?.kept.size ?? 0), 0));

/** How many sitemap parts a type has; the index and the parts depend on it. */
export const sitemapPartCount = async (type: SitemapType): Promise<number> => {
  noteRead(sitemapPartsKey(type));
  return partCountOf(await ensureContent(), type);
};

/** A documentId in a document's JSON (its own, its relations', its files'); the webhook lets only plain ids through. */
const FILE_REFERENCE = /"documentId":"([a-z0-9]+)"/g;

/**
 * The documents whose data mentions any of the given uploaded files (by documentId), to read
 * again after the files changed. One pass over the content, whatever the number of files: a
 * burst of media events must not scan everything once per file (2,000 scans stalled the server).
 */
export const documentsUsingFiles = async (fileDocumentIds: Iterable<string>): Promise<DocumentRef[]> => {
  const all = await ensureContent();
  const wanted = new Set(fileDocumentIds);
  if (wanted.size === 0) return [];
  const refs = new Map<string, DocumentRef>();
  for (const type of CONTENT_TYPES) {
    for (const locale of LOCALES) {
      for (const [documentId, { doc }] of all.get(snapshotKey(type, locale))?.kept ?? []) {
        if (refs.has(`${type}:${documentId}`)) continue;
        for (const match of JSON.stringify(doc).matchAll(FILE_REFERENCE)) {
          if (wanted.has(match[1] ?? '')) {
            refs.set(`${type}:${documentId}`, { type, documentId });
            break;
          }
        }
      }
    }
  }
  return [...refs.values()];
};

/** A hash of everything kept: equal hashes (and equal code) mean a full build would change nothing. */
export const contentHash = async (): Promise<string> => {
  const all = await ensureContent();
  const hash = createHash('sha256');
  for (const name of [...all.keys()].sort()) hash.update(`${name}:${all.get(name)?.digest}\n`);
  return hash.digest('hex').slice(0, 16);
};

/** Every published document of a type in one language, in list order; the page depends on the list. */
export const documentsOf = async <Type extends ContentType>(type: Type, locale: Locale): Promise<ContentTypes[Type][]> => {
  noteRead(listKey(type, locale));
  return (await typeSnapshot(type, locale)).list();
};

/** One document in one language, if published there; the page depends on it (published or not). */
export const documentOf = async <Type extends ContentType>(
  type: Type,
  locale: Locale,
  documentId: string,
): Promise<ContentTypes[Type] | undefined> => {
  noteRead(documentKey(type, locale, documentId));
  return (await typeSnapshot(type, locale)).kept.get(documentId)?.doc;
};

/** The document whose page has this address (a year, a slug) in one language; the page depends on it. */
export const documentAt = async <Type extends ContentType>(type: Type, locale: Locale, address: string): Promise<ContentTypes[Type] | undefined> => {
  const doc = (await typeSnapshot(type, locale)).at(address);
  if (doc) noteRead(documentKey(type, locale, doc.documentId));
  return doc;
};

/** The types whose documents have pages of their own. */
export type PagedType = 'plan' | 'report' | 'priority-area';

/** The part of a document's page address that names it (its year or slug). */
export const addressOf = <Type extends PagedType>(type: Type, doc: ContentTypes[Type]): string =>
  (SOURCES[type].addressOf as (doc: ContentTypes[Type]) => string)(doc);

/** The documents that have pages, in list order, read without making anything depend on them. */
export const pagedDocuments = async <Type extends PagedType>(type: Type, locale: Locale): Promise<ContentTypes[Type][]> =>
  (await typeSnapshot(type, locale)).list();

/**
 * Every document of a type in one language with the hash of its data, read without making
 * anything depend on it: for what is derived from the whole content and kept up to date by
 * comparing hashes (the search index).
 */
export const keptDocuments = async <Type extends ContentType>(
  type: Type,
  locale: Locale,
): Promise<ReadonlyMap<string, { doc: ContentTypes[Type]; hash: string }>> => (await typeSnapshot(type, locale)).kept;

import { createHash } from 'node:crypto';
import type { DependencyKey } from './dependencies';

/**
 * The sitemap is an index (/sitemap.xml) of parts (sitemaps.org's protocol), so that a publish
 * renders again only the part whose addresses changed, not one file of 40,000 addresses:
 * - /sitemap-pages.xml: the pages every site has (start page, lists), which no content moves;
 * - /sitemap-<type>-<n>.xml: a type's documents with pages (plans, reports, priority areas).
 *
 * A document's part is fixed by its documentId alone (a hash, in one of SUB_BUCKETS buckets; a
 * type with P parts puts bucket b in part b mod P), never by its place in a list: a document
 * added or removed changes its own part only, where chunks of a sorted list would shift every
 * part after it. P is the smallest power of two that keeps a part at PART_VERSIONS language
 * versions or fewer on average (each has its own <url>; the protocol allows 50,000 per file); P
 * changes only when a type doubles or halves, and then every part of that type is rendered again
 * (they all depend on sitemapPartsKey).
 */
export const SITEMAP_TYPES = ['plan', 'report', 'priority-area'] as const;
export type SitemapType = (typeof SITEMAP_TYPES)[number];

/** How many buckets a documentId hashes to: the most parts a type can have. */
const SUB_BUCKETS = 1024;
/** The language versions a part holds on average, at most (until a type has SUB_BUCKETS parts). */
export const PART_VERSIONS = 2000;

/** The address of the fixed part. */
export const SITEMAP_PAGES_PART = '/sitemap-pages.xml';

/** The address of a type's part (1-based, as people count). */
export const sitemapPartPath = (type: SitemapType, part: number): string => `/sitemap-${type}-${part + 1}.xml`;

/** Which part an address names, if it names one: `pages`, or a type and its 0-based part. */
export const sitemapPartOf = (name: string): 'pages' | { type: SitemapType; part: number } | undefined => {
  if (name === 'pages') return 'pages';
  for (const type of SITEMAP_TYPES) {
    const match = new RegExp(`^${type}-([1-9]\\d*)$`).exec(name);
    if (match) return { type, part: Number(match[1]) - 1 };
  }
  return undefined;
};

/** How many parts a type has, from how many language versions of it are published. */
export const partCountFor = (versions: number): number => {
  let parts = 1;
  while (parts < SUB_BUCKETS && versions > parts * PART_VERSIONS) parts *= 2;
  return parts;
};

const buckets = new Map<string, number>();

/** The bucket of a documentId (kept: each part's render asks for every document of its type). */
export const bucketOf = (documentId: string): number => {
  let bucket = buckets.get(documentId);
  if (bucket === undefined) {
    bucket = createHash('sha1').update(documentId).digest().readUInt32BE(0) % SUB_BUCKETS;
    buckets.set(documentId, bucket);
  }
  return bucket;
};

/** Changes when a document of the bucket gets, changes or loses an address (in any language). */
export const sitemapAddressKey = (type: SitemapType, bucket: number): DependencyKey => `sitemap:${type}:${bucket}`;

/** Changes when a type's number of parts changes: its parts and the index depend on it. */
export const sitemapPartsKey = (type: SitemapType): DependencyKey => `sitemap:${type}:parts`;

/** The buckets of one part of P. */
export const bucketsOfPart = (part: number, parts: number): number[] => {
  const found: number[] = [];
  for (let bucket = part; bucket < SUB_BUCKETS; bucket += parts) found.push(bucket);
  return found;
};

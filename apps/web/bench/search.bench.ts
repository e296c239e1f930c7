// `pnpm bench:search`: the site search's query time (p50, p99) and index size, for (a) the seeded
// site and (b) the seeded site plus synthetic priority areas up to 10,000 pages per language.
// It runs the search engine itself (src/search/engine.ts), in this process, on documents made
// from the organisation's seed text (@malardalsradet/seed-content, which the CMS seeds); the
// synthetic pages are sentences of that text, recombined, so that words and their frequencies are
// the site's own. Prints figures; asserts nothing.
//   node bench/search.bench.ts [queries per size] [page counts]
import { LOCALES, type Locale } from '@malardalsradet/site-contract';
import * as seedContent from '@malardalsradet/seed-content';
import { blocksText, createSearchIndex, excerptOf, searchIndex, type SearchDocument, type SearchIndex } from '../src/search/engine.ts';
import { median, percentile } from './stats.ts';

const QUERIES = Math.max(100, Number(process.argv[2] ?? 2000));
const PAGE_COUNTS = (process.argv[3] ?? '0,10000').split(',').map(Number);

const seed: Record<string, unknown> = { ...seedContent };

/** Every string in a seed object, as the page shows them: its text. */
const textOf = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('type' in record && 'children' in record) return blocksText(record);
    return Object.values(record).map(textOf).join(' ');
  }
  return '';
};

const localized = (value: unknown, locale: Locale): unknown =>
  value && typeof value === 'object' && locale in value ? (value as Record<Locale, unknown>)[locale] : value;

/** The first of these that is a string (the seed's titles are strings or per-language strings). */
const firstString = (...values: unknown[]): string => values.find((value): value is string => typeof value === 'string')!;

/** The seeded pages of one language: the start page, goals, plans with their areas, reports, accessibility. */
const seededDocuments = (locale: Locale): SearchDocument[] => {
  const docs: SearchDocument[] = [];
  const add = (id: string, kind: string, title: string, text: string, year?: number) => docs.push({ id, path: `/${id}/`, kind, title, text, year });
  const organisation = localized(seed.organisation, locale) as { name: string };
  add('home', 'Startsida', organisation.name, textOf(organisation));
  add('goals', 'Inriktningsmål', 'Inriktningsmål', textOf((seed.goals as unknown[]).map((goal) => localized(goal, locale))));
  for (const [type, kind] of [
    ['reports', 'Verksamhetsberättelse'],
    ['plans', 'Verksamhetsplan'],
  ] as const) {
    for (const item of seed[type] as Record<string, unknown>[]) {
      const year = Number(item.year);
      const content = localized(item, locale) as Record<string, unknown>;
      const title = firstString(localized(item.title, locale), content.title, `${kind} ${year}`);
      add(`${type}-${year}`, kind, title, textOf(content), year);
      for (const [index, area] of ((item.priorityAreas as unknown[] | undefined) ?? []).entries()) {
        const areaContent = localized(area, locale) as Record<string, unknown>;
        add(
          `area-${year}-${index}`,
          'Prioriterat område',
          firstString(localized((area as Record<string, unknown>).title, locale), areaContent.title, ''),
          textOf(areaContent),
          year,
        );
      }
    }
  }
  const statement = localized(seed.accessibilityStatement, locale) as Record<string, unknown>;
  add('tillganglighet', 'Tillgänglighetsredogörelse', firstString(statement.title, ''), textOf(statement));
  return docs.filter((doc) => doc.text.trim() !== '');
};

/** A pseudo-random generator with a fixed seed: the same synthetic site on every run. */
const random = (() => {
  let state = 0x2f6b1d3;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
})();
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;

const syntheticDocuments = (locale: Locale, count: number, from: SearchDocument[]): SearchDocument[] => {
  const sentences = from.flatMap((doc) => doc.text.split(/(?<=[.!?])\s+/)).filter((sentence) => sentence.split(' ').length > 4);
  const words = sentences.flatMap((sentence) => sentence.split(/\s+/)).filter((word) => /^[\p{L}]{5,}$/u.test(word));
  return Array.from({ length: count }, (_, index) => ({
    id: `synthetic-${index}`,
    path: `/prioriterade-omraden/syntetiskt-${index}/`,
    kind: locale === 'sv' ? 'Prioriterat område' : 'Priority area',
    title: `${pick(words)} ${pick(words)} ${index}`,
    year: 2000 + (index % 30),
    text: Array.from({ length: 6 }, () => pick(sentences)).join(' '),
  }));
};

/** Queries as readers type them: single words, word forms, no diacritics, two words, misses. */
const queriesFor = (docs: SearchDocument[]): string[] => {
  const words = docs
    .flatMap((doc) => `${doc.title} ${doc.text}`.split(/\s+/))
    .map((word) => word.replace(/[^\p{L}]/gu, ''))
    .filter((word) => word.length >= 4);
  const strip = (word: string) => word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const kinds = [
    () => pick(words),
    () => `${pick(words)}en`,
    () => strip(pick(words)),
    () => `${pick(words)} ${pick(words)}`,
    () => `${pick(words).slice(0, 4)}`,
    () => 'xyzzyplugh',
  ];
  return Array.from({ length: QUERIES }, () => pick(kinds)());
};

/** A search as the site does it: the hits, then each hit's excerpt from its text (kept outside the index, as the site's content snapshot keeps it). */
const search = (index: SearchIndex, texts: ReadonlyMap<string, string>, query: string): number => {
  const { total, hits } = searchIndex(index, query);
  for (const hit of hits) excerptOf(index, query, texts.get(hit.id) ?? '');
  return total;
};

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

console.log(`Search benchmark: ${QUERIES} queries per size and language (Node ${process.version})`);
console.log('pages | lang | build | index size | p50 | p99 | max | mean hits');
for (const extra of PAGE_COUNTS) {
  for (const locale of LOCALES) {
    const seeded = seededDocuments(locale);
    const docs = extra > 0 ? [...seeded, ...syntheticDocuments(locale, extra - seeded.length, seeded)] : seeded;
    const started = performance.now();
    const index = createSearchIndex(locale, docs);
    const buildMs = performance.now() - started;
    // The SQLite database the index is, in memory: pages in use times their size.
    const pragma = (name: string) => Number(Object.values(index.database.prepare(`PRAGMA ${name}`).get() ?? {})[0]);
    const size = pragma('page_count') * pragma('page_size');
    const queries = queriesFor(docs);
    const texts = new Map(docs.map((doc) => [doc.id, doc.text]));
    // Warm up the JIT and the tokenizer's cache as a running server has.
    for (const query of queries.slice(0, 50)) search(index, texts, query);
    const times: number[] = [];
    let hits = 0;
    for (const query of queries) {
      const start = performance.now();
      hits += search(index, texts, query);
      times.push(performance.now() - start);
    }
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    console.log(
      `${docs.length} | ${locale} | ${buildMs.toFixed(0)} ms | ${kilobytes(size)} | ${ms(median(times))} | ${ms(percentile(times, 99))} | ${ms(Math.max(...times))} | ${(hits / queries.length).toFixed(1)}`,
    );
  }
}

// The site's full-text search: one in-memory MiniSearch index per language, with Snowball
// stemming (Swedish or English, from @orama/stemmers) and diacritics folded, so that
// "kompetensförsörjningen" and "kompetensforsorjning" both find "Strategisk kompetensförsörjning".
// MiniSearch does the indexing and ranking (BM25+); what is ours is the page model, the excerpt
// and its marked words. (Orama, tried first, took 45 ms a query on 10,000 pages where MiniSearch
// takes 7: bench/search.bench.ts.)
// Self-contained on purpose (npm imports only): the search benchmark runs it directly in Node.
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as swedishStemmer } from '@orama/stemmers/swedish';
import MiniSearch from 'minisearch';

/** One page as search knows it. */
export interface SearchDocument {
  /** Stable per page: the document's type and id, or the page's route for pages without one. */
  id: string;
  path: string;
  /** What it is, for the reader: "Verksamhetsberättelse", "Priority area", … */
  kind: string;
  title: string;
  year?: number;
  /** Everything else the page says, as plain text (summary, body, document link texts). */
  text: string;
}

/** A run of an excerpt; `marked` runs matched the query. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

export interface SearchHit {
  path: string;
  kind: string;
  title: ExcerptPart[];
  year?: number;
  excerpt: ExcerptPart[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

type Locale = 'sv' | 'en';

export interface SearchIndex {
  locale: Locale;
  engine: MiniSearch<SearchDocument>;
  /** The documents as given, for results and excerpts. */
  documents: Map<string, SearchDocument>;
  /** A word as the index keeps it: lower case, stemmed, without diacritics; null for none. */
  term: (word: string) => string | null;
}

const STEMMER: Record<Locale, (word: string) => string> = { sv: swedishStemmer, en: englishStemmer };

/** The longest query searched, in characters; longer ones are refused before any work. */
export const MAX_QUERY_LENGTH = 100;
/** At most this many words of a query are searched. */
export const MAX_QUERY_WORDS = 8;
const EXCERPT_WORDS = 30;

// Words are runs of letters and digits (MiniSearch's own rule: split at spaces and punctuation).
const SEPARATOR = /[\n\r\p{Z}\p{P}\p{S}]+/u;

const termFor = (locale: Locale) => {
  const stem = STEMMER[locale];
  const cache = new Map<string, string | null>();
  return (word: string): string | null => {
    let term = cache.get(word);
    if (term === undefined) {
      const stemmed = stem(word.toLowerCase())
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '');
      term = stemmed === '' ? null : stemmed;
      // Bounded: the words of the site and of recent queries.
      if (cache.size > 200_000) cache.clear();
      cache.set(word, term);
    }
    return term;
  };
};

export const createSearchIndex = (locale: Locale, documents: SearchDocument[] = []): SearchIndex => {
  const term = termFor(locale);
  const engine = new MiniSearch<SearchDocument>({
    // The kind is shown with each hit, not searched: every plan would match "plan" by it.
    fields: ['title', 'text'],
    tokenize: (text) => text.split(SEPARATOR),
    processTerm: (word) => term(word),
    searchOptions: {
      // Every word must be found: a reader narrowing a search with a second word expects fewer hits.
      combineWith: 'AND',
      // A query word matches the words it begins: a Snowball stem is a prefix of its other forms,
      // and some forms stem shorter than the word itself ("bredbandet" → "bredb", "bredband").
      // Not for one or two letters, which begin a large part of all words.
      prefix: (term) => term.length >= 3,
      boost: { title: 3 },
    },
  });
  const index: SearchIndex = { locale, engine, documents: new Map(), term };
  upsertDocuments(index, documents);
  return index;
};

/** Adds documents, replacing any with the same id. */
export const upsertDocuments = (index: SearchIndex, documents: SearchDocument[]): void => {
  removeDocuments(index, documents.map((document) => document.id));
  index.engine.addAll(documents);
  for (const document of documents) index.documents.set(document.id, document);
};

export const removeDocuments = (index: SearchIndex, ids: string[]): void => {
  for (const id of ids) {
    if (!index.documents.has(id)) continue;
    index.engine.discard(id);
    index.documents.delete(id);
  }
};

/** The query as shown: whitespace collapsed. */
export const normalizeQuery = (query: string): string => query.replace(/\s+/g, ' ').trim();

/**
 * The words searched: the query's words as the index splits them (at spaces and punctuation, so
 * "s.r.k" is three), at most MAX_QUERY_WORDS of them; each word costs a lookup, and a short one
 * many.
 */
export const queryWords = (query: string): string[] => query.split(SEPARATOR).filter(Boolean).slice(0, MAX_QUERY_WORDS);

/** The terms of a text, as the index sees them. */
const termsOf = (index: SearchIndex, text: string): string[] =>
  text.split(SEPARATOR).flatMap((word) => {
    const term = word === '' ? null : index.term(word);
    return term ? [term] : [];
  });

/** Whether a word matches the query as the index does: one of its terms is, or (from three letters) begins with, a query term. */
const matches = (index: SearchIndex, word: string, queryTerms: Set<string>): boolean =>
  termsOf(index, word).some((term) => [...queryTerms].some((queryTerm) => term === queryTerm || (queryTerm.length >= 3 && term.startsWith(queryTerm))));

/** Splits text into words and the spaces and punctuation between them, marking query words. */
const markWords = (index: SearchIndex, text: string, queryTerms: Set<string>): ExcerptPart[] => {
  const parts: ExcerptPart[] = [];
  for (const piece of text.split(/([\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*)/u)) {
    if (piece === '') continue;
    const marked = /[\p{L}\p{N}]/u.test(piece) && matches(index, piece, queryTerms);
    const last = parts[parts.length - 1];
    if (last && last.marked === marked) last.text += piece;
    else parts.push({ text: piece, marked });
  }
  return parts;
};

/** About EXCERPT_WORDS words of the text around its first matched word, marked. */
const excerptOf = (index: SearchIndex, text: string, queryTerms: Set<string>): ExcerptPart[] => {
  const words = text.split(/\s+/).filter(Boolean);
  const first = words.findIndex((word) => matches(index, word, queryTerms));
  const start = Math.max(0, (first === -1 ? 0 : first) - Math.floor(EXCERPT_WORDS / 3));
  const window = words.slice(start, start + EXCERPT_WORDS).join(' ');
  const parts = markWords(index, window, queryTerms);
  if (start > 0) parts.unshift({ text: '… ', marked: false });
  if (start + EXCERPT_WORDS < words.length) parts.push({ text: ' …', marked: false });
  return parts;
};

/**
 * The pages that contain every word of the query (in any of its forms), best first. The query
 * must already be within MAX_QUERY_LENGTH; an empty one finds nothing.
 */
export const searchIndex = (index: SearchIndex, query: string, limit = 20): SearchResult => {
  const words = queryWords(query);
  const queryTerms = new Set(termsOf(index, words.join(' ')));
  if (queryTerms.size === 0) return { total: 0, hits: [] };
  const results = index.engine.search(words.join(' '));
  const hits = results.slice(0, limit).flatMap(({ id }) => {
    const document = index.documents.get(id as string);
    if (!document) return [];
    return [
      {
        path: document.path,
        kind: document.kind,
        title: markWords(index, document.title, queryTerms),
        year: document.year,
        excerpt: excerptOf(index, document.text, queryTerms),
      },
    ];
  });
  return { total: results.length, hits };
};

/** The plain text of Strapi blocks (paragraphs, headings, lists, quotes, links) or of a plain text field, for the index. */
export const blocksText = (blocks: unknown): string => {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node === 'string') {
      out.push(` ${node} `);
      return;
    }
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as { text?: unknown; children?: unknown; type?: unknown; image?: { alternativeText?: unknown } };
    if (typeof record.text === 'string') out.push(record.text);
    if (record.type === 'image' && typeof record.image?.alternativeText === 'string') out.push(` ${record.image.alternativeText} `);
    if (record.children) visit(record.children);
    // Blocks end where words end.
    if (record.type && record.type !== 'text' && record.type !== 'link') out.push(' ');
  };
  visit(blocks);
  return out.join('').replace(/\s+/g, ' ').trim();
};

// The site's full-text search: one SQLite FTS5 index per language (Node's own node:sqlite, in
// memory), over words stemmed with Snowball (Swedish or English, from @orama/stemmers) and with
// diacritics folded, so that "kompetensförsörjningen" and "kompetensforsorjning" both find
// "Strategisk kompetensförsörjning". FTS5 does the indexing and ranking (BM25); what is ours is
// the page model, the words as the index keeps them, the excerpt and its marked words.
// The index keeps no page text: the excerpts of a result's few hits are made from the text the
// caller has anyway (the content snapshot), which halves the index.
// Why FTS5: its index lives in SQLite's own memory, compact, outside the JavaScript heap, where
// MiniSearch's Maps crowded the site server's heap and slowed publishing, and it answers faster
// than Orama did (the figures: apps/web/README.md, "Benchmarks").
// Self-contained on purpose (npm and Node imports only): the search benchmark runs it directly in Node.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as swedishStemmer } from '@orama/stemmers/swedish';
import type { Locale } from '@malardalsradet/site-contract';

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

/** A page found, as the index knows it: without its text (see excerptOf). */
export interface IndexHit {
  id: string;
  path: string;
  kind: string;
  title: ExcerptPart[];
  year?: number;
}

export interface SearchHit extends Omit<IndexHit, 'id'> {
  excerpt: ExcerptPart[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

export interface SearchIndex {
  locale: Locale;
  /** The documents as shown in results (not their text) and the FTS5 table of their words. */
  database: DatabaseSync;
  statements: {
    find: StatementSync;
    count: StatementSync;
    rowOf: StatementSync;
    insertDocument: StatementSync;
    insertWords: StatementSync;
    deleteDocument: StatementSync;
    deleteWords: StatementSync;
  };
  /** A word as the index keeps it: lower case, stemmed, without diacritics; null for none. */
  term: (word: string) => string | null;
}

const STEMMER = { sv: swedishStemmer, en: englishStemmer } satisfies Record<Locale, (word: string) => string>;

/** The longest query searched, in characters; longer ones are refused before any work. */
export const MAX_QUERY_LENGTH = 100;
/** At most this many words of a query are searched. */
export const MAX_QUERY_WORDS = 8;
const EXCERPT_WORDS = 30;

// Words are what lies between spaces, punctuation, symbols and control characters: runs of
// letters and digits. A control character inside a term would reach FTS5's query syntax, where a
// NUL ends the string early ("unterminated string"): none can be part of a word.
const SEPARATOR = /[\n\r\p{Z}\p{P}\p{S}\p{Cc}]+/u;

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
      if (cache.size > 50_000) cache.clear();
      cache.set(word, term);
    }
    return term;
  };
};

/** How much more a word in the title counts than one in the text (BM25 column weights). */
const TITLE_WEIGHT = 3;

export const createSearchIndex = (locale: Locale, documents: SearchDocument[] = []): SearchIndex => {
  const database = new DatabaseSync(':memory:');
  database.exec(`
    CREATE TABLE documents (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, year INTEGER);
    -- The words as the index keeps them (termsOf), one space apart: FTS5's own tokenizer only
    -- splits them again. Contentless: the words are not kept twice, only their index. The kind
    -- is shown with each hit, not searched: every plan would match "plan" by it. (A prefix index
    -- made the index a fifth larger and queries no faster: bench:search.)
    CREATE VIRTUAL TABLE words USING fts5(title, text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0');
  `);
  const index: SearchIndex = {
    locale,
    database,
    statements: {
      find: database.prepare(
        `SELECT documents.id, documents.path, documents.kind, documents.title, documents.year FROM words JOIN documents ON documents.rowid = words.rowid
         WHERE words MATCH ? ORDER BY bm25(words, ${TITLE_WEIGHT}, 1), documents.rowid LIMIT ?`,
      ),
      count: database.prepare('SELECT count(*) AS total FROM words WHERE words MATCH ?'),
      rowOf: database.prepare('SELECT rowid FROM documents WHERE id = ?'),
      insertDocument: database.prepare('INSERT INTO documents (id, path, kind, title, year) VALUES (?, ?, ?, ?, ?)'),
      insertWords: database.prepare('INSERT INTO words (rowid, title, text) VALUES (?, ?, ?)'),
      deleteDocument: database.prepare('DELETE FROM documents WHERE rowid = ?'),
      deleteWords: database.prepare('DELETE FROM words WHERE rowid = ?'),
    },
    term: termFor(locale),
  };
  upsertDocuments(index, documents);
  return index;
};

/** Runs `work` in one transaction: thousands of changes are one write, not thousands. */
const inTransaction = (index: SearchIndex, work: () => void): void => {
  index.database.exec('BEGIN');
  try {
    work();
    index.database.exec('COMMIT');
  } catch (error) {
    index.database.exec('ROLLBACK');
    throw error;
  }
};

const removeOne = (index: SearchIndex, id: string): void => {
  const row = index.statements.rowOf.get(id) as { rowid: number } | undefined;
  if (!row) return;
  index.statements.deleteWords.run(row.rowid);
  index.statements.deleteDocument.run(row.rowid);
};

/** Adds documents, replacing any with the same id. */
export const upsertDocuments = (index: SearchIndex, documents: SearchDocument[]): void => {
  if (documents.length === 0) return;
  inTransaction(index, () => {
    for (const document of documents) {
      removeOne(index, document.id);
      const { lastInsertRowid } = index.statements.insertDocument.run(
        document.id,
        document.path,
        document.kind,
        document.title,
        document.year ?? null,
      );
      index.statements.insertWords.run(lastInsertRowid, termsOf(index, document.title).join(' '), termsOf(index, document.text).join(' '));
    }
  });
};

export const removeDocuments = (index: SearchIndex, ids: string[]): void => {
  if (ids.length === 0) return;
  inTransaction(index, () => {
    for (const id of ids) removeOne(index, id);
  });
};

/** The query as shown: whitespace and control characters (which no page's text holds, nor valid HTML) collapsed to one space. */
export const normalizeQuery = (query: string): string => query.replace(/[\s\p{Cc}]+/gu, ' ').trim();

/**
 * The words searched: the query's words as the index splits them (at spaces and punctuation, so
 * "s.r.k" is three), at most MAX_QUERY_WORDS of them; each word costs a lookup, and a short one
 * many.
 */
export const queryWords = (query: string): string[] => query.split(SEPARATOR).filter(Boolean).slice(0, MAX_QUERY_WORDS);

/** The terms of a text, as the index keeps them. */
const termsOf = (index: SearchIndex, text: string): string[] =>
  text.split(SEPARATOR).flatMap((word) => {
    const term = word === '' ? null : index.term(word);
    return term ? [term] : [];
  });

/** Whether a word matches the query as the index does: one of its terms is, or (from three letters) begins with, a query term. */
const matches = (index: SearchIndex, word: string, queryTerms: Set<string>): boolean =>
  termsOf(index, word).some((term) =>
    [...queryTerms].some((queryTerm) => term === queryTerm || (queryTerm.length >= 3 && term.startsWith(queryTerm))),
  );

/** Splits text into words and the spaces and punctuation between them, marking query words. */
const markWords = (index: SearchIndex, text: string, queryTerms: Set<string>): ExcerptPart[] => {
  const parts: ExcerptPart[] = [];
  for (const piece of text.split(/([\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*)/u)) {
    if (piece === '') continue;
    const marked = /[\p{L}\p{N}]/u.test(piece) && matches(index, piece, queryTerms);
    const last = parts[parts.length - 1];
    if (last?.marked === marked) last.text += piece;
    else parts.push({ text: piece, marked });
  }
  return parts;
};

/** The terms a query looks for, as the index keeps them. */
const queryTermsOf = (index: SearchIndex, query: string): Set<string> => new Set(termsOf(index, queryWords(query).join(' ')));

/** About EXCERPT_WORDS words of a found page's text around its first word matching the query, marked. */
export const excerptOf = (index: SearchIndex, query: string, text: string): ExcerptPart[] => {
  const queryTerms = queryTermsOf(index, query);
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
 * The pages that contain every word of the query (in any of its forms), best first, with their
 * titles marked; their excerpts come from excerptOf. The query must already be within
 * MAX_QUERY_LENGTH; an empty one finds nothing.
 */
export const searchIndex = (index: SearchIndex, query: string, limit = 20): { total: number; hits: IndexHit[] } => {
  const queryTerms = queryTermsOf(index, query);
  if (queryTerms.size === 0) return { total: 0, hits: [] };
  // Every word must be found (FTS5 joins them with AND): a reader narrowing a search with a
  // second word expects fewer hits. A word matches the words it begins: a Snowball stem is a
  // prefix of its other forms, and some forms stem shorter than the word itself ("bredbandet" →
  // "bredb", "bredband"). Not for one or two letters, which begin a large part of all words.
  // Each term is quoted, so nothing in it is read as FTS5 query syntax.
  const match = [...queryTerms].map((term) => `"${term.replaceAll('"', '""')}"${term.length >= 3 ? '*' : ''}`).join(' ');
  const { total } = index.statements.count.get(match) as { total: number };
  if (total === 0) return { total: 0, hits: [] };
  const rows = index.statements.find.all(match, limit) as { id: string; path: string; kind: string; title: string; year: number | null }[];
  const hits = rows.map((row) => ({
    id: row.id,
    path: row.path,
    kind: row.kind,
    title: markWords(index, row.title, queryTerms),
    ...(row.year === null ? {} : { year: row.year }),
  }));
  return { total, hits };
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
    const record = node as { text?: unknown; children?: unknown; type?: unknown; image?: { currentAlt?: unknown } };
    if (typeof record.text === 'string') out.push(record.text);
    if (record.type === 'image' && typeof record.image?.currentAlt === 'string') out.push(` ${record.image.currentAlt} `);
    if (record.children) visit(record.children);
    // Blocks end where words end.
    if (record.type && record.type !== 'text' && record.type !== 'link') out.push(' ');
  };
  visit(blocks);
  return out.join('').replace(/\s+/g, ' ').trim();
};

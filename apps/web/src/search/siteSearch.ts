import { changesSince, contentVersion, keptDocuments, type ContentType, type DocumentChange } from '../data/contentSnapshot';
import { documentLinkText } from '../lib/documentLink';
import { timeSlices } from '../lib/timeSlices';
import { LOCALES, type Locale } from '../i18n/locales';
import { planPath, priorityAreaPath, reportPath, routeTo } from '../i18n/routes';
import { t } from '../i18n/t';
import {
  blocksText,
  createSearchIndex,
  excerptOf,
  removeDocuments,
  searchIndex,
  upsertDocuments,
  type SearchDocument,
  type SearchIndex,
  type SearchResult,
} from './engine';

/**
 * The search index of the published content, one per language, kept in step with the content
 * snapshot: after a full load and after every per-change refresh (siteRenderer), and before any
 * search if it has fallen behind. After a full load it compares every page's data hash with the
 * one it was indexed from; after a publish it looks only at the pages the changed documents make
 * (changesSince), so a publish costs the change, not the site. Drafts are never in the snapshot,
 * so never in the index.
 */
interface Indexed {
  index: SearchIndex;
  /** Search document id → the hashes it was made from. */
  signatures: Map<string, string>;
}

const indexes = new Map<Locale, Indexed>();
let indexedVersion = -1;

const text = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ');

/**
 * The search documents of one language's pages, each with the signature of its data: all of
 * them, or only those named in `only` (the rest are not looked at).
 */
const documentsOf = async (locale: Locale, only?: ReadonlySet<string>): Promise<Map<string, { signature: string; build: () => SearchDocument }>> => {
  const found = new Map<string, { signature: string; build: () => SearchDocument }>();
  const out = {
    set: (id: string, entry: { signature: string; build: () => SearchDocument }) => {
      if (!only || only.has(id)) found.set(id, entry);
    },
  };
  const kept = async <Type extends ContentType>(type: Type) => keptDocuments(type, locale);

  for (const [id, { doc, hash }] of await kept('organisation')) {
    out.set(`organisation:${id}`, {
      signature: hash,
      build: () => ({
        id: `organisation:${id}`,
        path: routeTo('home', locale),
        kind: t(locale, 'search.kind.home'),
        title: doc.name,
        text: text(
          doc.lead,
          blocksText(doc.about),
          blocksText(doc.mission),
          blocksText(doc.context),
          ...(doc.members ?? []).map((member) => member?.name),
        ),
      }),
    });
  }
  const goals = !only || only.has('goals') ? [...(await kept('goal')).values()] : [];
  if (goals.length > 0) {
    out.set('goals', {
      signature: goals
        .map(({ hash }) => hash)
        .sort()
        .join(),
      build: () => ({
        id: 'goals',
        path: routeTo('goals', locale),
        kind: t(locale, 'search.kind.goals'),
        title: t(locale, 'goals.title'),
        text: text(...goals.flatMap(({ doc }) => [doc.title, blocksText(doc.description)])),
      }),
    });
  }
  for (const [id, { doc, hash }] of await kept('accessibility-statement')) {
    out.set(`accessibility-statement:${id}`, {
      signature: hash,
      build: () => ({
        id: `accessibility-statement:${id}`,
        path: routeTo('accessibility', locale),
        kind: t(locale, 'search.kind.accessibility'),
        title: doc.title,
        text: text(blocksText(doc.intro), blocksText(doc.shortcomings), blocksText(doc.assessment), blocksText(doc.feedback)),
      }),
    });
  }
  for (const type of ['plan', 'report'] as const) {
    for (const [id, { doc: document, hash }] of await kept(type)) {
      out.set(`${type}:${id}`, {
        signature: hash,
        build: () => ({
          id: `${type}:${id}`,
          path: type === 'plan' ? planPath(locale, document.year) : reportPath(locale, document.year),
          kind: t(locale, `search.kind.${type}`),
          title: document.title,
          year: document.year,
          text: text(
            document.summary,
            blocksText(document.body),
            document.document ? documentLinkText(document.title, document.document, locale) : null,
          ),
        }),
      });
    }
  }
  const plans = await kept('plan');
  for (const [id, { doc, hash }] of await kept('priority-area')) {
    if (only && !only.has(`priority-area:${id}`)) continue;
    const plan = doc.plan ? plans.get(doc.plan.documentId) : undefined;
    out.set(`priority-area:${id}`, {
      // The plan's year is shown with the area: a plan moved to another year re-indexes its areas.
      signature: `${hash}:${plan?.hash ?? ''}`,
      build: () => ({
        id: `priority-area:${id}`,
        path: priorityAreaPath(locale, doc.slug),
        kind: t(locale, 'search.kind.priority-area'),
        title: doc.title,
        year: plan?.doc.year,
        text: text(doc.summary, blocksText(doc.description)),
      }),
    });
  }
  return found;
};

/** The search documents a change of content in one language can touch, by id. */
const touchedBy = async (locale: Locale, changes: DocumentChange[]): Promise<Set<string>> => {
  const ids = new Set<string>();
  for (const { type, documentId } of changes.filter((change) => change.locale === locale)) {
    if (type === 'goal') ids.add('goals');
    else ids.add(`${type}:${documentId}`);
    // An area shows its plan's year.
    if (type === 'plan') {
      for (const [areaId, { doc }] of await keptDocuments('priority-area', locale))
        if (doc.plan?.documentId === documentId) ids.add(`priority-area:${areaId}`);
    }
  }
  return ids;
};

/** The sync under way, if any: one at a time, and a search waits for it. */
let syncing: Promise<void> | undefined;

/** Brings every language's index up to date with the content kept; cheap when nothing changed. */
export const syncSearchIndex = async (): Promise<void> => {
  // Another caller's sync that failed is its failure; this one tries again.
  while (syncing) await syncing.catch(() => {});
  if (contentVersion() === indexedVersion) return;
  syncing = syncOnce().finally(() => {
    syncing = undefined;
  });
  return syncing;
};

const syncOnce = async (): Promise<void> => {
  const version = contentVersion();
  const changes = changesSince(indexedVersion);
  for (const locale of LOCALES) {
    const indexed: Indexed = indexes.get(locale) ?? { index: createSearchIndex(locale), signatures: new Map() };
    indexes.set(locale, indexed);
    const only = changes === 'everything' ? undefined : await touchedBy(locale, changes);
    if (only?.size === 0) continue;
    const current = await documentsOf(locale, only);
    const gone = [...(only ?? indexed.signatures.keys())].filter((id) => indexed.signatures.has(id) && !current.has(id));
    removeDocuments(indexed.index, gone);
    for (const id of gone) indexed.signatures.delete(id);
    const changed = [...current].filter(([id, { signature }]) => indexed.signatures.get(id) !== signature);
    // In slices of 100, each its own transaction: indexing a whole language at 20,000 pages (a
    // start) takes longer than a reader should wait for a page. A search waits for the whole sync.
    const letGo = timeSlices();
    for (let from = 0; from < changed.length;) {
      const slice = changed.slice(from, (from += 100));
      upsertDocuments(
        indexed.index,
        slice.map(([, { build }]) => build()),
      );
      for (const [id, { signature }] of slice) indexed.signatures.set(id, signature);
      await letGo();
    }
  }
  indexedVersion = version;
};

/**
 * Searches the published pages of one language. The excerpts are made from the pages' text as
 * the snapshot has it now, which is what the index was brought up to just before.
 */
export const searchSite = async (locale: Locale, query: string, limit?: number): Promise<SearchResult> => {
  await syncSearchIndex();
  const indexed = indexes.get(locale);
  if (!indexed) return { total: 0, hits: [] };
  const { total, hits } = searchIndex(indexed.index, query, limit);
  if (hits.length === 0) return { total, hits: [] };
  const pages = await documentsOf(locale, new Set(hits.map((hit) => hit.id)));
  return {
    total,
    hits: hits.map(({ id, ...hit }) => ({ ...hit, excerpt: excerptOf(indexed.index, query, pages.get(id)?.build().text ?? '') })),
  };
};

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a page read while it was rendered, as keys: `plan:sv:<documentId>` for one document in
 * one language, `plan:sv:*` for the whole list of a type in a language (its members and their
 * order). The site server keeps these with each release and re-renders, after a change, exactly
 * the pages that read what changed. They are recorded by the data getters, never written by
 * hand, so a view that starts to show something new depends on it from its next render on.
 */
export type DependencyKey = string;

const reads = new AsyncLocalStorage<Set<DependencyKey>>();

/** The key of one document in one language. */
export const documentKey = (type: string, locale: string, documentId: string): DependencyKey => `${type}:${locale}:${documentId}`;

/** The key of the list of every document of a type in one language. */
export const listKey = (type: string, locale: string): DependencyKey => `${type}:${locale}:*`;

/** Notes that the page being rendered read `key` (outside a tracked render, nothing happens). */
export const noteRead = (key: DependencyKey): void => {
  reads.getStore()?.add(key);
};

/** Runs `render` and returns what it read, beside its result. */
export const trackReads = async <T>(render: () => Promise<T>): Promise<{ result: T; dependencies: DependencyKey[] }> => {
  const keys = new Set<DependencyKey>();
  const result = await reads.run(keys, render);
  return { result, dependencies: [...keys].sort() };
};

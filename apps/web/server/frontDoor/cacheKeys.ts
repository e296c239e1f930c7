// The cache keys of the site's files: the one place they are named. The site server sends them
// with every file of the live release (the `xkey` header, read by the front door, Varnish with
// vmod xkey; a CDN that purges by key reads the same list: docs/deployment.md), and purges them
// after a publish (frontDoorPurge.ts). A key holds neither whitespace nor a comma: both separate
// keys in xkey, Fastly's Surrogate-Key and Cloudflare's Cache-Tag.

/** The key every file of every release carries: purging it purges everything (a full build). */
export const RELEASE_KEY = 'release';

/** The response header the keys travel in (stripped by the front door before readers see it). */
export const CACHE_KEYS_HEADER = 'xkey';

/**
 * The longest key list a response carries (bytes). Varnish takes 16 kB per header line as the
 * front door runs it; Fastly's Surrogate-Key and Cloudflare's Cache-Tag headers take 16 kB too.
 */
export const MAX_KEYS_BYTES = 8000;

/**
 * The key of one page (or file) by its path: purged when the page appears, disappears, becomes
 * an old address's 301/410 or is rendered again, whatever it read. Percent-encoded as a URL is,
 * and commas too.
 */
export const pathKey = (pagePath: string): string => `path:${encodeURI(pagePath).replaceAll(',', '%2C')}`;

/** A document's key (`type:locale:documentId`, src/data/dependencies.ts) → its type's list key (`type:locale:*`). */
const listKeyOf = (key: string): string | undefined => {
  const last = key.lastIndexOf(':');
  return last > 0 && key.slice(last + 1) !== '*' ? `${key.slice(0, last)}:*` : undefined;
};

/**
 * What a page shows, as the keys a response carries: the release's key, the page's path, and
 * what it read (its dependency keys, as the renderer recorded them). A page that read more than
 * fits in MAX_KEYS_BYTES names whole lists instead of their documents, the longest lists first:
 * every change of a document purges its list's key too (purgeKeysOfChange), so the page is
 * still purged whenever something it read changes.
 */
export const keysOfPage = (pagePath: string, dependencies: readonly string[]): string => {
  const keys = `${RELEASE_KEY} ${pathKey(pagePath)}${dependencies.length > 0 ? ` ${dependencies.join(' ')}` : ''}`;
  return keys.length <= MAX_KEYS_BYTES ? keys : compacted(pagePath, dependencies);
};

const compacted = (pagePath: string, dependencies: readonly string[]): string => {
  const byList = new Map<string, string[]>();
  const kept = new Set<string>();
  for (const key of dependencies) {
    const list = listKeyOf(key);
    if (list === undefined) kept.add(key);
    else byList.set(list, [...(byList.get(list) ?? []), key]);
  }
  let length = RELEASE_KEY.length + 1 + pathKey(pagePath).length + dependencies.reduce((sum, key) => sum + key.length + 1, 0);
  for (const [list, members] of [...byList].sort((a, b) => b[1].length - a[1].length)) {
    if (length > MAX_KEYS_BYTES) {
      length -= members.reduce((sum, key) => sum + key.length + 1, 0) - (kept.has(list) ? 0 : list.length + 1);
      kept.add(list);
      byList.delete(list);
    }
  }
  const rest = [...byList.values()].flat();
  return [RELEASE_KEY, pathKey(pagePath), ...[...kept].sort(), ...rest].join(' ');
};

/** The keys a file that is not a page carries (the code's assets, the favicon): its path and the release's. */
export const keysOfFile = (filePath: string): string => `${RELEASE_KEY} ${pathKey(filePath)}`;

/**
 * The keys a per-change publish purges: the dependency keys whose data changed (with each
 * document's list key, which pages whose key list was compacted carry instead), and the path of
 * every page rendered, added or removed.
 */
export const purgeKeysOfChange = (changedKeys: readonly string[], pagePaths: readonly string[]): string[] => {
  const keys = new Set(changedKeys);
  for (const key of changedKeys) {
    const list = listKeyOf(key);
    if (list) keys.add(list);
  }
  for (const pagePath of pagePaths) keys.add(pathKey(pagePath));
  return [...keys].sort();
};

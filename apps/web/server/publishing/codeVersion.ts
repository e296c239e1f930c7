import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { WEB_DIR } from '../serverEnv.ts';

// What a release is built from besides the content: the site's code and its dependencies (the
// bundle also takes in the renderer contract and the site contract package).
const SOURCES = [
  'src',
  'public',
  'astro.config.mjs',
  'package.json',
  'renderer-contract',
  path.join('..', '..', 'packages', 'site-contract', 'src'),
  path.join('..', '..', 'pnpm-lock.yaml'),
];

/** Per public address (one in a server's life; tests may build for several). */
const cached = new Map<string, string>();

/**
 * A short hash of the site's code, read once per server start. A release records it beside the
 * content fingerprint, so that a deploy of new code rebuilds the site even when no content changed.
 */
export const siteCodeVersion = (siteUrl: string): string => {
  const known = cached.get(siteUrl);
  if (known) return known;
  const hash = createHash('sha256');
  const add = (relative: string) => {
    const file = path.join(WEB_DIR, relative);
    let stats;
    try {
      stats = statSync(file);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      // Tool caches (a Vite cache can appear under src/) are not the site's code.
      for (const entry of readdirSync(file).sort()) {
        if (entry !== 'node_modules' && !entry.startsWith('.')) add(path.join(relative, entry));
      }
    } else {
      hash.update(relative).update(readFileSync(file));
    }
  };
  for (const source of SOURCES) add(source);
  // The public address is built into the code (canonical links, the sitemap).
  hash.update(`SITE_URL=${siteUrl}`);
  const version = hash.digest('hex').slice(0, 12);
  cached.set(siteUrl, version);
  return version;
};

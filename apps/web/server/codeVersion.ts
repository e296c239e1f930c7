import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSiteUrl } from '../src/env.ts';
import { WEB_DIR } from './serverEnv.ts';

// What a release is built from besides the content: the site's code and its dependencies (the
// bundle also takes in the renderer contract).
const SOURCES = [
  'src',
  'public',
  'astro.config.mjs',
  'package.json',
  path.join('server', 'rendererContract.ts'),
  path.join('..', '..', 'pnpm-lock.yaml'),
];

let cached: string | undefined;

/**
 * A short hash of the site's code, read once per server start. A release records it beside the
 * content fingerprint, so that a deploy of new code rebuilds the site even when no content changed.
 */
export const siteCodeVersion = (): string => {
  if (cached) return cached;
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
  hash.update(`SITE_URL=${readSiteUrl()}`);
  cached = hash.digest('hex').slice(0, 12);
  return cached;
};

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REQUIRED_PAGES = ['index.html', 'en/index.html', '404.html', 'sitemap.xml'];

/**
 * Checks a finished build before it may go live: the start pages, the 404 page and the sitemap
 * exist, every page the sitemap lists was written, and no page is empty or cut short.
 * Throws an Error that says what is wrong.
 */
export const verifyRelease = (buildDir: string): { pages: number } => {
  const client = path.join(buildDir, 'client');
  for (const page of REQUIRED_PAGES) {
    if (!existsSync(path.join(client, page))) throw new Error(`The build has no ${page}.`);
  }

  const sitemap = readFileSync(path.join(client, 'sitemap.xml'), 'utf8');
  for (const [, loc] of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const pathname = decodeURIComponent(new URL(loc ?? '').pathname);
    const file = path.join(client, pathname, pathname.endsWith('/') ? 'index.html' : '');
    if (!existsSync(file)) throw new Error(`The sitemap lists ${pathname}, but the build has no page for it.`);
  }

  const pages = readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
  for (const page of pages) {
    const html = readFileSync(path.join(client, page), 'utf8');
    if (!/<h1[\s>]/.test(html) || !html.trimEnd().endsWith('</html>')) {
      throw new Error(`The page ${page} is empty or incomplete.`);
    }
  }
  return { pages: pages.length };
};

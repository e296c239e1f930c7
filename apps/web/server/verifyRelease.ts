import type { ReleaseManifest } from './releases.ts';

const REQUIRED_FILES = ['/index.html', '/en/index.html', '/404.html', '/sitemap.xml'];

/**
 * Checks a release before it may go live: the start pages, the 404 page and the sitemap exist,
 * every page the sitemap lists is in the release, and no page is empty or cut short (of the
 * files in `rendered`: the unchanged ones were checked with the release they came from).
 * `bodyOf` gives a file's body. Throws an Error that says what is wrong.
 */
export const verifyRelease = (
  manifest: ReleaseManifest,
  bodyOf: (file: string) => Buffer | undefined,
  rendered: string[] = Object.keys(manifest.files),
): { pages: number } => {
  for (const file of REQUIRED_FILES) {
    if (!manifest.files[file]) throw new Error(`The release has no ${file}.`);
  }

  const sitemap = bodyOf('/sitemap.xml')?.toString('utf8') ?? '';
  for (const [, loc] of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const pathname = new URL(loc ?? '').pathname;
    const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    if (!manifest.files[file] && !manifest.files[decodeURIComponent(file)]) {
      throw new Error(`The sitemap lists ${pathname}, but the release has no page for it.`);
    }
  }

  const pages = rendered.filter((file) => file.endsWith('.html'));
  for (const page of pages) {
    const html = bodyOf(page)?.toString('utf8') ?? '';
    if (!/<h1[\s>]/.test(html) || !html.trimEnd().endsWith('</html>')) {
      throw new Error(`The page ${page} is empty or incomplete.`);
    }
  }
  return { pages: pages.length };
};

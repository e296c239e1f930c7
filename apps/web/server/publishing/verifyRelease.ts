import type { ReleaseManifest } from './releases.ts';

const REQUIRED_FILES = ['/index.html', '/en/index.html', '/404.html', '/sitemap.xml'];

/** Checks one rendered file before it may be kept: an HTML page is neither empty nor cut short. */
export const verifyPage = (file: string, body: Uint8Array): void => {
  if (!file.endsWith('.html')) return;
  const html = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (!/<h1[\s>]/.test(html) || !html.trimEnd().endsWith('</html>')) {
    throw new Error(`The page ${file} is empty or incomplete.`);
  }
};

/**
 * Checks a release before it may go live: the start pages, the 404 page and the sitemap exist,
 * and every page the sitemap lists is in the release (each page was checked by verifyPage when
 * it was rendered). Throws an Error that says what is wrong.
 */
export const verifyRelease = (manifest: ReleaseManifest, sitemap: string): void => {
  for (const file of REQUIRED_FILES) {
    if (!manifest.files[file]) throw new Error(`The release has no ${file}.`);
  }
  // The sitemap of a large site has tens of thousands of addresses: read their paths with the
  // pattern, not a URL parser each.
  for (const [, pathname = '/'] of sitemap.matchAll(/<loc>[a-z]+:\/\/[^/<]+(\/[^<]*)<\/loc>/g)) {
    const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    if (!manifest.files[file] && !manifest.files[decodeURIComponent(file)]) {
      throw new Error(`The sitemap lists ${pathname}, but the release has no page for it.`);
    }
  }
};

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

/** The paths of a sitemap's (or a sitemap index's) <loc>s. */
const locPaths = (xml: string): string[] =>
  // A large site's sitemap has tens of thousands of addresses: their paths are read with the
  // pattern, not a URL parser each.
  [...xml.matchAll(/<loc>[a-z]+:\/\/[^/<]+(\/[^<]*)<\/loc>/g)].map(([, pathname = '/']) => pathname);

const fileOf = (manifest: ReleaseManifest, pathname: string): string | undefined => {
  const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  if (manifest.files[file]) return file;
  try {
    const decoded = decodeURIComponent(file);
    return manifest.files[decoded] ? decoded : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Checks a release before it may go live: the start pages, the 404 page and the sitemap exist,
 * and every page the sitemap lists is in the release (each page was checked by verifyPage when
 * it was rendered). The sitemap is an index of parts (src/data/sitemapParts.ts), or, in a
 * release of older code, one file. With `previous` (the live release a change was made from, and
 * the files the change touched, if known), a part kept unchanged is not read again, unless the
 * change removed files (a page it lists could be among them): a publish reads the parts it
 * rendered, not 40,000 addresses. Throws an Error that says what is wrong.
 */
export const verifyRelease = (
  manifest: ReleaseManifest,
  read: (file: string) => string,
  previous?: { manifest: ReleaseManifest; changedFiles?: Iterable<string> },
): void => {
  for (const file of REQUIRED_FILES) {
    if (!manifest.files[file]) throw new Error(`The release has no ${file}.`);
  }
  const checkUrls = (xml: string, where: string) => {
    for (const pathname of locPaths(xml)) {
      if (!fileOf(manifest, pathname)) throw new Error(`The sitemap${where} lists ${pathname}, but the release has no page for it.`);
    }
  };
  const index = read('/sitemap.xml');
  if (!index.includes('<sitemapindex')) return checkUrls(index, '');
  // The files a change removed: among those it names, else looked for in the whole release.
  const removedFiles =
    previous !== undefined &&
    [...(previous.changedFiles ?? Object.keys(previous.manifest.files))].some(
      (file) => Object.hasOwn(previous.manifest.files, file) && !Object.hasOwn(manifest.files, file),
    );
  for (const pathname of locPaths(index)) {
    const part = fileOf(manifest, pathname);
    if (!part) throw new Error(`The sitemap index lists ${pathname}, but the release has no such part.`);
    if (previous && !removedFiles && previous.manifest.files[part] === manifest.files[part]) continue;
    checkUrls(read(part), ` part ${part}`);
  }
};

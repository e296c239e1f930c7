import { describe, expect, it } from 'vitest';
import type { ReleaseManifest } from './releases.ts';
import { verifyRelease } from './verifyRelease.ts';

const SITE = 'https://example.org';
const index = (parts: string[]) => `<sitemapindex>${parts.map((part) => `<sitemap><loc>${SITE}${part}</loc></sitemap>`).join('')}</sitemapindex>`;
const urlset = (paths: string[]) => `<urlset>${paths.map((path) => `<url><loc>${SITE}${path}</loc></url>`).join('')}</urlset>`;

/** A release whose files are their own bodies' names, and a reader that counts what it reads. */
const release = (bodies: Record<string, string>) => {
  const files = Object.fromEntries(Object.keys(bodies).map((file) => [file, `hash of ${bodies[file]}`]));
  const manifest: ReleaseManifest = { files, pages: {} };
  const read: string[] = [];
  const reader = (file: string) => {
    read.push(file);
    return bodies[file] ?? '';
  };
  return { manifest, read, reader };
};

const base = {
  '/index.html': 'start',
  '/en/index.html': 'start en',
  '/404.html': 'not found',
  '/a/index.html': 'a',
  '/b/index.html': 'b',
  '/sitemap.xml': index(['/sitemap-pages.xml', '/sitemap-area-1.xml']),
  '/sitemap-pages.xml': urlset(['/', '/en/']),
  '/sitemap-area-1.xml': urlset(['/a/', '/b/']),
};

describe('verifyRelease', () => {
  it('checks every address of every part of the index', () => {
    const good = release(base);
    verifyRelease(good.manifest, good.reader);
    expect(good.read.sort()).toEqual(['/sitemap-area-1.xml', '/sitemap-pages.xml', '/sitemap.xml']);
    const missing = release({ ...base, '/sitemap-area-1.xml': urlset(['/a/', '/c/']) });
    expect(() => verifyRelease(missing.manifest, missing.reader)).toThrow(
      'The sitemap part /sitemap-area-1.xml lists /c/, but the release has no page for it.',
    );
    const noPart = release({ ...base, '/sitemap.xml': index(['/sitemap-pages.xml', '/sitemap-area-2.xml']) });
    expect(() => verifyRelease(noPart.manifest, noPart.reader)).toThrow(
      'The sitemap index lists /sitemap-area-2.xml, but the release has no such part.',
    );
  });

  it('after a change reads only the parts that changed, unless files were removed', () => {
    const before = release(base).manifest;
    const changed = release({ ...base, '/c/index.html': 'c', '/sitemap-area-1.xml': urlset(['/a/', '/b/', '/c/']) });
    verifyRelease(changed.manifest, changed.reader, { manifest: before });
    expect(changed.read.sort()).toEqual(['/sitemap-area-1.xml', '/sitemap.xml']);
    // A page removed while its part stayed the same: caught, since every part is read then.
    const { '/b/index.html': _gone, ...withoutB } = base;
    const removed = release(withoutB);
    expect(() => verifyRelease(removed.manifest, removed.reader, { manifest: before })).toThrow('lists /b/');
    // The same, told which files the change touched.
    expect(() => verifyRelease(removed.manifest, removed.reader, { manifest: before, changedFiles: ['/b/index.html'] })).toThrow('lists /b/');
    const told = release({ ...base, '/c/index.html': 'c', '/sitemap-area-1.xml': urlset(['/a/', '/b/', '/c/']) });
    verifyRelease(told.manifest, told.reader, { manifest: before, changedFiles: ['/c/index.html', '/sitemap-area-1.xml'] });
    expect(told.read.sort()).toEqual(['/sitemap-area-1.xml', '/sitemap.xml']);
  });

  it('still checks a sitemap of one file (a release of older code)', () => {
    const old = release({ ...base, '/sitemap.xml': urlset(['/', '/a/', '/x/']) });
    expect(() => verifyRelease(old.manifest, old.reader)).toThrow('The sitemap lists /x/, but the release has no page for it.');
  });
});

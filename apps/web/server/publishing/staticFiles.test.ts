import { describe, expect, it } from 'vitest';
import { blobHash } from './releases.ts';
import { encodedFormsOf, StaticFiles } from './staticFiles.ts';

const bodies = new Map<string, Buffer>();
const keep = (text: string) => {
  const body = Buffer.from(text);
  bodies.set(blobHash(body), body);
  return blobHash(body);
};
const reads: string[] = [];
const readBody = {
  read: (hash: string) => {
    reads.push(hash);
    return bodies.get(hash) ?? Buffer.alloc(0);
  },
  readEncoded: () => undefined,
  modifiedAt: () => new Date('2026-11-27T12:00:00Z'),
};

const manifest = {
  '/index.html': keep('<!doctype html><h1>Start</h1>'.repeat(40)),
  '/en/index.html': keep('<!doctype html><h1>Home</h1>'),
  '/_astro/site.a1b2c3.css': keep('body{margin:0}'),
};

describe('StaticFiles', () => {
  const files = new StaticFiles(manifest, readBody, ['x-content-type-options', 'nosniff']);

  it('finds pages with and without the trailing slash, and nothing outside the release', () => {
    expect(files.find('/')?.contentType).toBe('text/html; charset=utf-8');
    expect(files.find('/en')).toBe(files.find('/en/'));
    expect(files.find('/../../etc/passwd')).toBeUndefined();
    expect(files.find('/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
  });

  it('types files by extension, and the Atom feeds by their name', () => {
    const typed = new StaticFiles(
      { '/sitemap.xml': keep('<urlset/>'), '/verksamhetsplaner/atom.xml': keep('<feed/>'), '/favicon.svg': keep('<svg/>') },
      readBody,
      [],
    );
    expect(typed.find('/sitemap.xml')?.contentType).toBe('application/xml; charset=utf-8');
    expect(typed.find('/verksamhetsplaner/atom.xml')?.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(typed.find('/favicon.svg')?.contentType).toBe('image/svg+xml');
  });

  it('caches hashed assets for a year and makes pages revalidate', () => {
    expect(files.find('/_astro/site.a1b2c3.css')?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(files.find('/')?.cacheControl).toBe('public, max-age=0, must-revalidate');
  });

  it('prepares headers once, gzip included where it pays', () => {
    const page = files.find('/');
    expect(page?.identity.headers).toEqual(expect.arrayContaining(['x-content-type-options', 'nosniff', 'etag', 'accept-ranges']));
    expect(page?.encoded.gzip?.headers).toEqual(expect.arrayContaining(['content-encoding', 'gzip']));
    expect(page?.encoded.br?.headers).toEqual(expect.arrayContaining(['content-encoding', 'br']));
    expect(page?.lastModified).toBe('Fri, 27 Nov 2026 12:00:00 GMT');
    expect(files.find('/en/')?.encoded.gzip).toBeUndefined();
    // Each coding is its own representation, with its own validator.
    expect(new Set([page?.identity.etag, page?.encoded.gzip?.etag, page?.encoded.br?.etag]).size).toBe(3);
  });

  it('keeps a compressed page only compressed, and makes the plain body on first need', () => {
    const page = files.find('/');
    const plainLength = page?.identity.headers[page.identity.headers.indexOf('content-length') + 1];
    expect(plainLength).toBe(String('<!doctype html><h1>Start</h1>'.repeat(40).length));
    expect(page?.body.toString()).toBe('<!doctype html><h1>Start</h1>'.repeat(40));
  });

  it('keeps the plain bodies made again only while they are recent and fit in 16 MB together', () => {
    // 24 pages of 1 MB each (a few kB compressed): asking for all of them in plain must not keep all.
    const big = Object.fromEntries(
      Array.from({ length: 24 }, (_, n) => [
        `/sida-${n}/index.html`,
        keep(`<!doctype html><p>${String(n).padStart(2, '0')}</p>`.padEnd(1024 * 1024, ' ')),
      ]),
    );
    const site = new StaticFiles(big, readBody);
    const first = site.find('/sida-0/');
    const made = first?.body;
    expect(first?.body).toBe(made);
    for (let n = 1; n < 24; n++) expect(site.find(`/sida-${n}/`)?.body.length).toBe(1024 * 1024);
    const again = first?.body;
    expect(again).not.toBe(made);
    expect(again?.equals(made!)).toBe(true);
    expect(site.find('/sida-23/')?.body).toBe(site.find('/sida-23/')?.body);
  });

  it('keeps only the brotli form in memory, and reads the gzip form again, byte for byte, when a client takes only gzip', () => {
    const page = '<!doctype html><p>Strategisk kompetensförsörjning</p>'.repeat(30);
    const hash = keep(page);
    const written = encodedFormsOf('/sida/index.html', bodies.get(hash)!);
    const gzipReads: string[] = [];
    let onDisk = true;
    const disk = {
      ...readBody,
      readEncoded: (wanted: string, encoding: 'br' | 'gzip') => {
        if (encoding === 'gzip') gzipReads.push(wanted);
        return onDisk ? written[encoding] : undefined;
      },
    };
    const site = new StaticFiles({ '/sida/index.html': hash }, disk);
    const file = site.find('/sida/')!;
    expect(gzipReads).toEqual([hash]);
    // Kept in memory of its own, not as a slice of a block that would hold what was read beside it.
    const kept = file.encoded.br!.body;
    expect(kept.equals(written.br!)).toBe(true);
    expect(kept.byteLength).toBe(kept.buffer.byteLength);
    const gzip = file.encoded.gzip!;
    expect(gzip.headers[gzip.headers.indexOf('content-length') + 1]).toBe(String(written.gzip!.length));
    expect(gzip.body.equals(written.gzip!)).toBe(true);
    expect(gzipReads).toEqual([hash, hash]);
    // Asked for again while recent: not read again.
    expect(gzip.body.equals(written.gzip!)).toBe(true);
    expect(gzipReads).toHaveLength(2);
    // Its blob gone (a release replaced under a request, its files collected): made again from
    // the brotli form, the same bytes as written, so its headers stay true.
    onDisk = false;
    const other = new StaticFiles(
      { '/annan/index.html': hash },
      { ...disk, readEncoded: (_: string, encoding: 'br' | 'gzip') => (encoding === 'br' ? written.br : undefined) },
    );
    expect(other.find('/annan/')!.encoded.gzip!.body.equals(written.gzip!)).toBe(true);
    expect(other.find('/annan/')!.body.toString()).toBe(page);
  });

  it('takes over unchanged files from the previous release and reads only the changed ones', () => {
    reads.length = 0;
    const changed = keep('<!doctype html><h1>Hem</h1>');
    const next = new StaticFiles({ ...manifest, '/en/index.html': changed }, readBody, ['x-content-type-options', 'nosniff'], files);
    expect(reads).toEqual([changed]);
    expect(next.find('/')).toBe(files.find('/'));
    expect(next.find('/en/')?.body.toString()).toBe('<!doctype html><h1>Hem</h1>');
    expect(next.find('/en/')?.identity.etag).not.toBe(files.find('/en/')?.identity.etag);
  });

  it('told which files a change touched, looks at those alone and ends with the same files', () => {
    reads.length = 0;
    const changed = keep('<!doctype html><h1>Hem, igen</h1>');
    const { '/_astro/site.a1b2c3.css': _removed, ...kept } = manifest;
    const after = { ...kept, '/en/index.html': changed, '/ny/index.html': keep('<!doctype html><h1>Ny</h1>') };
    const told = new StaticFiles(after, readBody, [], files, ['/en/index.html', '/_astro/site.a1b2c3.css', '/ny/index.html']);
    const walked = new StaticFiles(after, readBody, [], files);
    expect([...told.files.keys()].sort()).toEqual([...walked.files.keys()].sort());
    for (const [urlPath, file] of walked.files) expect(told.files.get(urlPath)?.hash).toBe(file.hash);
    expect(told.find('/')).toBe(files.find('/'));
    expect(told.find('/_astro/site.a1b2c3.css')).toBeUndefined();
    expect(told.find('/en/')?.body.toString()).toBe('<!doctype html><h1>Hem, igen</h1>');
  });
});

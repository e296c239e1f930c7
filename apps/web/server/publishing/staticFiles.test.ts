import { describe, expect, it } from 'vitest';
import { blobHash } from './releases.ts';
import { encodedFormsOf, StaticFiles, type BlobSource, type Encoding } from './staticFiles.ts';

/** A releases folder's blobs in memory: each body with the coded forms written beside it, and every read counted. */
const disk = new Map<string, Buffer>();
const reads: string[] = [];
const keep = (urlPath: string, text: string) => {
  const body = Buffer.from(text);
  const hash = blobHash(body);
  disk.set(hash, body);
  for (const [encoding, form] of Object.entries(encodedFormsOf(urlPath, body))) disk.set(`${hash}.${encoding}`, form);
  return hash;
};
const blobs: BlobSource = {
  read: (hash) => {
    reads.push(hash);
    const body = disk.get(hash);
    if (!body) throw new Error(`ENOENT: ${hash}`);
    return Buffer.from(body);
  },
  readEncoded: (hash, encoding) => {
    reads.push(`${hash}.${encoding}`);
    const form = disk.get(`${hash}.${encoding}`);
    return form && Buffer.from(form);
  },
  describe: (hash) => {
    const encoded: Partial<Record<Encoding, number>> = {};
    for (const encoding of ['br', 'gzip'] as const) {
      const form = disk.get(`${hash}.${encoding}`);
      if (form) encoded[encoding] = form.length;
    }
    return { modifiedAt: new Date('2026-11-27T12:00:00Z'), size: disk.get(hash)?.length ?? 0, encoded };
  },
};

const START = '<!doctype html><h1>Start</h1>'.repeat(40);
const manifest = {
  '/index.html': keep('/index.html', START),
  '/en/index.html': keep('/en/index.html', '<!doctype html><h1>Home</h1>'),
  '/_astro/site.a1b2c3.css': keep('/_astro/site.a1b2c3.css', 'body{margin:0}'),
};

describe('StaticFiles', () => {
  const files = new StaticFiles(manifest, blobs, ['x-content-type-options', 'nosniff']);

  it('finds pages with and without the trailing slash, and nothing outside the release', () => {
    expect(files.find('/')?.contentType).toBe('text/html; charset=utf-8');
    expect(files.find('/en')).toBe(files.find('/en/'));
    expect(files.find('/../../etc/passwd')).toBeUndefined();
    expect(files.find('/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
  });

  it('types files by extension, and the Atom feeds by their name', () => {
    const typed = new StaticFiles(
      {
        '/sitemap.xml': keep('/sitemap.xml', '<urlset/>'),
        '/verksamhetsplaner/atom.xml': keep('/verksamhetsplaner/atom.xml', '<feed/>'),
        '/favicon.svg': keep('/favicon.svg', '<svg/>'),
      },
      blobs,
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

  it('makes the headers of each coding, gzip included where it pays, with the sizes on disk', () => {
    const page = files.find('/');
    expect(page?.identity.headers).toEqual(expect.arrayContaining(['x-content-type-options', 'nosniff', 'etag', 'accept-ranges']));
    expect(page?.encoded.gzip?.headers).toEqual(expect.arrayContaining(['content-encoding', 'gzip']));
    expect(page?.encoded.br?.headers).toEqual(expect.arrayContaining(['content-encoding', 'br']));
    expect(page?.lastModified).toBe('Fri, 27 Nov 2026 12:00:00 GMT');
    expect(files.find('/en/')?.encoded.gzip).toBeUndefined();
    expect(files.find('/en/')?.representation('br')).toBeUndefined();
    // Each coding is its own representation, with its own validator.
    expect(new Set([page?.identity.etag, page?.encoded.gzip?.etag, page?.encoded.br?.etag]).size).toBe(3);
    const length = (headers: string[] | undefined) => headers?.[headers.indexOf('content-length') + 1];
    expect(length(page?.identity.headers)).toBe(String(START.length));
    expect(length(page?.encoded.br?.headers)).toBe(String(disk.get(`${manifest['/index.html']}.br`)!.length));
  });

  it('holds no body: reads each form from its blob when a request needs it, byte for byte, and keeps the recent ones', () => {
    const hash = keep('/sida/index.html', '<!doctype html><p>Strategisk kompetensförsörjning</p>'.repeat(30));
    reads.length = 0;
    const site = new StaticFiles({ '/sida/index.html': hash }, blobs);
    const file = site.find('/sida/')!;
    // Its headers need no body (a HEAD, a 304).
    expect(file.representation('gzip')?.etag).toBeDefined();
    expect(reads).toEqual([]);
    const br = file.representation('br')!.body;
    expect(br.equals(disk.get(`${hash}.br`)!)).toBe(true);
    // Kept in memory of its own, not as a slice of a block that would hold what was read beside it.
    expect(br.byteLength).toBe(br.buffer.byteLength);
    expect(file.representation('gzip')!.body.equals(disk.get(`${hash}.gzip`)!)).toBe(true);
    expect(file.body.toString()).toContain('Strategisk kompetensförsörjning');
    expect(reads).toEqual([`${hash}.br`, `${hash}.gzip`, hash]);
    // Asked for again while recent: not read again.
    expect(file.representation('br')!.body).toBe(br);
    expect(file.body.toString()).toContain('Strategisk');
    expect(reads).toHaveLength(3);
  });

  it('makes a coded form again from the body, the same bytes as written, when its blob is gone', () => {
    const text = '<!doctype html><p>Bort</p>'.repeat(40);
    const hash = keep('/bort/index.html', text);
    const written = disk.get(`${hash}.gzip`)!;
    const file = new StaticFiles({ '/bort/index.html': hash }, blobs).find('/bort/')!;
    const headers = file.representation('gzip')!.headers;
    disk.delete(`${hash}.gzip`);
    expect(file.representation('gzip')!.body.equals(written)).toBe(true);
    expect(headers[headers.indexOf('content-length') + 1]).toBe(String(written.length));
  });

  it('makes the coded forms of a release written before they were kept beside the body', () => {
    const text = '<!doctype html><p>Gammal</p>'.repeat(40);
    const body = Buffer.from(text);
    const hash = blobHash(body);
    disk.set(hash, body);
    const file = new StaticFiles({ '/gammal/index.html': hash }, blobs).find('/gammal/')!;
    expect(file.encodings).toEqual(['br', 'gzip']);
    expect(file.representation('gzip')!.body.equals(encodedFormsOf('/gammal/index.html', body).gzip!)).toBe(true);
  });

  it('keeps the bodies read only while they are recent and fit in 32 MB together', () => {
    // 40 files of 1 MB each (documents, not compressed): asking for all of them must not keep all.
    const big = Object.fromEntries(
      Array.from({ length: 40 }, (_, n) => [`/fil-${n}.pdf`, keep(`/fil-${n}.pdf`, `%PDF-${String(n).padStart(2, '0')}`.padEnd(1024 * 1024, ' '))]),
    );
    const site = new StaticFiles(big, blobs);
    const first = site.find('/fil-0.pdf');
    const read = first?.body;
    expect(first?.body).toBe(read);
    for (let n = 1; n < 40; n++) expect(site.find(`/fil-${n}.pdf`)?.body.length).toBe(1024 * 1024);
    const again = first?.body;
    expect(again).not.toBe(read);
    expect(again?.equals(read!)).toBe(true);
    expect(site.find('/fil-39.pdf')?.body).toBe(site.find('/fil-39.pdf')?.body);
  });

  it('takes over unchanged files from the previous release, and reads nothing to make a release ready', () => {
    reads.length = 0;
    const changed = keep('/en/index.html', '<!doctype html><h1>Hem</h1>');
    const next = new StaticFiles({ ...manifest, '/en/index.html': changed }, blobs, ['x-content-type-options', 'nosniff'], files);
    expect(reads).toEqual([]);
    expect(next.find('/')).toBe(files.find('/'));
    expect(next.find('/en/')?.body.toString()).toBe('<!doctype html><h1>Hem</h1>');
    expect(next.find('/en/')?.identity.etag).not.toBe(files.find('/en/')?.identity.etag);
  });

  it('told which files a change touched, looks at those alone and ends with the same files', () => {
    reads.length = 0;
    const changed = keep('/en/index.html', '<!doctype html><h1>Hem, igen</h1>');
    const { '/_astro/site.a1b2c3.css': _removed, ...kept } = manifest;
    const after = { ...kept, '/en/index.html': changed, '/ny/index.html': keep('/ny/index.html', '<!doctype html><h1>Ny</h1>') };
    const told = new StaticFiles(after, blobs, [], files, ['/en/index.html', '/_astro/site.a1b2c3.css', '/ny/index.html']);
    const walked = new StaticFiles(after, blobs, [], files);
    expect([...told.files.keys()].sort()).toEqual([...walked.files.keys()].sort());
    for (const [urlPath, file] of walked.files) expect(told.files.get(urlPath)?.hash).toBe(file.hash);
    expect(told.find('/')).toBe(files.find('/'));
    expect(told.find('/_astro/site.a1b2c3.css')).toBeUndefined();
    expect(told.find('/en/')?.body.toString()).toBe('<!doctype html><h1>Hem, igen</h1>');
  });
});

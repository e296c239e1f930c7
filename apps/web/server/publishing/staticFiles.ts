import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** The content codings a release keeps besides the plain body, most preferred first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** One way a file can be sent: its body (made on need for the plain and gzip ones: onDemandBodies), validator and headers. */
export interface Representation {
  readonly encoding: Encoding | 'identity';
  readonly etag: string;
  /** Response headers made once, as a flat [name, value, …] list (Node's cheapest form). */
  readonly headers: string[];
  readonly body: Buffer;
}

/** The coding every compressible file keeps in memory: the one nearly every reader's browser takes. */
const KEPT_ENCODING: Encoding = 'br';

/** How much memory the bodies made on demand (see onDemandBodies) may hold together. */
const ON_DEMAND_BODIES_BYTES = 16 * 1024 * 1024;

/**
 * The bodies a file does not keep but makes when a request needs one, the most recently asked
 * for: the plain body (clients that take no coding) and the gzip form (clients that take gzip but
 * not brotli: some feed readers and crawlers, browsers over plain http). Keeping both for every
 * file held the site's pages three times over, mostly gzip that nearly no request used, and a
 * crawler without Accept-Encoding would have added every page's plain HTML (the figures:
 * apps/web/README.md, "Benchmarks"). Bounded, so a page such clients ask for often stays.
 */
const onDemandBodies = new LRUCache<Representation, Buffer>({ maxSize: ON_DEMAND_BODIES_BYTES, sizeCalculation: (body) => Math.max(1, body.length) });

const madeBody = (representation: Representation, make: () => Buffer): Buffer => {
  let body = onDemandBodies.get(representation);
  if (!body) {
    body = make();
    onDemandBodies.set(representation, body);
  }
  return body;
};

/**
 * A body to keep as long as its release, in memory of its own size. A small file read from disk
 * is a slice of Node's shared 64 kB buffer pool, and zlib's output a slice of a larger block: a
 * kept slice keeps the whole block alive, with the forms not kept that were read beside it (the
 * gzip form read with the brotli one would have stayed, as large as the gzip forms not kept).
 */
const ownMemory = (buffer: Buffer): Buffer => {
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) return buffer;
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
};

/** One file of a release, ready to serve in each of its representations. */
export class StaticFile {
  readonly contentType: string;
  readonly cacheControl: string;
  readonly lastModified: string;
  /** The content hash of the plain body (the blob's name). */
  readonly hash: string;
  readonly encoded: Partial<Record<Encoding, Representation>>;
  readonly identity: Representation;

  constructor(fields: {
    hash: string;
    contentType: string;
    cacheControl: string;
    lastModified: string;
    plain: { length: number; body?: Buffer };
    /** The coded forms as written with the release; with `readEncoded`, only KEPT_ENCODING's is kept. */
    encoded: Partial<Record<Encoding, Buffer>>;
    /** A coded form again, the same bytes as in `encoded`, when a request needs it. */
    readEncoded?: (encoding: Encoding) => Buffer;
    extraHeaders: string[];
  }) {
    ({ hash: this.hash, contentType: this.contentType, cacheControl: this.cacheControl, lastModified: this.lastModified } = fields);
    const common = [
      'content-type',
      this.contentType,
      'cache-control',
      this.cacheControl,
      'last-modified',
      this.lastModified,
      'vary',
      'accept-encoding',
      ...fields.extraHeaders,
    ];
    // The content hash is already a strong validator (a prefix keeps the header short); each
    // coding is a representation of its own, with its own tag (RFC 9110, 8.8.3.3).
    const tag = fields.hash.slice(0, 27);
    // What the closures below use is taken out of `fields` first: a closure that named `fields`
    // would keep every coded form alive with the file, the ones not kept included.
    const { encoded: written, readEncoded } = fields;
    // The coding kept: brotli, or the one there is. (A loop, not find(): no closure may name `written`.)
    let kept: Encoding | undefined = written[KEPT_ENCODING] ? KEPT_ENCODING : undefined;
    for (const encoding of ENCODINGS) if (!kept && written[encoding]) kept = encoding;
    const keptBody = kept === undefined ? undefined : ownMemory(written[kept]!);
    const plainKept = fields.plain.body && ownMemory(fields.plain.body);
    // The plain body: kept for a file that has no coded form, else made from the kept one.
    const plainBody = (): Buffer => plainKept ?? (kept === 'br' ? brotliDecompressSync(keptBody!) : gunzipSync(keptBody!));
    this.encoded = {};
    for (const encoding of ENCODINGS) {
      const body = written[encoding];
      if (!body) continue;
      const etag = `"${tag}-${encoding === 'gzip' ? 'gz' : encoding}"`;
      const headers = [...common, 'etag', etag, 'content-encoding', encoding, 'content-length', String(body.length)];
      if (encoding === kept || !readEncoded) {
        this.encoded[encoding] = { encoding, etag, headers, body: encoding === kept ? keptBody! : ownMemory(body) };
        continue;
      }
      this.encoded[encoding] = {
        encoding,
        etag,
        headers,
        get body() {
          return madeBody(this, () => readEncoded(encoding));
        },
      };
    }
    const etag = `"${tag}"`;
    const headers = [...common, 'etag', etag, 'accept-ranges', 'bytes', 'content-length', String(fields.plain.length)];
    this.identity = {
      encoding: 'identity',
      etag,
      headers,
      get body() {
        return plainKept ?? madeBody(this, plainBody);
      },
    };
  }

  /** The uncompressed body. */
  get body(): Buffer {
    return this.identity.body;
  }
}

/** Where a release's bodies come from: the plain body, the coded forms kept beside it, and when it was first written. */
export interface BlobSource {
  read(hash: string): Buffer;
  readEncoded(hash: string, encoding: Encoding): Buffer | undefined;
  modifiedAt(hash: string): Date;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};
// Files whose type their whole name says, not their extension: the Atom feeds (src/i18n/routes.ts:
// feedPath) end in .xml, as feed readers expect, but must be announced as Atom.
const CONTENT_TYPES_BY_NAME: Record<string, string> = {
  'atom.xml': 'application/atom+xml; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);

const extensionOf = (urlPath: string) => {
  const dot = urlPath.lastIndexOf('.');
  return dot > urlPath.lastIndexOf('/') ? urlPath.slice(dot).toLowerCase() : '';
};

// Astro puts content-hashed assets under /_astro/: they never change, so browsers may keep them
// for a year. Pages must be revalidated so that a publish shows at once.
const cacheControlFor = (urlPath: string) =>
  urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';

/** Whether a file is worth compressing: text formats, and not tiny. */
const compressible = (urlPath: string, size: number) => COMPRESSIBLE.has(extensionOf(urlPath)) && size > 512;

/** Above this size a file is compressed at lower levels: the sitemap of a large site is megabytes. */
const LARGE_FILE = 256 * 1024;

/**
 * The compressed forms of a file, made once when a release is written (none when compressing
 * does not pay). Brotli at quality 5: nearly as small as at quality 11, at a small part of its
 * time, which a full build of tens of thousands of pages would feel (apps/web/README.md, "Benchmarks").
 */
export const encodedFormsOf = (urlPath: string, body: Uint8Array): Partial<Record<Encoding, Buffer>> => {
  if (!compressible(urlPath, body.length)) return {};
  const large = body.length > LARGE_FILE;
  return {
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: large ? 4 : 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: large ? 6 : 9 }),
  };
};

/** Makes a file ready to serve: its coded forms read (or, for an older release, made), headers made once. */
const prepareFile = (urlPath: string, hash: string, blobs: BlobSource, extraHeaders: string[]): StaticFile => {
  const extension = extensionOf(urlPath);
  let encoded: Partial<Record<Encoding, Buffer>> = {};
  let body: Buffer | undefined;
  if (COMPRESSIBLE.has(extension)) {
    for (const encoding of ENCODINGS) {
      const form = blobs.readEncoded(hash, encoding);
      if (form) encoded[encoding] = form;
    }
  }
  if (!encoded.gzip) {
    body = blobs.read(hash);
    encoded = encodedFormsOf(urlPath, body);
  }
  // gzip's trailer holds the plain size, so the plain body need not be read to describe it.
  const plainLength = encoded.gzip ? encoded.gzip.readUInt32LE(encoded.gzip.length - 4) : body!.length;
  const file: StaticFile = new StaticFile({
    hash,
    contentType: CONTENT_TYPES_BY_NAME[urlPath.slice(urlPath.lastIndexOf('/') + 1)] ?? CONTENT_TYPES[extension] ?? 'application/octet-stream',
    cacheControl: cacheControlFor(urlPath),
    lastModified: blobs.modifiedAt(hash).toUTCString(),
    plain: { length: plainLength, body: encoded.gzip ? undefined : body },
    encoded,
    // From the release's blob on disk (written once, never changed). Made again, byte for byte
    // (the same zlib and settings), only if it is gone: a request to a release just replaced,
    // whose files were collected as unused.
    readEncoded: (encoding) => blobs.readEncoded(hash, encoding) ?? encodedFormsOf(urlPath, file.body)[encoding]!,
    extraHeaders,
  });
  return file;
};

/**
 * A release's files in memory, made before the release goes live: a request is then a map
 * lookup (a disk read only for the gzip form of a page not asked for in gzip lately, from a blob
 * that is never rewritten), and a release switch cannot catch a file half-written. A file that
 * the previous release had with the same content is taken over as it is, so a release after a
 * change reads only the pages that changed.
 */
export class StaticFiles {
  readonly files = new Map<string, StaticFile>();

  /**
   * `files`: URL path → content hash; `blobs` reads the bodies; `extraHeaders` are sent with
   * every file (security headers), as a flat [name, value, …] list.
   */
  /**
   * With `changed` (the URL paths a change added, changed or removed since `previous`), the
   * previous release's map is taken over whole and only those are looked at: a publish touches a
   * few of 40,000 files.
   */
  constructor(files: Record<string, string>, blobs: BlobSource, extraHeaders: string[] = [], previous?: StaticFiles, changed?: Iterable<string>) {
    if (previous && changed) {
      this.files = new Map(previous.files);
      for (const urlPath of changed) {
        const hash = Object.hasOwn(files, urlPath) ? files[urlPath] : undefined;
        const reused = previous.files.get(urlPath);
        if (hash === undefined) this.files.delete(urlPath);
        else if (reused?.hash !== hash) this.files.set(urlPath, prepareFile(urlPath, hash, blobs, extraHeaders));
      }
      return;
    }
    for (const [urlPath, hash] of Object.entries(files)) {
      const reused = previous?.files.get(urlPath);
      this.files.set(urlPath, reused?.hash === hash ? reused : prepareFile(urlPath, hash, blobs, extraHeaders));
    }
  }

  /** The file for a URL path: /a/ and /a both find /a/index.html. */
  find(urlPath: string): StaticFile | undefined {
    // The common case first: the path as requested, no decoding needed.
    const direct = this.files.get(urlPath) ?? this.files.get(urlPath.endsWith('/') ? `${urlPath}index.html` : `${urlPath}/index.html`);
    if (direct || !urlPath.includes('%')) return direct;
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    return this.files.get(decoded) ?? this.files.get(decoded.endsWith('/') ? `${decoded}index.html` : `${decoded}/index.html`);
  }

  get notFoundPage(): StaticFile | undefined {
    return this.files.get('/404.html');
  }
}

import { gunzipSync, gzipSync } from 'node:zlib';

/** One file of a release, ready to serve. */
export class StaticFile {
  /** Present when compressing pays (text formats). */
  readonly gzip?: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly cacheControl: string;
  /** Response headers made once, as flat [name, value, …] lists (Node's cheapest form). */
  readonly headers: { plain: string[]; gzip?: string[] };
  /** The content hash of the body (the blob's name). */
  readonly hash: string;
  private plain?: Buffer;

  constructor(fields: { body?: Buffer; gzip?: Buffer; contentType: string; etag: string; cacheControl: string; headers: StaticFile['headers']; hash: string }) {
    ({ gzip: this.gzip, contentType: this.contentType, etag: this.etag, cacheControl: this.cacheControl, headers: this.headers, hash: this.hash } = fields);
    // A compressed file keeps only its compressed form: nearly every client takes gzip, and a
    // site of 20,000 pages would otherwise hold its HTML twice. The plain body is made again on
    // the first request that needs it, and then kept.
    if (!this.gzip) this.plain = fields.body;
  }

  /** The uncompressed body. */
  get body(): Buffer {
    this.plain ??= gunzipSync(this.gzip as Buffer);
    return this.plain;
  }
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
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);

const extensionOf = (urlPath: string) => {
  const dot = urlPath.lastIndexOf('.');
  return dot > urlPath.lastIndexOf('/') ? urlPath.slice(dot).toLowerCase() : '';
};

// Astro puts content-hashed assets under /_astro/: they never change, so browsers may keep them
// for a year. Pages must be revalidated so that a publish shows at once.
const cacheControlFor = (urlPath: string) =>
  urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';

/** Where a release's bodies come from: the plain body, and the gzip form kept beside it. */
export interface BlobSource {
  read(hash: string): Buffer;
  readGzip(hash: string): Buffer | undefined;
}

/** Whether a file is worth compressing: text formats, and not tiny. */
const compressible = (urlPath: string, size: number) => COMPRESSIBLE.has(extensionOf(urlPath)) && size > 512;

/** Above this size a file is compressed at zlib's default level: the sitemap of a large site is megabytes. */
const LARGE_FILE = 256 * 1024;

/**
 * The gzip form of a file, made once when a release is written (pages at the highest level: made
 * once, served many times), or undefined when compressing does not pay.
 */
export const gzipFormOf = (urlPath: string, body: Uint8Array): Buffer | undefined =>
  compressible(urlPath, body.length) ? gzipSync(body, { level: body.length > LARGE_FILE ? 6 : 9 }) : undefined;

/**
 * A copy in memory of its own size: zlib's output keeps a much larger block alive behind it
 * (measured: 30 kB for a 3 kB page, 600 MB for a site of 20,000 pages; Buffer.from keeps it too).
 */
const exactCopy = (buffer: Buffer): Buffer => {
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
};

/** Makes a file ready to serve: its gzip form read (or, for an older release, made), headers made once. */
const prepareFile = (urlPath: string, hash: string, blobs: BlobSource, extraHeaders: string[]): StaticFile => {
  const extension = extensionOf(urlPath);
  let body: Buffer | undefined;
  let gzip = COMPRESSIBLE.has(extension) ? blobs.readGzip(hash) : undefined;
  if (!gzip) {
    body = blobs.read(hash);
    const made = gzipFormOf(urlPath, body);
    gzip = made && exactCopy(made);
  }
  // gzip's trailer holds the plain size, so the plain body need not be read to describe it.
  const plainLength = gzip ? gzip.readUInt32LE(gzip.length - 4) : (body as Buffer).length;
  const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
  // The content hash is already a strong validator; a prefix keeps the header short.
  const etag = `"${hash.slice(0, 27)}"`;
  const cacheControl = cacheControlFor(urlPath);
  const common = ['content-type', contentType, 'cache-control', cacheControl, 'etag', etag, 'vary', 'accept-encoding', ...extraHeaders];
  return new StaticFile({
    body,
    gzip,
    contentType,
    etag,
    cacheControl,
    hash,
    headers: {
      plain: [...common, 'content-length', String(plainLength)],
      gzip: gzip ? [...common, 'content-encoding', 'gzip', 'content-length', String(gzip.length)] : undefined,
    },
  });
};

/**
 * A release's files in memory, made before the release goes live: a request is then a map
 * lookup, never a disk read, and a release switch cannot catch a file half-written. A file that
 * the previous release had with the same content is taken over as it is, so a release after a
 * change reads and compresses only the pages that changed.
 */
export class StaticFiles {
  readonly files = new Map<string, StaticFile>();

  /**
   * `files`: URL path → content hash; `blobs` reads the bodies; `extraHeaders` are sent with
   * every file (security headers), as a flat [name, value, …] list.
   */
  constructor(files: Record<string, string>, blobs: BlobSource, extraHeaders: string[] = [], previous?: StaticFiles) {
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
    return (
      this.files.get(decoded) ??
      this.files.get(decoded.endsWith('/') ? `${decoded}index.html` : `${decoded}/index.html`)
    );
  }

  get notFoundPage(): StaticFile | undefined {
    return this.files.get('/404.html');
  }
}

import { gzipSync } from 'node:zlib';

export interface StaticFile {
  body: Buffer;
  /** Present when compressing pays (text formats). */
  gzip?: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
  /** Response headers made once, as flat [name, value, …] lists (Node's cheapest form). */
  headers: { plain: string[]; gzip?: string[] };
  /** The content hash of the body (the blob's name). */
  hash: string;
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

/** Makes a file ready to serve: compressed once, headers made once. */
const prepareFile = (urlPath: string, body: Buffer, hash: string, extraHeaders: string[]): StaticFile => {
  const extension = extensionOf(urlPath);
  const gzip = COMPRESSIBLE.has(extension) && body.length > 512 ? gzipSync(body) : undefined;
  const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
  // The content hash is already a strong validator; a prefix keeps the header short.
  const etag = `"${hash.slice(0, 27)}"`;
  const cacheControl = cacheControlFor(urlPath);
  const common = ['content-type', contentType, 'cache-control', cacheControl, 'etag', etag, 'vary', 'accept-encoding', ...extraHeaders];
  return {
    body,
    gzip,
    contentType,
    etag,
    cacheControl,
    hash,
    headers: {
      plain: [...common, 'content-length', String(body.length)],
      gzip: gzip ? [...common, 'content-encoding', 'gzip', 'content-length', String(gzip.length)] : undefined,
    },
  };
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
   * `files`: URL path → content hash; `readBody` reads a body by its hash; `extraHeaders` are
   * sent with every file (security headers), as a flat [name, value, …] list.
   */
  constructor(
    files: Record<string, string>,
    readBody: (hash: string) => Buffer,
    extraHeaders: string[] = [],
    previous?: StaticFiles,
  ) {
    for (const [urlPath, hash] of Object.entries(files)) {
      const reused = previous?.files.get(urlPath);
      this.files.set(urlPath, reused?.hash === hash ? reused : prepareFile(urlPath, readBody(hash), hash, extraHeaders));
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

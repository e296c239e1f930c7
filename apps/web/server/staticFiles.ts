import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

// Astro puts content-hashed assets under /_astro/: they never change, so browsers may keep them
// for a year. Pages must be revalidated so that a publish shows at once.
const cacheControlFor = (urlPath: string) =>
  urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';

/**
 * A release's files, read into memory once before the release goes live: a request is then a
 * map lookup, never a disk read, and a release switch cannot catch a file half-written.
 */
export class StaticFiles {
  readonly files = new Map<string, StaticFile>();

  /** `extraHeaders`: sent with every file (security headers), as a flat [name, value, …] list. */
  constructor(clientDir: string, extraHeaders: string[] = []) {
    for (const relative of readdirSync(clientDir, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(clientDir, relative);
      const extension = path.extname(file).toLowerCase();
      let body: Buffer;
      try {
        body = readFileSync(file);
      } catch {
        continue; // a directory
      }
      const urlPath = `/${relative.split(path.sep).join('/')}`;
      const gzip = COMPRESSIBLE.has(extension) && body.length > 512 ? gzipSync(body) : undefined;
      const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const cacheControl = cacheControlFor(urlPath);
      const common = ['content-type', contentType, 'cache-control', cacheControl, 'etag', etag, 'vary', 'accept-encoding', ...extraHeaders];
      this.files.set(urlPath, {
        body,
        gzip,
        contentType,
        etag,
        cacheControl,
        headers: {
          plain: [...common, 'content-length', String(body.length)],
          gzip: gzip ? [...common, 'content-encoding', 'gzip', 'content-length', String(gzip.length)] : undefined,
        },
      });
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

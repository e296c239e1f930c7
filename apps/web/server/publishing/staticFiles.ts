import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** The content codings a release keeps besides the plain body, most preferred first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** One way a file can be sent: its body (read when a request needs it), validator and headers. */
export interface Representation {
  readonly encoding: Encoding | 'identity';
  readonly etag: string;
  /** Response headers, as a flat [name, value, …] list (Node's cheapest form). */
  readonly headers: string[];
  readonly body: Buffer;
}

/**
 * How much memory the bodies read from disk (or made) for recent requests may hold together.
 * A release's bodies stay in their blobs on disk, and the ones asked for lately are kept here:
 * holding every page's brotli form (and its headers, for each coding) was most of the site
 * server's memory at 20,000 pages (apps/web/README.md, "Benchmarks"); a page asked for often
 * is a map lookup, one not asked for lately a read of a file that is never rewritten (the OS
 * keeps it in its page cache, outside the server's memory).
 */
const BODIES_BYTES = 32 * 1024 * 1024;

const bodies = new LRUCache<string, Buffer>({ maxSize: BODIES_BYTES, sizeCalculation: (body) => Math.max(1, body.length) });

/**
 * A body to keep in the cache, in memory of its own size. A small file read from disk is a
 * slice of Node's shared buffer pool, and zlib's output a slice of a larger block: a kept slice
 * would keep the whole block alive, with whatever was read beside it.
 */
const ownMemory = (buffer: Buffer): Buffer => {
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) return buffer;
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
};

/** What a file's blobs on disk say of it: when it was first kept, and the size of each form. */
export interface BlobDescription {
  modifiedAt: Date;
  size: number;
  /** The sizes of the coded forms kept beside the body. */
  encoded: Partial<Record<Encoding, number>>;
}

/** What a file needs that only its blobs can say, found at its first request. */
interface Described {
  lastModified: string;
  lengths: Partial<Record<Encoding | 'identity', number>>;
  /** The coded forms were not written with the release (one from before they were): made from the body when asked for. */
  made: boolean;
}

/**
 * One file of a release, ready to serve in each of its representations. It holds no body: a
 * few strings and, after its first request, its dates and sizes (a stat of its blobs); every
 * body is read (or made) when a request needs it, through a bounded cache of recent ones.
 */
export class StaticFile {
  readonly contentType: string;
  readonly cacheControl: string;
  /** The content hash of the plain body (the blob's name). */
  readonly hash: string;
  private readonly urlPath: string;
  private readonly blobs: BlobSource;
  private readonly extraHeaders: string[];
  private described: Described | undefined;

  constructor(urlPath: string, hash: string, blobs: BlobSource, extraHeaders: string[]) {
    const extension = extensionOf(urlPath);
    this.urlPath = urlPath;
    this.hash = hash;
    this.blobs = blobs;
    this.extraHeaders = extraHeaders;
    this.contentType = CONTENT_TYPES_BY_NAME[urlPath.slice(urlPath.lastIndexOf('/') + 1)] ?? CONTENT_TYPES[extension] ?? 'application/octet-stream';
    this.cacheControl = cacheControlFor(urlPath);
  }

  private describe(): Described {
    if (!this.described) {
      const { modifiedAt, size, encoded } = this.blobs.describe(this.hash);
      const lengths: Described['lengths'] = { identity: size };
      let made = false;
      if (compressible(this.urlPath, size)) {
        for (const encoding of ENCODINGS) if (encoded[encoding] !== undefined) lengths[encoding] = encoded[encoding];
        if (lengths.gzip === undefined && lengths.br === undefined) {
          // A release from before the coded forms were written beside the body: made once here, for their sizes.
          made = true;
          for (const [encoding, form] of Object.entries(encodedFormsOf(this.urlPath, this.blobs.read(this.hash))) as [Encoding, Buffer][]) {
            lengths[encoding] = form.length;
            bodies.set(`${this.hash}.${encoding}`, ownMemory(form));
          }
        }
      }
      this.described = { lastModified: modifiedAt.toUTCString(), lengths, made };
    }
    return this.described;
  }

  /** When the body was first kept (unchanged files keep their date from release to release). */
  get lastModified(): string {
    return this.describe().lastModified;
  }

  /** The codings this file can be sent in besides the plain body, most preferred first. */
  get encodings(): Encoding[] {
    const { lengths } = this.describe();
    return ENCODINGS.filter((encoding) => lengths[encoding] !== undefined);
  }

  /** The file in one coding (`identity`: the plain body), or undefined when it has no such form. */
  representation(encoding: Encoding | 'identity'): Representation | undefined {
    const { lastModified, lengths } = this.describe();
    const length = lengths[encoding];
    if (length === undefined) return undefined;
    // The content hash is already a strong validator (a prefix keeps the header short); each
    // coding is a representation of its own, with its own tag (RFC 9110, 8.8.3.3).
    const tag = this.hash.slice(0, 27);
    const etag = encoding === 'identity' ? `"${tag}"` : `"${tag}-${encoding === 'gzip' ? 'gz' : encoding}"`;
    const headers = [
      'content-type',
      this.contentType,
      'cache-control',
      this.cacheControl,
      'last-modified',
      lastModified,
      'vary',
      'accept-encoding',
      ...this.extraHeaders,
      'etag',
      etag,
      ...(encoding === 'identity' ? ['accept-ranges', 'bytes'] : ['content-encoding', encoding]),
      'content-length',
      String(length),
    ];
    // Read only when sent: a HEAD or a 304 needs no body.
    const body = () => this.bodyOf(encoding);
    return {
      encoding,
      etag,
      headers,
      get body() {
        return body();
      },
    };
  }

  /** The coded representations there are, by coding. */
  get encoded(): Partial<Record<Encoding, Representation>> {
    return Object.fromEntries(this.encodings.map((encoding) => [encoding, this.representation(encoding)]));
  }

  get identity(): Representation {
    return this.representation('identity')!;
  }

  /** The uncompressed body. */
  get body(): Buffer {
    return this.bodyOf('identity');
  }

  /**
   * A body, from the cache of recent ones, else from its blob. A coded form whose blob is gone
   * (a request to a release just replaced, whose files were collected as unused) is made again
   * from the body, byte for byte (the same zlib and settings), so its headers stay true.
   */
  private bodyOf(encoding: Encoding | 'identity'): Buffer {
    const key = encoding === 'identity' ? this.hash : `${this.hash}.${encoding}`;
    let body = bodies.get(key);
    if (!body) {
      if (encoding === 'identity') body = this.blobs.read(this.hash);
      else body = (!this.describe().made && this.blobs.readEncoded(this.hash, encoding)) || encodedFormsOf(this.urlPath, this.body)[encoding]!;
      body = ownMemory(body);
      bodies.set(key, body);
    }
    return body;
  }
}

/** Where a release's bodies come from: the plain body, the coded forms kept beside it, and what their files say. */
export interface BlobSource {
  read(hash: string): Buffer;
  readEncoded(hash: string, encoding: Encoding): Buffer | undefined;
  describe(hash: string): BlobDescription;
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

/**
 * A release's files, made before the release goes live: a request is a map lookup, then its
 * body from the cache of recent ones or from a blob that is never rewritten, so a release switch
 * cannot catch a file half-written. A file that the previous release had with the same content
 * is taken over as it is (with what its first request found out).
 */
export class StaticFiles {
  readonly files = new Map<string, StaticFile>();

  /**
   * `files`: URL path → content hash; `blobs` reads the bodies; `extraHeaders` are sent with
   * every file (security headers), as a flat [name, value, …] list. With `changed` (the URL paths a change added, changed or removed since `previous`), the
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
        else if (reused?.hash !== hash) this.files.set(urlPath, new StaticFile(urlPath, hash, blobs, extraHeaders));
      }
      return;
    }
    for (const [urlPath, hash] of Object.entries(files)) {
      const reused = previous?.files.get(urlPath);
      this.files.set(urlPath, reused?.hash === hash ? reused : new StaticFile(urlPath, hash, blobs, extraHeaders));
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

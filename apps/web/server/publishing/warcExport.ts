import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { WARCRecord, WARCSerializer, WARC_1_1 } from 'warcio';
import { LiveRelease } from './liveRelease.ts';
import type { LiveSpan, ReleaseStore } from './releases.ts';

/** A refusal the operator can act on: said in one line, no stack trace. */
export class ArchiveExportError extends Error {}

export interface WarcExportOptions {
  store: ReleaseStore;
  /** The moment whose site is wanted. */
  at: Date;
  /** The file to write (.warc.gz); never overwritten. */
  out: string;
  /** The public address (SITE_URL): each record's WARC-Target-URI is this plus the page's path. */
  siteUrl: string;
  /** The headers the server adds to every file, for a release whose live history does not record them (serverSecurityHeaders). */
  fallbackHeaders: string[];
}

export interface WarcExportResult {
  span: LiveSpan;
  records: number;
  bytes: number;
}

/**
 * Writes the public site as it was at a moment as a WARC 1.1 file (gzip per record, as
 * .warc.gz readers expect): a `warcinfo` record, then one `response` record per file of the
 * release live then, in address order. Each response is what the site server sends a client
 * that asks for no content coding: the status line, the headers the serving code makes for the
 * file (the same StaticFile as the server's, with the security headers of the live history) and
 * the plain body. Node adds Date and Connection on the wire; they describe a connection, not
 * the page, and are left out. A page is recorded at the address readers used (/plan/x/ for
 * /plan/x/index.html), every other file at its own; WARC-Date is the moment the release went live.
 */
export const exportWarc = async ({ store, at, out, siteUrl, fallbackHeaders }: WarcExportOptions): Promise<WarcExportResult> => {
  const span = store.liveAt(at);
  if (!span) {
    const first = store.history()[0];
    throw new ArchiveExportError(
      first
        ? `No release was live at ${at.toISOString()}: the site's first release went live at ${first.liveFrom}.`
        : `No release was live at ${at.toISOString()}: no release has been live yet (${store.dir}).`,
    );
  }
  if (existsSync(out)) throw new ArchiveExportError(`${out} exists already; give another --out (nothing is overwritten).`);
  const live = new LiveRelease(store, span.headers ?? fallbackHeaders, () => {});
  const release = live.load(span.releaseId);
  // Where readers found each file: a page at its address when the server finds the file there.
  const addressOf = new Map<string, string>();
  // An old address's page (301, 410) is recorded at that address, with its status and Location.
  const answerOf = new Map<string, { status: 301 | 410; location?: string }>();
  for (const [pagePath, page] of Object.entries(release.manifest.pages)) {
    if (page.status === 301 || page.status === 410) {
      addressOf.set(page.file, pagePath);
      answerOf.set(page.file, { status: page.status, ...(page.location ? { location: page.location } : {}) });
    } else if (release.files.find(pagePath) === release.files.files.get(page.file)) addressOf.set(page.file, pagePath);
  }
  const records = [...release.files.files.entries()]
    .map(([file, staticFile]) => ({ address: addressOf.get(file) ?? file, staticFile, answer: answerOf.get(file) }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

  const temporary = `${out}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx');
  let bytes = 0;
  const write = (chunk: Uint8Array) => {
    writeSync(fd, chunk);
    bytes += chunk.length;
  };
  try {
    const info = release.info;
    write(
      await WARCSerializer.serialize(
        WARCRecord.createWARCInfo(
          { filename: out.split('/').at(-1) ?? out, warcVersion: WARC_1_1, date: new Date().toISOString() },
          {
            software: "Mälardalsrådet's site server (apps/web/server/archive.ts), warcio.js",
            format: 'WARC File Format 1.1',
            conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
            isPartOf: siteUrl,
            description: `The public site ${siteUrl} as it was at ${at.toISOString()}: the release live from ${span.liveFrom} until ${span.liveUntil ?? 'the time of this export'}.`,
            'requested-moment': at.toISOString(),
            'release-id': span.releaseId,
            'release-live-from': span.liveFrom,
            ...(span.liveUntil ? { 'release-live-until': span.liveUntil } : {}),
            'release-built': info.builtAt,
            'release-content-hash': info.contentHash,
            'release-code-version': info.codeVersion,
          },
        ),
        { gzip: true },
      ),
    );
    for (const { address, staticFile, answer } of records) {
      const { headers, body } = staticFile.identity;
      const httpHeaders: [string, string][] = [];
      for (let index = 0; index + 1 < headers.length; index += 2) httpHeaders.push([headers[index]!, headers[index + 1]!]);
      if (answer?.location) httpHeaders.push(['location', answer.location]);
      const record = WARCRecord.create(
        {
          url: new URL(address, siteUrl).href,
          date: span.liveFrom,
          type: 'response',
          warcVersion: WARC_1_1,
          statusline: answer ? `HTTP/1.1 ${answer.status} ${answer.status === 301 ? 'Moved Permanently' : 'Gone'}` : 'HTTP/1.1 200 OK',
          httpHeaders,
        },
        [body],
      );
      write(await WARCSerializer.serialize(record, { gzip: true }));
    }
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, out);
  return { span, records: records.length + 1, bytes };
};

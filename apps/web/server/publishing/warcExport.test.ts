import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { LiveRelease } from './liveRelease.ts';
import { ReleaseStore, type ReleaseManifest } from './releases.ts';
import { ArchiveExportError, exportWarc } from './warcExport.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SECURITY = ['x-content-type-options', 'nosniff'];

/** Every record of a WARC file, read back with warcio: type, target, date, status, headers and body. */
const readWarc = async (file: string) => {
  const records = [];
  for await (const record of new WARCParser(createReadStream(file))) {
    const body = Buffer.from(await record.readFully(true));
    records.push({
      type: record.warcType,
      version: record.warcHeaders.protocol,
      uri: record.warcTargetURI,
      date: record.warcDate,
      status: record.httpHeaders?.statusCode,
      headers: record.httpHeaders ? Object.fromEntries(record.httpHeaders.headers as Iterable<[string, string]>) : undefined,
      body,
    });
  }
  return records;
};

describe('the WARC export', () => {
  it('writes the release live at the moment: a warcinfo record, then each file as the server sends it, read back by warcio', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warc-'));
    dirs.push(dir);
    const store = new ReleaseStore(dir, 3, () => {});
    const live = new LiveRelease(store, SECURITY, () => {});
    const page = (title: string) => `<!doctype html><html><body><h1>${title}</h1>${'<p>text</p>'.repeat(100)}</body></html>`;
    const release = (title: string): ReleaseManifest => ({
      files: {
        '/index.html': store.writeBlob(Buffer.from(page(title))),
        '/en/index.html': store.writeBlob(Buffer.from(page(`${title} (en)`))),
        '/plan/a/index.html': store.writeBlob(Buffer.from(page(`plan ${title}`))),
        '/404.html': store.writeBlob(Buffer.from(page('404'))),
        '/sitemap.xml': store.writeBlob(Buffer.from('<urlset><url><loc>https://example.org/</loc></url></urlset>')),
      },
      pages: {
        '/': { file: '/index.html', dependencies: [] },
        '/plan/a/': { file: '/plan/a/index.html', owner: 'plan:sv:a', dependencies: [] },
        '/404/': { file: '/404.html', dependencies: [] },
      },
    });
    const made = { kind: 'full', codeVersion: 'code', contentHash: 'c', fingerprint: 'f' } as const;
    const signal = new AbortController().signal;
    const before = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const first = live.publish(release('one'), made, null, signal);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const moment = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    live.publish(release('two'), made, first, signal);

    const out = path.join(dir, 'site.warc.gz');
    const result = await exportWarc({ store, at: moment, out, siteUrl: 'https://example.se', fallbackHeaders: [] });
    expect(result.span.releaseId).toBe(first.info.id);
    const records = await readWarc(out);
    expect(records[0]).toMatchObject({ type: 'warcinfo', version: 'WARC/1.1' });
    expect(records[0]?.body.toString()).toContain(`release-id: ${first.info.id}`);
    const responses = records.slice(1);
    expect(responses.map((record) => record.uri)).toEqual([
      'https://example.se/',
      'https://example.se/404.html',
      'https://example.se/en/index.html',
      'https://example.se/plan/a/',
      'https://example.se/sitemap.xml',
    ]);
    const liveFrom = store.history()[0]!.liveFrom;
    for (const record of responses) {
      expect(record).toMatchObject({ type: 'response', version: 'WARC/1.1', status: 200, date: liveFrom });
      // The headers the server made for the file (identity coding), the security headers of the time included.
      const file = first.files.find(new URL(record.uri!).pathname)!;
      const served = Object.fromEntries(file.identity.headers.flatMap((value, index, all) => (index % 2 === 0 ? [[value, all[index + 1]]] : [])));
      expect(record.headers).toEqual(served);
      expect(record.headers?.['x-content-type-options']).toBe('nosniff');
      expect(record.body.equals(file.body)).toBe(true);
    }
    expect(responses[0]?.body.toString()).toContain('<h1>one</h1>');

    // Nothing is overwritten; a moment before the first release says so.
    await expect(exportWarc({ store, at: moment, out, siteUrl: 'https://example.se', fallbackHeaders: [] })).rejects.toThrow(/exists already/);
    const early = path.join(dir, 'early.warc.gz');
    await expect(exportWarc({ store, at: before, out: early, siteUrl: 'https://example.se', fallbackHeaders: [] })).rejects.toThrow(
      new ArchiveExportError(`No release was live at ${before.toISOString()}: the site's first release went live at ${liveFrom}.`),
    );
    expect(existsSync(early)).toBe(false);
  });
});

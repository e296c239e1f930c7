import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRelease } from './liveRelease.ts';
import { RENDERER_API_VERSION } from '../../renderer-contract/index.ts';
import { ReleaseStore, type ReleaseManifest } from './releases.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a release's renderer", () => {
  it('is imported again after a failed import, not answered from the failure', async () => {
    const codeDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    dirs.push(codeDir);
    mkdirSync(path.join(codeDir, 'server'));
    const entry = path.join(codeDir, 'server', 'entry.mjs');
    // A bundle whose first evaluation fails (as one read while half written, or whose CMS
    // settings were wrong at start), then is fixed on disk.
    writeFileSync(entry, "throw new Error('broken bundle');\n");
    const store = { codeDir: () => codeDir } as unknown as ReleaseStore;
    const live = new LiveRelease(store, [], () => {});
    await expect(live.renderer('v1')).rejects.toThrow('broken bundle');
    writeFileSync(entry, `export const rendererApiVersion = ${RENDERER_API_VERSION};\nexport const renderer = { fixed: true };\n`);
    expect(await live.renderer('v1')).toEqual({ fixed: true });
    // Kept once it has loaded.
    expect(await live.renderer('v1')).toBe(await live.renderer('v1'));
  });
});

describe('making a release live', () => {
  it('checks, writes, switches and prunes in one call, and leaves the live release as it was when the check fails', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'releases-'));
    dirs.push(dir);
    const store = new ReleaseStore(dir, 2, () => {});
    const live = new LiveRelease(store, [], () => {});
    const html = (title: string) => store.writeBlob(Buffer.from(`<!doctype html><html><body><h1>${title}</h1></body></html>`));
    const release = (title: string): ReleaseManifest => ({
      files: {
        '/index.html': html(title),
        '/en/index.html': html(title),
        '/404.html': html('404'),
        '/sitemap.xml': store.writeBlob(Buffer.from('<urlset><url><loc>https://example.org/</loc></url></urlset>')),
      },
      pages: {},
    });
    const made = { kind: 'full', codeVersion: 'code', contentHash: 'content', fingerprint: 'cms' } as const;
    const signal = new AbortController().signal;

    const first = live.publish(release('one'), made, null, signal);
    expect(store.currentId()).toBe(first.info.id);
    expect(live.current()?.info.id).toBe(first.info.id);

    const broken = release('two');
    delete broken.files['/en/index.html'];
    expect(() => live.publish(broken, made, first, signal)).toThrow('The release has no /en/index.html.');
    expect(store.currentId()).toBe(first.info.id);
    expect(store.list().map((info) => info.id)).toEqual([first.info.id]);

    const aborted = new AbortController();
    aborted.abort(new Error('deadline'));
    expect(() => live.publish(release('two'), made, first, aborted.signal)).toThrow('deadline');
    expect(store.list().map((info) => info.id)).toEqual([first.info.id]);

    const second = live.publish(release('two'), made, first, signal);
    const third = live.publish(release('three'), made, second, signal);
    expect(store.currentId()).toBe(third.info.id);
    expect(live.current({ recheck: true })?.info.id).toBe(third.info.id);
    // Two kept (RELEASES_KEPT): the oldest is gone.
    expect(new Set(store.list().map((info) => info.id))).toEqual(new Set([second.info.id, third.info.id]));
  });
});

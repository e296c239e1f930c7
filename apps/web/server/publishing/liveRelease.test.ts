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
    // Every release that was live is kept, with when it went live and when it was replaced.
    expect(store.list().map((info) => info.id)).toEqual([first.info.id, second.info.id, third.info.id]);
    expect(store.history().map(({ releaseId, via }) => ({ releaseId, via }))).toEqual(
      [first, second, third].map((release) => ({ releaseId: release.info.id, via: 'publish' })),
    );
    expect(store.history().map((span) => span.liveUntil)).toEqual([store.history()[1]?.liveFrom, store.history()[2]?.liveFrom, null]);
    // The page of the first, as it was served, from the release live then.
    const then = live.releaseAt(new Date(store.history()[0]!.liveFrom));
    expect(then?.span.releaseId).toBe(first.info.id);
    expect(live.archivedFile(then!.manifest, '/')?.body.toString()).toContain('<h1>one</h1>');
    expect(live.archivedFile(then!.manifest, '/nowhere/')).toBeUndefined();
    expect(live.releaseAt(new Date(Date.parse(store.history()[0]!.liveFrom) - 1))).toBeUndefined();
  });
});

describe('a release made live by another site server on the same folder', () => {
  it('is served on the very next request, read as the delta on the one served, and told once; a publish over a release no longer live is refused', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'releases-'));
    dirs.push(dir);
    const [storeA, storeB] = [new ReleaseStore(dir, 2, () => {}), new ReleaseStore(dir, 2, () => {})];
    const toldA: string[] = [];
    const toldB: string[] = [];
    const a = new LiveRelease(storeA, [], () => {}, { recheckEveryRequest: true, onSwitchElsewhere: (id) => toldA.push(id) });
    const b = new LiveRelease(storeB, [], () => {}, { recheckEveryRequest: true, onSwitchElsewhere: (id) => toldB.push(id) });
    const html = (title: string) => storeA.writeBlob(Buffer.from(`<!doctype html><html><body><h1>${title}</h1></body></html>`));
    const base: ReleaseManifest = {
      files: {
        '/index.html': html('one'),
        '/en/index.html': html('one'),
        '/404.html': html('404'),
        '/sitemap.xml': storeA.writeBlob(Buffer.from('<urlset><url><loc>https://example.org/</loc></url></urlset>')),
      },
      pages: { '/': { file: '/index.html', dependencies: ['plan:sv:*'] } },
    };
    const signal = new AbortController().signal;
    const first = a.publish(base, { kind: 'full', codeVersion: 'code', contentHash: 'one', fingerprint: 'cms' }, null, signal);
    expect(b.current()?.info.id).toBe(first.info.id);
    const servedByB = b.current()!;

    const changed: ReleaseManifest = { ...base, files: { ...base.files, '/index.html': html('two') } };
    const second = a.publish(changed, { kind: 'change', codeVersion: 'code', contentHash: 'two', fingerprint: 'cms' }, first, signal);
    // No wait: B's very next request has it, read as the delta on the one it served.
    const next = b.current();
    expect(next?.info.id).toBe(second.info.id);
    expect(next?.files.find('/')?.body.toString()).toContain('<h1>two</h1>');
    expect(next?.manifest.pages['/']).toBe(servedByB.manifest.pages['/']);
    b.current();
    expect(toldB).toEqual([second.info.id]);
    expect(toldA).toEqual([]);
    // B, still holding `first` as its base, may not publish over `second`.
    expect(() => b.publish(changed, { kind: 'change', codeVersion: 'code', contentHash: 'three', fingerprint: 'cms' }, servedByB, signal)).toThrow(
      /moved on/,
    );
    expect(storeB.currentId()).toBe(second.info.id);
  });
});

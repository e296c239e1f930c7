import { appendFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReleaseStore, type ReleaseInfo } from './releases.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const scratch = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'releases-'));
  dirs.push(dir);
  return dir;
};

/** A committed release with one page, and its code build folder (as a full build leaves it). */
const commit = (store: ReleaseStore, title: string, codeVersion = 'code-1'): ReleaseInfo => {
  // Ids sort by time to the millisecond: two in one millisecond would sort by their random tail.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
  const info: ReleaseInfo = {
    id: store.newId(),
    builtAt: new Date().toISOString(),
    kind: 'change',
    codeVersion,
    contentHash: title,
    fingerprint: 'cms',
  };
  const hash = store.writeBlob(Buffer.from(`<h1>${title}</h1>`));
  store.commit(info, { files: { '/index.html': hash }, pages: { '/': { file: '/index.html', dependencies: [] } } });
  mkdirSync(store.codeDir(codeVersion), { recursive: true });
  return info;
};

describe('the live history', () => {
  it('keeps every release that was live, with when it went live and was replaced, across a restart', () => {
    const dir = scratch();
    const store = new ReleaseStore(dir, 2, () => {});
    const releases = ['one', 'two', 'three', 'four'].map((title) => {
      const info = commit(store, title);
      store.switchTo(info.id);
      store.prune();
      store.collectGarbage();
      return info;
    });
    expect(store.list().map((info) => info.id)).toEqual(releases.map((info) => info.id));
    // A new store on the same folder (the server restarted) reads the same history.
    const again = new ReleaseStore(dir, 2, () => {});
    const history = again.history();
    expect(history.map((span) => span.releaseId)).toEqual(releases.map((info) => info.id));
    expect(history.at(-1)?.liveUntil).toBeNull();
    expect(history[0]?.liveUntil).toBe(history[1]?.liveFrom);
    expect(again.liveAt(new Date(history[1]!.liveFrom))?.releaseId).toBe(releases[1]!.id);
    expect(again.liveAt(new Date(Date.parse(history[0]!.liveFrom) - 1))).toBeUndefined();
    expect(again.liveAt(new Date(Date.now() + 60_000))?.releaseId).toBe(releases[3]!.id);
  });

  it('records the headers each release was served with, on the lines where they changed', () => {
    const dir = scratch();
    const store = new ReleaseStore(dir, 3, () => {});
    const headers = [
      ['x-content-type-options', 'nosniff'],
      ['x-content-type-options', 'nosniff'],
      ['x-frame-options', 'DENY'],
    ];
    for (const served of headers) store.switchTo(commit(store, served.join()).id, 'publish', served);
    // A rollback from the command line does not know them: those of the line before hold.
    store.rollback();
    const lines = readFileSync(path.join(dir, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { headers?: string[] }).headers)).toEqual([headers[0], undefined, headers[2], undefined]);
    expect(new ReleaseStore(dir, 3, () => {}).history().map((span) => span.headers)).toEqual([headers[0], headers[1], headers[2], headers[2]]);
  });

  it('records a rollback as a moment a release went live', () => {
    const store = new ReleaseStore(scratch(), 3, () => {});
    const first = commit(store, 'one');
    store.switchTo(first.id);
    const second = commit(store, 'two');
    store.switchTo(second.id);
    expect(store.rollback().id).toBe(first.id);
    expect(store.history().map(({ releaseId, via }) => [releaseId, via])).toEqual([
      [first.id, 'publish'],
      [second.id, 'publish'],
      [first.id, 'rollback'],
    ]);
  });

  it('prunes only releases that were never live, and the code builds no recent release uses', () => {
    const store = new ReleaseStore(scratch(), 1, () => {});
    const first = commit(store, 'one', 'code-old');
    store.switchTo(first.id);
    const neverLive = commit(store, 'never', 'code-old');
    const second = commit(store, 'two', 'code-new');
    store.switchTo(second.id);
    const neverLivePage = store.manifest(neverLive.id).files['/index.html']!;
    expect(store.prune()).toEqual([neverLive.id]);
    store.collectGarbage();
    expect(store.list().map((info) => info.id)).toEqual([first.id, second.id]);
    // The first release's page stays (the archive serves it); its code build does not (RELEASES_KEPT 1).
    expect(store.readBlob(store.manifest(first.id).files['/index.html']!).toString()).toBe('<h1>one</h1>');
    expect(existsSync(store.codeDir('code-old'))).toBe(false);
    expect(existsSync(store.codeDir('code-new'))).toBe(true);
    // The never-live release's own page is collected.
    expect(() => store.readBlob(neverLivePage)).toThrow(/ENOENT/);
    // A rollback to a release without its code build is refused with the reason, and changes nothing.
    expect(() => store.rollback()).toThrow(/no longer has its code build/);
    expect(store.currentId()).toBe(second.id);
  });

  it('mends what a crash left: a half-written line, a switch without its line', () => {
    const dir = scratch();
    const store = new ReleaseStore(dir, 3, () => {});
    const first = commit(store, 'one');
    store.switchTo(first.id);
    // A crash while a line was written.
    appendFileSync(path.join(dir, 'history.jsonl'), '{"releaseId":"2026-');
    // A crash after the switch, before its line: the link moved, the history did not.
    const second = commit(store, 'two');
    symlinkSync(second.id, path.join(dir, '.current-crash'));
    renameSync(path.join(dir, '.current-crash'), path.join(dir, 'current'));
    const logged: string[] = [];
    const again = new ReleaseStore(dir, 3, (message) => logged.push(message));
    expect(readFileSync(path.join(dir, 'history.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    expect(again.history().map(({ releaseId, via }) => [releaseId, via])).toEqual([
      [first.id, 'publish'],
      [second.id, 'recovered'],
    ]);
    expect(again.history()[1]?.liveFrom).toBe(lstatSync(path.join(dir, 'current')).mtime.toISOString());
    expect(logged.join('\n')).toMatch(/half-written line[\s\S]*Recorded .* as live/);
  });

  it('starts the history of a releases folder made before it, from when each release was built', () => {
    const dir = scratch();
    const store = new ReleaseStore(dir, 3, () => {});
    const first = commit(store, 'one');
    store.switchTo(first.id);
    const second = commit(store, 'two');
    store.switchTo(second.id);
    // As an older server left it: no history.
    rmSync(path.join(dir, 'history.jsonl'));
    writeFileSync(path.join(dir, 'unrelated.txt'), '');
    const again = new ReleaseStore(dir, 3, () => {});
    expect(again.history().map(({ releaseId, liveFrom, via }) => [releaseId, liveFrom, via])).toEqual([
      [first.id, first.builtAt, 'inferred'],
      [second.id, second.builtAt, 'inferred'],
    ]);
  });
});

describe('manifests kept for ever', () => {
  it('are written as what changed from the release before, read back whole, with a whole one every so many (here 50)', () => {
    const dir = scratch();
    const store = new ReleaseStore(dir, 3, () => {}, { fullManifestEvery: 50 });
    const pages = 200;
    const files: Record<string, string> = {};
    const records: Record<string, { file: string; dependencies: string[] }> = {};
    for (let index = 0; index < pages; index++) {
      files[`/page-${index}/index.html`] = store.writeBlob(Buffer.from(`<h1>${index}</h1>`));
      records[`/page-${index}/`] = { file: `/page-${index}/index.html`, dependencies: [`plan:sv:${index}`, 'plan:sv:*'] };
    }
    const full = { kind: 'full', codeVersion: 'c', contentHash: 'h', fingerprint: 'f' } as const;
    let parent = { id: store.newId(), manifest: { files, pages: records } };
    store.commit({ id: parent.id, builtAt: new Date().toISOString(), ...full }, parent.manifest);
    const wholeSize = readFileSync(path.join(dir, parent.id, 'manifest.json')).length;
    const ids = [parent.id];
    for (let change = 1; change <= 60; change++) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      // As the publisher makes one: a copy of the manifest before, one page rendered again, one removed (the 10th).
      const manifest = { files: { ...parent.manifest.files }, pages: { ...parent.manifest.pages } };
      manifest.files['/page-0/index.html'] = store.writeBlob(Buffer.from(`<h1>0, change ${change}</h1>`));
      manifest.pages['/page-0/'] = { file: '/page-0/index.html', dependencies: [`plan:sv:0`, `change:${change}`] };
      if (change === 10) {
        delete manifest.files['/page-9/index.html'];
        delete manifest.pages['/page-9/'];
      }
      const id = store.newId();
      store.commit({ id, builtAt: new Date().toISOString(), ...full, kind: 'change' }, manifest, parent);
      parent = { id, manifest };
      ids.push(id);
    }
    // A delta is a small part of a whole manifest, and reads back as the whole.
    expect(readFileSync(path.join(dir, ids[5]!, 'delta.json')).length).toBeLessThan(wholeSize / 20);
    const fifth = new ReleaseStore(dir, 3, () => {}).manifest(ids[5]!);
    expect(fifth.files['/page-0/index.html']).toBe(store.writeBlob(Buffer.from('<h1>0, change 5</h1>')));
    expect(Object.keys(fifth.files)).toHaveLength(pages);
    expect(new ReleaseStore(dir, 3, () => {}).manifest(ids[60]!)).toEqual(parent.manifest);
    expect(Object.keys(store.manifest(ids[10]!).pages)).toHaveLength(pages - 1);
    // The 50th change in a row is written whole again.
    expect(existsSync(path.join(dir, ids[49]!, 'delta.json'))).toBe(true);
    expect(existsSync(path.join(dir, ids[50]!, 'manifest.json'))).toBe(true);
    expect(existsSync(path.join(dir, ids[51]!, 'delta.json'))).toBe(true);
    // Garbage collection sees every blob a delta names, and removes one no release names.
    const orphan = store.writeBlob(Buffer.from('<h1>written by a build that failed</h1>'));
    const fresh = new ReleaseStore(dir, 3, () => {});
    fresh.collectGarbage();
    expect(fresh.readBlob(fresh.manifest(ids[3]!).files['/page-0/index.html']!).toString()).toBe('<h1>0, change 3</h1>');
    expect(fresh.readBlob(fresh.manifest(ids[0]!).files['/page-9/index.html']!).toString()).toBe('<h1>9</h1>');
    expect(() => fresh.readBlob(orphan)).toThrow(/ENOENT/);
  });
});

describe("the renderer's content kept with each release", () => {
  it('is written as the parts that changed, read back whole, and its blobs are kept by garbage collection', () => {
    const dir = scratch();
    const store = new ReleaseStore(dir, 3, () => {});
    const part = (text: string) => store.writeBlob(Buffer.from(text));
    const page = store.writeBlob(Buffer.from('<h1>Start</h1>'));
    const full = { kind: 'full', codeVersion: 'c', contentHash: 'h', fingerprint: 'f' } as const;
    const first = {
      id: store.newId(),
      manifest: {
        files: { '/index.html': page },
        pages: { '/': { file: '/index.html', dependencies: [] } },
        content: { 'plan/sv/1': part('plans 1'), 'plan/sv/2': part('plans 2'), 'goal/sv/7': part('goals 7') },
      },
    };
    store.commit({ id: first.id, builtAt: new Date().toISOString(), ...full }, first.manifest);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    // A change: one part changed, one gone, one new; the pages as they were.
    const second = {
      id: store.newId(),
      manifest: {
        ...first.manifest,
        content: { 'plan/sv/1': part('plans 1, changed'), 'goal/sv/7': first.manifest.content['goal/sv/7'], 'plan/sv/3': part('plans 3') },
      },
    };
    store.commit({ id: second.id, builtAt: new Date().toISOString(), ...full, kind: 'change' }, second.manifest, first);
    const delta = JSON.parse(readFileSync(path.join(dir, second.id, 'delta.json'), 'utf8')) as Record<string, unknown>;
    expect(delta.content).toEqual({ 'plan/sv/1': second.manifest.content['plan/sv/1'], 'plan/sv/3': second.manifest.content['plan/sv/3'] });
    expect(delta.removedContent).toEqual(['plan/sv/2']);
    const fresh = new ReleaseStore(dir, 3, () => {});
    expect(fresh.manifest(second.id).content).toEqual(second.manifest.content);
    expect(fresh.manifest(first.id).content).toEqual(first.manifest.content);
    fresh.collectGarbage();
    for (const hash of [...Object.values(first.manifest.content), ...Object.values(second.manifest.content)])
      expect(fresh.readBlob(hash)).toBeDefined();
  });
});

describe('a delta told what the change touched', () => {
  it('is the delta found by comparing every file and page, and reads back the same manifest', () => {
    const record = (file: string, dependencies: string[]) => ({ file, dependencies });
    const parent = {
      files: { '/index.html': 'h1', '/a/index.html': 'h2', '/b/index.html': 'h3', '/_astro/x.css': 'h4' },
      pages: { '/': record('/index.html', ['k1']), '/a/': record('/a/index.html', ['k2']), '/b/': record('/b/index.html', ['k3']) },
    };
    // A changed page, a removed one, a new one; a page rendered again to the same record; the rest the parent's own objects.
    const child = {
      files: { '/index.html': 'h1', '/a/index.html': 'h2b', '/c/index.html': 'h5', '/_astro/x.css': 'h4' },
      pages: { '/': record('/index.html', ['k1']), '/a/': record('/a/index.html', ['k2', 'k4']), '/c/': record('/c/index.html', []) },
    };
    const changed = { files: ['/a/index.html', '/b/index.html', '/c/index.html', '/index.html'], pages: ['/', '/a/', '/b/', '/c/'] };
    const read = (hint: boolean) => {
      const store = new ReleaseStore(scratch(), 2, () => {});
      const info = (id: string, kind: 'full' | 'change'): ReleaseInfo => ({
        id,
        builtAt: new Date().toISOString(),
        kind,
        codeVersion: 'c',
        contentHash: id,
        fingerprint: 'f',
      });
      store.commit(info('r1', 'full'), parent);
      store.commit(info('r2', 'change'), child, { id: 'r1', manifest: parent, ...(hint ? { changed } : {}) });
      return { delta: JSON.parse(readFileSync(path.join(store.releaseDir('r2'), 'delta.json'), 'utf8')) as unknown, manifest: store.manifest('r2') };
    };
    const told = read(true);
    const walked = read(false);
    expect(told.delta).toEqual(walked.delta);
    expect(told.delta).toMatchObject({
      files: { '/a/index.html': 'h2b', '/c/index.html': 'h5' },
      removedFiles: ['/b/index.html'],
      removedPages: ['/b/'],
    });
    expect(Object.keys((told.delta as { pages: object }).pages).sort()).toEqual(['/a/', '/c/']);
    expect(told.manifest).toEqual({ files: child.files, pages: child.pages });
  });
});

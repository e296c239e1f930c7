import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReleaseStore, type ReleaseInfo, type ReleaseManifest } from './releases.ts';
import { LOCK_NAME, LOCK_STALE_MS, ReleasesLock } from './releasesLock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const scratch = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'releases-shared-'));
  dirs.push(dir);
  return dir;
};

const never = new AbortController().signal;

describe('the releases folder lock', () => {
  it('runs one job at a time: a second waits until the first is done', async () => {
    const dir = scratch();
    const [first, second] = [new ReleasesLock(dir), new ReleasesLock(dir)];
    const order: string[] = [];
    let finishFirst!: () => void;
    const firstDone = first.hold(never, async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      order.push('first ends');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const secondDone = second.hold(never, async () => {
      order.push('second starts');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual(['first starts']);
    finishFirst();
    await Promise.all([firstDone, secondDone]);
    expect(order).toEqual(['first starts', 'first ends', 'second starts']);
    expect(existsSync(path.join(dir, LOCK_NAME))).toBe(false);
  });

  it('takes over a lock left by a holder that died (stale), and gives up waiting when the job is aborted', async () => {
    const dir = scratch();
    mkdirSync(path.join(dir, LOCK_NAME));
    const waiting = new ReleasesLock(dir).hold(AbortSignal.timeout(300), async () => 'ran');
    await expect(waiting).rejects.toThrow(/timeout|aborted/i);
    const old = new Date(Date.now() - LOCK_STALE_MS - 5000);
    utimesSync(path.join(dir, LOCK_NAME), old, old);
    await expect(new ReleasesLock(dir).hold(never, async () => 'ran')).resolves.toBe('ran');
  });
});

const info = (store: ReleaseStore, contentHash: string): ReleaseInfo => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
  return { id: store.newId(), builtAt: new Date().toISOString(), kind: 'change', codeVersion: 'code-1', contentHash, fingerprint: 'cms' };
};

describe('two site servers on one releases folder', () => {
  it("never collect the blobs of the other's releases, and read its release after a change from the delta on the one they serve", () => {
    const dir = scratch();
    const a = new ReleaseStore(dir, 2, () => {});
    const b = new ReleaseStore(dir, 2, () => {});
    mkdirSync(a.codeDir('code-1'), { recursive: true });
    const page = (title: string) => a.writeBlob(Buffer.from(`<h1>${title}</h1>`));
    const first: ReleaseManifest = { files: { '/index.html': page('one') }, pages: { '/': { file: '/index.html', dependencies: ['plan:sv:*'] } } };
    const one = info(a, 'one');
    a.commit(one, first);
    a.switchTo(one.id);
    // B collects first (it learns every release there is now), then A publishes after a change.
    b.collectGarbage();
    const second: ReleaseManifest = {
      ...first,
      files: { ...first.files, '/a/index.html': page('two') },
      pages: { ...first.pages, '/a/': { file: '/a/index.html', dependencies: [] } },
    };
    const two = info(a, 'two');
    a.commit(two, second, { id: one.id, manifest: first });
    a.switchTo(two.id);
    b.collectGarbage();
    expect(b.readBlob(second.files['/a/index.html']!).toString()).toBe('<h1>two</h1>');
    // B serves `one`: A's `two` is read as the delta on it, its unchanged records shared with it.
    const read = b.manifest(two.id, { id: one.id, manifest: first });
    expect(read).toEqual(second);
    expect(read.pages['/']).toBe(first.pages['/']);
    expect(first.files['/a/index.html']).toBeUndefined();
    expect(b.manifest(two.id)).toEqual(second);
  });

  it('defer the tidying at start to repair(): a build the other is writing is not taken for a leftover', () => {
    const dir = scratch();
    const building = path.join(dir, '.building-2026-12-07T00-00-00-000Z-abcdef');
    mkdirSync(building, { recursive: true });
    const store = new ReleaseStore(dir, 2, () => {}, { deferRepair: true });
    expect(existsSync(building)).toBe(true);
    store.repair();
    expect(existsSync(building)).toBe(false);
  });
});

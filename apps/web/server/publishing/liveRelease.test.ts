import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRelease } from './liveRelease.ts';
import { RENDERER_API_VERSION } from '../../renderer-contract/index.ts';
import type { ReleaseStore } from './releases.ts';

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

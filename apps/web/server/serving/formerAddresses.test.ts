import { describe, expect, it } from 'vitest';
import type { LoadedRelease } from '../publishing/liveRelease.ts';
import type { ReleaseManifest } from '../publishing/releases.ts';
import type { StaticFile } from '../publishing/staticFiles.ts';
import { formerAddressAnswer, formerAddressTableOf } from './formerAddresses.ts';

const manifest: ReleaseManifest = {
  files: {},
  pages: {
    '/prioriterade-omraden/ny/': { file: '/prioriterade-omraden/ny/index.html', dependencies: [] },
    '/prioriterade-omraden/gammal/': {
      file: '/_former/prioriterade-omraden/gammal/index.html',
      dependencies: [],
      status: 301,
      location: '/prioriterade-omraden/ny/',
    },
    '/en/priority-areas/%C3%A5ker/': { file: '/_former/en/priority-areas/%C3%A5ker/index.html', dependencies: [], status: 410 },
    '/404/': { file: '/404.html', dependencies: [] },
  },
};
const file = (name: string) => ({ name }) as unknown as StaticFile;
const release = {
  files: {
    files: new Map([
      ['/_former/prioriterade-omraden/gammal/index.html', file('moved')],
      ['/_former/en/priority-areas/%C3%A5ker/index.html', file('gone')],
    ]),
  },
} as unknown as LoadedRelease;
const table = formerAddressTableOf(manifest);
const answer = (path: string) => formerAddressAnswer(table, release, path);

describe("a release's old addresses", () => {
  it('answers a moved page 301 with where it went, and a removed one 410, each with its page', () => {
    expect(answer('/prioriterade-omraden/gammal/')).toEqual({ status: 301, location: '/prioriterade-omraden/ny/', file: file('moved') });
    expect(answer('/en/priority-areas/%C3%A5ker/')).toEqual({ status: 410, file: file('gone') });
  });

  it('finds them without the trailing slash and percent-decoded, as files are found', () => {
    expect(answer('/prioriterade-omraden/gammal')?.status).toBe(301);
    expect(answer('/en/priority-areas/åker/')?.status).toBe(410);
    expect(answer('/en/priority-areas/%c3%a5ker')?.status).toBe(410);
  });

  it('knows nothing of pages, of addresses never used, or of malformed ones', () => {
    expect(answer('/prioriterade-omraden/ny/')).toBeUndefined();
    expect(answer('/prioriterade-omraden/finns-inte/')).toBeUndefined();
    expect(answer('/%E0%A4%A')).toBeUndefined();
    expect(formerAddressTableOf({ files: {}, pages: {} }).size).toBe(0);
  });
});

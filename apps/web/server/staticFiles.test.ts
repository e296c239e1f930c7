import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StaticFiles } from './staticFiles.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'static-files-'));
mkdirSync(path.join(dir, 'en'), { recursive: true });
mkdirSync(path.join(dir, '_astro'), { recursive: true });
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><h1>Start</h1>'.repeat(40));
writeFileSync(path.join(dir, 'en', 'index.html'), '<!doctype html><h1>Home</h1>');
writeFileSync(path.join(dir, '_astro', 'site.a1b2c3.css'), 'body{margin:0}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('StaticFiles', () => {
  const files = new StaticFiles(dir, ['x-content-type-options', 'nosniff']);

  it('finds pages with and without the trailing slash, and nothing outside the release', () => {
    expect(files.find('/')?.contentType).toBe('text/html; charset=utf-8');
    expect(files.find('/en')).toBe(files.find('/en/'));
    expect(files.find('/../../etc/passwd')).toBeUndefined();
    expect(files.find('/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
  });

  it('caches hashed assets for a year and makes pages revalidate', () => {
    expect(files.find('/_astro/site.a1b2c3.css')?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(files.find('/')?.cacheControl).toBe('public, max-age=0, must-revalidate');
  });

  it('prepares headers once, gzip included where it pays', () => {
    const page = files.find('/');
    expect(page?.headers.plain).toEqual(expect.arrayContaining(['x-content-type-options', 'nosniff', 'etag']));
    expect(page?.headers.gzip).toEqual(expect.arrayContaining(['content-encoding', 'gzip']));
    expect(files.find('/en/')?.headers.gzip).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { bucketOf, bucketsOfPart, partCountFor, PART_VERSIONS, sitemapPartOf, sitemapPartPath } from './sitemapParts';

const ids = Array.from({ length: 20_000 }, (_, index) => `doc${index.toString(36).padStart(6, '0')}x${(index * 7919).toString(36)}`);
const partOf = (id: string, parts: number) => bucketOf(id) % parts;

describe('sitemap parts', () => {
  it('has one part until a type outgrows it, then a power of two that keeps parts at PART_VERSIONS on average', () => {
    expect(partCountFor(0)).toBe(1);
    expect(partCountFor(PART_VERSIONS)).toBe(1);
    expect(partCountFor(PART_VERSIONS + 1)).toBe(2);
    expect(partCountFor(20_002)).toBe(16);
    expect(partCountFor(10_000_000)).toBe(1024);
  });

  it('keeps every document in its part when others are added or removed', () => {
    const parts = partCountFor(ids.length * 2);
    const before = new Map(ids.map((id) => [id, partOf(id, parts)]));
    // A part's content is a function of its documents alone: adding one more moves nobody.
    const added = [...ids, 'newdocumentid'];
    expect(partCountFor(added.length * 2)).toBe(parts);
    expect(ids.map((id) => partOf(id, parts))).toEqual(ids.map((id) => before.get(id)));
  });

  it('spreads documents evenly, far below the protocol limit of 50,000 addresses a part', () => {
    const parts = partCountFor(ids.length * 2);
    const sizes = new Array<number>(parts).fill(0);
    for (const id of ids) sizes[partOf(id, parts)]! += 2;
    expect(Math.max(...sizes)).toBeLessThan(PART_VERSIONS * 1.5);
    expect(Math.min(...sizes)).toBeGreaterThan(PART_VERSIONS * 0.5);
  });

  it('gives each bucket to exactly one part', () => {
    const seen = [0, 1, 2, 3].flatMap((part) => bucketsOfPart(part, 4));
    expect(new Set(seen).size).toBe(1024);
    expect(seen).toHaveLength(1024);
    expect(bucketsOfPart(3, 4).every((bucket) => bucket % 4 === 3)).toBe(true);
  });

  it('names parts by type and 1-based number, and reads the names back', () => {
    expect(sitemapPartPath('priority-area', 0)).toBe('/sitemap-priority-area-1.xml');
    expect(sitemapPartOf('priority-area-16')).toEqual({ type: 'priority-area', part: 15 });
    expect(sitemapPartOf('plan-1')).toEqual({ type: 'plan', part: 0 });
    expect(sitemapPartOf('pages')).toBe('pages');
    expect(sitemapPartOf('plan-0')).toBeUndefined();
    expect(sitemapPartOf('goal-1')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { unexplainedEntries } from './fingerprintChanges.ts';

const since = Date.parse('2026-12-07T17:35:41.459Z');
const recorded = {
  svOrganisation: { updatedAt: '2026-12-07T10:00:00.000Z', total: null },
  svAreas: { updatedAt: '2026-12-07T17:35:39.900Z', total: 10_031 },
  enAreas: { updatedAt: '2026-12-07T12:00:00.000Z', total: 10_031 },
};

describe('unexplainedEntries', () => {
  it('finds nothing when the entries are the same', () => {
    expect(unexplainedEntries(recorded, structuredClone(recorded), since)).toEqual([]);
  });

  it('excuses an edit made after the start began taking webhooks (its webhook comes here)', () => {
    const now = { ...recorded, svAreas: { updatedAt: '2026-12-07T17:35:42.100Z', total: 10_031 } };
    expect(unexplainedEntries(recorded, now, since)).toEqual([]);
  });

  it('does not excuse an edit made before the start (its webhook found no server)', () => {
    const now = { ...recorded, svAreas: { updatedAt: '2026-12-07T17:35:41.000Z', total: 10_031 } };
    expect(unexplainedEntries(recorded, now, since)).toEqual(['svAreas']);
  });

  it('does not excuse a changed count, nor a single type changed before the start, beside an excused edit', () => {
    const now = {
      svOrganisation: { updatedAt: '2026-12-07T17:00:00.000Z', total: null },
      svAreas: { updatedAt: '2026-12-07T17:35:42.100Z', total: 10_031 },
      enAreas: { updatedAt: '2026-12-07T17:35:42.100Z', total: 10_030 },
    };
    expect(unexplainedEntries(recorded, now, since)).toEqual(['svOrganisation', 'enAreas']);
  });

  it('counts every difference when the release recorded no entries, or an entry is new or gone', () => {
    expect(unexplainedEntries(undefined, recorded, since)).toEqual(['(no entries to compare)']);
    const { enAreas: _gone, ...fewer } = recorded;
    expect(unexplainedEntries(recorded, fewer, since)).toEqual(['enAreas']);
  });
});

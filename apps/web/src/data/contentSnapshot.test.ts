import { describe, expect, it } from 'vitest';
import { pageListingVersion, TypeSnapshot } from './contentSnapshot';

// A type kept in order (by `order`, then documentId) with an address (its slug), as the priority
// areas are: the list and the address map are kept up to date by each put, not made again, and
// must always equal what a fresh sort and a fresh map would give.
interface Area {
  documentId: string;
  order: number;
  slug: string;
  title: string;
}

const source = {
  loadAll: () => Promise.resolve([]),
  loadOne: () => Promise.resolve(null),
  compare: (a: Area, b: Area) => a.order - b.order,
  addressOf: (area: Area) => area.slug,
};

const freshOrder = (snapshot: TypeSnapshot<Area>) =>
  [...snapshot.kept.values()].map(({ doc }) => doc).sort((a, b) => a.order - b.order || a.documentId.localeCompare(b.documentId));

/** The address map a fresh walk makes: the first document in list order has the page. */
const freshAddresses = (snapshot: TypeSnapshot<Area>) => {
  const map = new Map<string, string>();
  for (const doc of freshOrder(snapshot)) if (!map.has(doc.slug)) map.set(doc.slug, doc.documentId);
  return map;
};

/** A small deterministic random sequence (the same every run). */
const randomFrom = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe('TypeSnapshot', () => {
  it('keeps its list in order and its addresses to the first in order through puts, changes and removals', () => {
    const random = randomFrom(7);
    const snapshot = new TypeSnapshot<Area>('priority-area', 'sv', source);
    const ids = Array.from({ length: 60 }, (_, index) => `doc${index}`);
    // Few slugs and orders, so that addresses and orders are shared often.
    const make = (documentId: string): Area => ({
      documentId,
      order: Math.floor(random() * 10),
      slug: `omrade-${Math.floor(random() * 15)}`,
      title: `Titel ${random()}`,
    });
    for (const id of ids.slice(0, 30)) snapshot.put(id, make(id), { journal: false });
    // Made once here; from now on kept by put().
    expect(snapshot.list()).toEqual(freshOrder(snapshot));
    for (let step = 0; step < 500; step++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const kept = snapshot.kept.get(id)?.doc;
      const roll = random();
      if (roll < 0.2) snapshot.put(id, null, { journal: false });
      else if (roll < 0.5 && kept) snapshot.put(id, { ...kept, title: `Ny titel ${step}` }, { journal: false });
      else snapshot.put(id, make(id), { journal: false });
      expect(snapshot.list()).toEqual(freshOrder(snapshot));
      for (const [address, documentId] of freshAddresses(snapshot)) expect(snapshot.at(address)?.documentId).toBe(documentId);
      expect(snapshot.at('omrade-som-inte-finns')).toBeUndefined();
    }
  });

  it('moves the listing version when an address appears, moves, goes or is shared, not when only a text changes', () => {
    const snapshot = new TypeSnapshot<Area>('priority-area', 'sv', source);
    const area = (documentId: string, slug: string, title = 'Titel', order = 1): Area => ({ documentId, order, slug, title });
    const moves = (change: () => void) => {
      const before = pageListingVersion();
      change();
      return pageListingVersion() !== before;
    };
    expect(moves(() => snapshot.put('a', area('a', 'forsta'), { journal: false }))).toBe(true); // appears
    expect(moves(() => snapshot.put('a', area('a', 'forsta', 'Ny titel'), { journal: false }))).toBe(false); // a text
    expect(moves(() => snapshot.put('a', area('a', 'forsta', 'Ny titel', 5), { journal: false }))).toBe(false); // its order, alone at its address
    expect(moves(() => snapshot.put('a', area('a', 'andra', 'Ny titel'), { journal: false }))).toBe(true); // moves
    expect(moves(() => snapshot.put('b', area('b', 'andra', 'B', 9), { journal: false }))).toBe(true); // shares it
    expect(moves(() => snapshot.put('b', area('b', 'andra', 'B', 0), { journal: false }))).toBe(true); // its order decides whose page it is
    expect(snapshot.at('andra')?.documentId).toBe('b');
    expect(moves(() => snapshot.put('b', null, { journal: false }))).toBe(true); // goes
    expect(snapshot.at('andra')?.documentId).toBe('a');
  });
});

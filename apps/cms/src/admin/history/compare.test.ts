import { describe, expect, it } from 'vitest';
import { blocksToText, compareFields, textDiff, type Schema } from './compare';

// What "Historik" shows of a version beside the draft: the shapes are the history's own
// (src/history/snapshot.ts: relations { documentId, label }, media { fileId, documentId, name })
// and the content manager's (relations fetched by name, files populated).
const PLAN: Schema = {
  attributes: {
    title: { type: 'string' },
    year: { type: 'integer' },
    body: { type: 'blocks' },
    priorityAreas: { type: 'relation', relation: 'oneToMany' },
    document: { type: 'media' },
    seo: { type: 'component', component: 'shared.seo' },
    createdAt: { type: 'datetime' },
  },
};
const COMPONENTS: Record<string, Schema> = { 'shared.seo': { attributes: { metaTitle: { type: 'string' }, metaDescription: { type: 'text' } } } };

const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });

describe('the comparison of a version with the draft', () => {
  it('reads rich text as its words, one line per block, lists and images included', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Mål' }] },
      paragraph({ type: 'text', text: 'Läs mer i ' }, { type: 'link', url: 'https://example.org', children: [{ type: 'text', text: 'planen' }] }),
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'ett' }] }] },
      { type: 'image', image: { name: 'karta.png', alternativeText: 'Karta över regionen' }, children: [{ type: 'text', text: '' }] },
    ];
    expect(blocksToText(blocks)).toBe('Mål\nLäs mer i planen\n1. ett\n[Bild: Karta över regionen]');
  });

  it('compares field by field in Swedish, relations and files by reference and named as the draft names them', () => {
    const version = {
      title: 'Verksamhetsplan 2026',
      year: 2026,
      body: [paragraph({ type: 'text', text: 'Vi började mäta.' })],
      priorityAreas: [
        { documentId: 'a1', label: 'Transporter (gammalt namn)' },
        { documentId: 'gone', label: 'Borttaget område' },
      ],
      document: { fileId: 7, documentId: 'f7', name: 'plan.pdf' },
      seo: { metaTitle: 'Planen', metaDescription: null },
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const draft = {
      title: 'Verksamhetsplan 2026 (reviderad)',
      year: 2026,
      body: [paragraph({ type: 'text', text: 'Vi mätte i hela regionen.' })],
      priorityAreas: [{ id: 3, documentId: 'a1', title: 'Transporter' }],
      document: { id: 7, documentId: 'f7', name: 'plan.pdf', url: '/uploads/plan.pdf' },
      seo: { id: 9, metaTitle: 'Planen', metaDescription: null },
      createdAt: '2026-02-01T00:00:00.000Z',
    };
    const names = new Map([
      ['a1', 'Transporter'],
      ['f7', 'plan.pdf'],
    ]);
    const rows = compareFields('api::plan.plan', PLAN, COMPONENTS, version, draft, names);
    expect(rows.map((row) => [row.label, row.version, row.current, row.changed])).toEqual([
      ['Rubrik', 'Verksamhetsplan 2026', 'Verksamhetsplan 2026 (reviderad)', true],
      ['År', '2026', '2026', false],
      ['Innehåll', 'Vi började mäta.', 'Vi mätte i hela regionen.', true],
      // A renamed area is the same area; the one deleted since is the difference.
      ['Prioriterade områden', 'Borttaget område\nTransporter', 'Transporter', true],
      ['Dokument (PDF)', 'plan.pdf', 'plan.pdf', false],
      ['Sökmotorer och delning', 'Titel för sökmotorer: Planen', 'Titel för sökmotorer: Planen', false],
    ]);
  });

  it('marks the words only one side has', () => {
    expect(textDiff('Verksamhetsplan 2026', 'Verksamhetsplan 2026 (reviderad)')).toEqual([
      { value: 'Verksamhetsplan 2026', kind: 'same' },
      { value: ' (reviderad)', kind: 'added' },
    ]);
  });
});

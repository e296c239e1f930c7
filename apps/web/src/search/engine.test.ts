import { describe, expect, it } from 'vitest';
import {
  blocksText,
  createSearchIndex,
  excerptOf,
  MAX_QUERY_WORDS,
  normalizeQuery,
  queryWords,
  removeDocuments,
  searchIndex,
  upsertDocuments,
  type ExcerptPart,
} from './engine';

const marked = (parts: ExcerptPart[]) => parts.filter((part) => part.marked).map((part) => part.text);

const swedish = () =>
  createSearchIndex('sv', [
    {
      id: 'area',
      path: '/prioriterade-omraden/strategisk-kompetensforsorjning/',
      kind: 'Prioriterat område',
      title: 'Strategisk kompetensförsörjning',
      year: 2018,
      text: 'Regionen behöver fler utbildade. Matchningen på arbetsmarknaden ska bli bättre i hela Mälardalen.',
    },
    {
      id: 'plan',
      path: '/verksamhetsplaner/2018/',
      kind: 'Verksamhetsplan',
      title: 'Verksamhetsplan 2018',
      year: 2018,
      text: 'Planen tar upp kompetensförsörjningen och infrastrukturen. Verksamhetsplan 2018 (PDF, 1,2 MB)',
    },
  ]);

describe('the search engine', () => {
  it('finds Swedish word forms and words typed without å, ä and ö', () => {
    const index = swedish();
    for (const query of ['kompetensförsörjningen', 'kompetensforsorjning', 'KOMPETENSFÖRSÖRJNING', 'mälardalen', 'malardalen', 'utbildad']) {
      expect(searchIndex(index, query).total, query).toBeGreaterThan(0);
    }
    const hit = searchIndex(index, 'kompetensforsorjningen').hits.find((candidate) => candidate.path.includes('strategisk'));
    expect(marked(hit?.title ?? [])).toEqual(['kompetensförsörjning']);
  });

  it('needs every word of the query, and marks each in the excerpt', () => {
    const index = swedish();
    const result = searchIndex(index, 'bättre Mälardalen');
    expect(result.hits.map((hit) => hit.path)).toEqual(['/prioriterade-omraden/strategisk-kompetensforsorjning/']);
    expect(result.hits.map((hit) => hit.id)).toEqual(['area']);
    const text = 'Regionen behöver fler utbildade. Matchningen på arbetsmarknaden ska bli bättre i hela Mälardalen.';
    expect(marked(excerptOf(index, 'bättre Mälardalen', text))).toEqual(['bättre', 'Mälardalen']);
    expect(searchIndex(index, 'bättre infrastrukturen').total).toBe(0);
  });

  it('uses English stemming for English', () => {
    const index = createSearchIndex('en', [
      { id: 'a', path: '/en/a/', kind: 'Priority area', title: 'Stronger capacity for innovation', text: 'Spreading examples of innovations.' },
    ]);
    expect(searchIndex(index, 'innovations').total).toBe(1);
    expect(searchIndex(index, 'spread').total).toBe(1);
  });

  it('replaces and removes documents', () => {
    const index = swedish();
    upsertDocuments(index, [
      { id: 'plan', path: '/verksamhetsplaner/2019/', kind: 'Verksamhetsplan', title: 'Verksamhetsplan 2019', year: 2019, text: 'Ny text.' },
    ]);
    expect(searchIndex(index, 'infrastrukturen').total).toBe(0);
    expect(searchIndex(index, 'verksamhetsplan').hits.map((hit) => hit.path)).toEqual(['/verksamhetsplaner/2019/']);
    removeDocuments(index, ['plan', 'unknown']);
    expect(searchIndex(index, 'verksamhetsplan').total).toBe(0);
  });

  it('finds nothing for an empty query or one of punctuation only', () => {
    const index = swedish();
    for (const query of ['', '   ', '<>"', '…']) expect(searchIndex(index, query)).toEqual({ total: 0, hits: [] });
  });

  it('takes any character in a query, control characters included, and finds what the words around them find', () => {
    const index = swedish();
    const plain = searchIndex(index, 'plan');
    expect(plain.total).toBeGreaterThan(0);
    // NUL ended FTS5's quoted string early: "unterminated string".
    expect(searchIndex(index, '\u0000plan')).toEqual(plain);
    expect(searchIndex(index, 'plan\u0000')).toEqual(plain);
    expect(normalizeQuery('\u0000plan\u0007 \u009f')).toBe('plan');
    // Every character of the first blocks (controls, Latin, punctuation), then a sample of the rest.
    const failures: string[] = [];
    for (let code = 0; code <= 0xffff; code += code < 0x400 ? 1 : 61) {
      const character = String.fromCharCode(code);
      for (const query of [character, `${character}plan`, `pla${character}n"*`, `"${character}`]) {
        try {
          searchIndex(index, normalizeQuery(query));
        } catch (error) {
          failures.push(`U+${code.toString(16)} in ${JSON.stringify(query)}: ${String(error)}`);
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('searches at most eight words, counted as the index splits them', () => {
    expect(normalizeQuery('  ett\ttvå\n tre ')).toBe('ett två tre');
    expect(queryWords('ett två tre fyra fem sex sju åtta nio')).toEqual(['ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta']);
    // Punctuation splits words too: a query of fifty one-letter words is eight words.
    expect(queryWords('s.r.k.'.repeat(16))).toHaveLength(MAX_QUERY_WORDS);
  });

  it('reads the text of blocks and of plain text fields', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Rubrik' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Läs ' },
          { type: 'link', url: '/x', children: [{ type: 'text', text: 'rapporten' }] },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'ett' }] }] },
      {
        type: 'image',
        image: { url: '/uploads/karta.png', alternativeText: 'karta.png', currentAlt: 'Karta över regionen' },
        children: [{ type: 'text', text: '' }],
      },
    ];
    expect(blocksText(blocks)).toBe('Rubrik Läs rapporten. ett Karta över regionen');
    expect(blocksText('En ingress.')).toBe('En ingress.');
    expect(blocksText(null)).toBe('');
  });
});

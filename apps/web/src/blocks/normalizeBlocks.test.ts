import { describe, expect, it } from 'vitest';
import { normalizeBlocks, safeHref } from './normalizeBlocks';

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });
const heading = (level: number, value: string) => ({ type: 'heading', level, children: [text(value)] });

describe('safeHref', () => {
  it('keeps http, https, mailto, tel and site-relative links', () => {
    expect(safeHref('https://www.digg.se/tdosanmalan')).toBe('https://www.digg.se/tdosanmalan');
    expect(safeHref('mailto:info@example.org')).toBe('mailto:info@example.org');
    expect(safeHref('tel:+4686000000')).toBe('tel:+4686000000');
    expect(safeHref('/verksamhetsplaner/2018/')).toBe('/verksamhetsplaner/2018/');
    expect(safeHref('#kontakt')).toBe('#kontakt');
  });

  it('drops script and data URLs, however they are disguised', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JavaScript:alert(1)')).toBeNull();
    expect(safeHref(' java\tscript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHref('vbscript:msgbox(1)')).toBeNull();
    expect(safeHref('//evil.example/')).toBeNull();
    expect(safeHref(42)).toBeNull();
  });
});

describe('normalizeBlocks', () => {
  it('keeps text that looks like HTML as text', () => {
    const blocks = normalizeBlocks([paragraph(text('<script>alert(1)</script> och <b>fet</b>'))]);
    expect(blocks).toEqual([
      { kind: 'paragraph', children: [expect.objectContaining({ kind: 'text', text: '<script>alert(1)</script> och <b>fet</b>' })] },
    ]);
  });

  it('turns a javascript: link into its plain text, and keeps safe links', () => {
    const [block] = normalizeBlocks([
      paragraph({ type: 'link', url: 'javascript:alert(1)', children: [text('klicka')] }, text(' och '), {
        type: 'link',
        url: 'https://www.digg.se/tdosanmalan',
        children: [text('Digg')],
      }),
    ]);
    expect(block).toEqual({
      kind: 'paragraph',
      children: [
        expect.objectContaining({ kind: 'text', text: 'klicka' }),
        expect.objectContaining({ kind: 'text', text: ' och ' }),
        { kind: 'link', href: 'https://www.digg.se/tdosanmalan', children: [expect.objectContaining({ text: 'Digg' })] },
      ],
    });
  });

  it('drops unknown node types, raw HTML nodes and malformed input', () => {
    expect(normalizeBlocks([{ type: 'html', value: '<iframe src="https://evil.example">' }, null, 'text', paragraph()])).toEqual([]);
    expect(normalizeBlocks(null)).toEqual([]);
    expect(normalizeBlocks({ type: 'paragraph' })).toEqual([]);
  });

  it('fits headings under the page heading without skipping levels', () => {
    const levels = normalizeBlocks([heading(1, 'A'), heading(4, 'B'), heading(2, 'C')]).map((block) =>
      block.kind === 'heading' ? block.level : null,
    );
    expect(levels).toEqual([2, 3, 3]);
    const inSection = normalizeBlocks([heading(2, 'A'), heading(3, 'B')], { baseHeadingLevel: 3 });
    expect(inSection.map((block) => (block.kind === 'heading' ? block.level : null))).toEqual([3, 4]);
  });

  it('keeps text marks and nests sublists under their item', () => {
    const [list] = normalizeBlocks([
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [text('ett', { bold: true })] },
          { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('ett a')] }] },
          { type: 'list-item', children: [text('två')] },
        ],
      },
    ]);
    expect(list).toMatchObject({
      kind: 'list',
      ordered: true,
      items: [
        { children: [{ text: 'ett', bold: true }], sublist: { ordered: false, items: [{ children: [{ text: 'ett a' }] }] } },
        { children: [{ text: 'två' }] },
      ],
    });
  });

  it("resolves uploaded images against the media URL and takes the file's current text alternative, never the editor's copy", () => {
    const [image, unknown] = normalizeBlocks(
      [
        // The copy says the file name (the block editor's fallback); currentAlt is the file's alt text now.
        {
          type: 'image',
          image: { url: '/uploads/karta.png', alternativeText: 'karta.png', currentAlt: 'Karta över regionen', width: 800, height: 600 },
        },
        { type: 'image', image: { url: '/uploads/utan-alt.png', alternativeText: 'utan-alt.png' } },
      ],
      { mediaUrl: 'https://cms.example.org/' },
    );
    expect(image).toEqual({
      kind: 'image',
      src: 'https://cms.example.org/uploads/karta.png',
      alt: 'Karta över regionen',
      width: 800,
      height: 600,
    });
    expect(unknown).toMatchObject({ kind: 'image', alt: '' });
  });

  it('serves an upload saved with another CMS address (the one the editor used) from the media URL', () => {
    const sources = normalizeBlocks(
      [
        { type: 'image', image: { url: 'http://localhost:1337/uploads/karta.png', alternativeText: 'Karta' } },
        { type: 'image', image: { url: 'https://cdn.example.net/bilder/foto.jpg', alternativeText: 'Foto' } },
      ],
      { mediaUrl: 'http://127.0.0.1:1337' },
    ).map((block) => (block.kind === 'image' ? block.src : null));
    expect(sources).toEqual(['http://127.0.0.1:1337/uploads/karta.png', 'https://cdn.example.net/bilder/foto.jpg']);
  });
});

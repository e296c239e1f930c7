import { describe, expect, it } from 'vitest';
import { checkAtomFeed } from '../../test/support/atomFeed';
import { renderAtomFeed, type AtomFeed } from './atomFeed';

const feed = (entries: AtomFeed['entries']): AtomFeed => ({
  selfUrl: 'https://www.example.org/verksamhetsplaner/atom.xml',
  pageUrl: 'https://www.example.org/verksamhetsplaner/',
  lang: 'sv',
  title: 'Verksamhetsplaner – Mälardalsrådet',
  subtitle: 'Varje år beskriver verksamhetsplanen …',
  updated: '2026-11-27T00:00:00+01:00',
  author: { name: 'Mälardalsrådet', uri: 'https://www.example.org/' },
  entries,
});

describe('renderAtomFeed', () => {
  it('writes Atom that a strict parser and a feed reader accept', () => {
    const checked = checkAtomFeed(
      renderAtomFeed(
        feed([
          {
            url: 'https://www.example.org/verksamhetsplaner/2018/',
            title: 'Verksamhetsplan 2018',
            updated: '2026-11-27T00:00:00+01:00',
            summary: 'Planen.',
          },
          { url: 'https://www.example.org/verksamhetsplaner/2017/', title: 'Verksamhetsplan 2017', updated: '2026-06-01T00:00:00+02:00' },
        ]),
      ),
    );
    expect(checked).toMatchObject({
      lang: 'sv',
      id: 'https://www.example.org/verksamhetsplaner/atom.xml',
      selfLink: 'https://www.example.org/verksamhetsplaner/atom.xml',
      alternateLink: 'https://www.example.org/verksamhetsplaner/',
    });
    expect(checked.entries.map((entry) => [entry.id, entry.link, entry.summary])).toEqual([
      ['https://www.example.org/verksamhetsplaner/2018/', 'https://www.example.org/verksamhetsplaner/2018/', 'Planen.'],
      ['https://www.example.org/verksamhetsplaner/2017/', 'https://www.example.org/verksamhetsplaner/2017/', undefined],
    ]);
    expect(checked.reader.items.map((item) => item.title)).toEqual(['Verksamhetsplan 2018', 'Verksamhetsplan 2017']);
  });

  it('keeps plain text plain: markup is escaped, characters XML forbids are dropped', () => {
    const xml = renderAtomFeed(
      feed([
        {
          url: 'https://www.example.org/verksamhetsplaner/2030/?a=1&b="2"',
          title: 'Plan <2030> & "mål" \u000b</title><script>',
          updated: '2026-11-27T00:00:00+01:00',
          summary: 'Rad ett\u000Brad två ]]> \uD800',
        },
      ]),
    );
    expect(xml).not.toContain('<script>');
    const [entry] = checkAtomFeed(xml).entries;
    expect(entry?.title).toBe('Plan <2030> & "mål" </title><script>');
    expect(checkAtomFeed(xml).reader.items[0]?.title).toBe('Plan <2030> & "mål" </title><script>');
    expect(entry?.summary).toBe('Rad ettrad två ]]> ');
    expect(entry?.link).toBe('https://www.example.org/verksamhetsplaner/2030/?a=1&b="2"');
  });

  it('is checked by a strict parser (the check itself refuses what is not Atom)', () => {
    expect(() => checkAtomFeed('<feed xmlns="http://www.w3.org/2005/Atom"><id>a</id>')).toThrow();
    expect(() => checkAtomFeed('<feed><id>a</id><title>t</title><updated>2026-11-27T00:00:00Z</updated></feed>')).toThrow(/not atom:feed/);
    const noEntryDate = renderAtomFeed(feed([{ url: 'https://www.example.org/a/', title: 'A', updated: '27 november 2026' }]));
    expect(() => checkAtomFeed(noEntryDate)).toThrow(/RFC 3339/);
  });

  it('is a valid feed without entries', () => {
    expect(checkAtomFeed(renderAtomFeed(feed([]))).entries).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { cutSlug, slugify } from './slugify';

describe('slugify', () => {
  it('drops Swedish diacritics and joins words with single hyphens', () => {
    expect(slugify('Infrastruktur och transporter – En Bättre Sits storregionala systemanalys')).toBe(
      'infrastruktur-och-transporter-en-battre-sits-storregionala-systemanalys',
    );
    expect(slugify('En stärkt innovationsförmåga i offentlig sektor')).toBe('en-starkt-innovationsformaga-i-offentlig-sektor');
  });

  it('trims punctuation at both ends', () => {
    expect(slugify('  Studieresa till Berlin! ')).toBe('studieresa-till-berlin');
  });
});

describe('slugify at most 80 characters', () => {
  it('cuts a long title at the last whole word within 80 characters', () => {
    const title = 'Ett mycket långt namn på ett prioriterat område som fortsätter och fortsätter långt efter vad någon orkar läsa i en adress';
    const slug = slugify(title);
    expect(slug).toBe('ett-mycket-langt-namn-pa-ett-prioriterat-omrade-som-fortsatter-och-fortsatter');
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slugify(title).endsWith('-')).toBe(false);
  });

  it('keeps a word that ends exactly at the limit, and cuts one long word at the limit', () => {
    const eighty = `${'a'.repeat(39)}-${'b'.repeat(40)}`;
    expect(slugify(`${eighty} c`)).toBe(eighty);
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
    expect(cutSlug('abc-def', 5)).toBe('abc');
  });
});

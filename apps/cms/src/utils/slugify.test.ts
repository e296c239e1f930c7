import { describe, expect, it } from 'vitest';
import { slugify } from './slugify';

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

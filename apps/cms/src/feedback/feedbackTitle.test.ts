import { describe, expect, it } from 'vitest';
import { FEEDBACK_TITLE_MAX_LENGTH, feedbackTitle } from './feedbackTitle';

describe('feedbackTitle', () => {
  it('is a short message itself, its spaces and line breaks made single spaces', () => {
    expect(feedbackTitle('Pdf:en går inte att läsa.')).toBe('Pdf:en går inte att läsa.');
    expect(feedbackTitle('  rad ett\n\n\trad   två \n')).toBe('rad ett rad två');
  });

  it('is the first whole words of a long message, with "…", never longer than the limit', () => {
    const message = 'Pdf:en med verksamhetsplanen för 2018 går inte att läsa med skärmläsare, och tabellerna saknar rubriker.';
    const title = feedbackTitle(message);
    expect(title).toBe('Pdf:en med verksamhetsplanen för 2018 går inte att läsa med…');
    expect(title.length).toBeLessThanOrEqual(FEEDBACK_TITLE_MAX_LENGTH);
    expect(message.startsWith(title.slice(0, -1))).toBe(true);
  });

  it('cuts a first word longer than the limit, by character', () => {
    expect(feedbackTitle('å'.repeat(200))).toBe(`${'å'.repeat(FEEDBACK_TITLE_MAX_LENGTH - 1)}…`);
    expect(Array.from(feedbackTitle('😀'.repeat(100))).length).toBe(FEEDBACK_TITLE_MAX_LENGTH);
  });
});

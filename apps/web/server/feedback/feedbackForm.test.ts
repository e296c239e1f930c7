import { decodeFeedbackState, encodeFeedbackState, FEEDBACK_LIMITS } from '@malardalsradet/site-contract';
import { describe, expect, it } from 'vitest';
import { checkFeedbackForm, FEEDBACK_MAX_BODY_BYTES } from './feedbackForm.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const fixedId = () => '00000000-0000-4000-8000-000000000000';

describe('checkFeedbackForm', () => {
  it('accepts a message with its page and reply address, as the reader wrote them, with an id of its own', () => {
    const verdict = checkFeedbackForm(
      form({ message: 'PDF:en går inte att läsa.\r\nTack!', page: ' /verksamhetsplaner/2026/ ', replyTo: 'anna@example.se', website: '' }),
      'sv',
      fixedId,
    );
    expect(verdict).toEqual({
      kind: 'accepted',
      submission: {
        submissionId: fixedId(),
        message: 'PDF:en går inte att läsa.\nTack!',
        page: '/verksamhetsplaner/2026/',
        replyTo: 'anna@example.se',
        locale: 'sv',
      },
    });
    const made = checkFeedbackForm(form({ message: 'x' }), 'en');
    expect(made.kind === 'accepted' && made.submission.submissionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps hostile text verbatim: escaping is the renderer’s job', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "\'; DROP TABLE feedbacks; -- \u202e';
    const verdict = checkFeedbackForm(form({ message: hostile, page: '/"><svg onload=alert(3)>' }), 'sv');
    expect(verdict.kind === 'accepted' && verdict.submission.message).toBe(hostile);
    expect(verdict.kind === 'accepted' && verdict.submission.page).toBe('/"><svg onload=alert(3)>');
  });

  it('names every field at fault and keeps what was written', () => {
    const verdict = checkFeedbackForm(form({ message: '   ', page: 'p'.repeat(FEEDBACK_LIMITS.page + 1), replyTo: 'not an address' }), 'sv');
    expect(verdict).toEqual({
      kind: 'invalid',
      state: {
        values: { message: '   ', page: 'p'.repeat(FEEDBACK_LIMITS.page + 1), replyTo: 'not an address' },
        errors: { message: 'required', page: 'tooLong', replyTo: 'invalidEmail' },
      },
    });
    expect(checkFeedbackForm(form({}), 'sv')).toMatchObject({ kind: 'invalid', state: { errors: { message: 'required' } } });
    // The CMS (Strapi's e-mail check) wants a dot in the domain: what the site takes, the CMS must take.
    expect(checkFeedbackForm(form({ message: 'x', replyTo: 'namn@localhost' }), 'sv')).toMatchObject({
      state: { errors: { replyTo: 'invalidEmail' } },
    });
    expect(checkFeedbackForm(form({ message: 'x', replyTo: `${'a'.repeat(250)}@b.se` }), 'sv')).toMatchObject({
      state: { errors: { replyTo: 'tooLong' } },
    });
  });

  it('counts a line break as one character, as the browser’s textarea does', () => {
    const lines = 'a\r\n'.repeat(FEEDBACK_LIMITS.message / 2);
    expect(checkFeedbackForm(form({ message: lines }), 'sv').kind).toBe('accepted');
    expect(checkFeedbackForm(form({ message: `${lines}ab` }), 'sv')).toMatchObject({ state: { errors: { message: 'tooLong' } } });
  });

  it('refuses control characters but tabs and line breaks, showing each back as U+FFFD beside the rest of the text', () => {
    expect(checkFeedbackForm(form({ message: 'kolumn\tkolumn\r\nrad två' }), 'sv').kind).toBe('accepted');
    // NUL: PostgreSQL refuses it in text, so the CMS never could store it.
    expect(checkFeedbackForm(form({ message: 'a\u0000b', page: '/x\u001b[2J', replyTo: 'a\u0007@b.se' }), 'sv')).toEqual({
      kind: 'invalid',
      state: {
        values: { message: 'a\uFFFDb', page: '/x\uFFFD[2J', replyTo: 'a\uFFFD@b.se' },
        errors: { message: 'controlCharacters', page: 'controlCharacters', replyTo: 'invalidEmail' },
      },
    });
    for (const character of ['\u0001', '\u000b', '\u000c', '\u007f', '\u0085', '\u009f'])
      expect(checkFeedbackForm(form({ message: `x${character}` }), 'en'), JSON.stringify(character)).toMatchObject({
        state: { errors: { message: 'controlCharacters' } },
      });
  });

  it('drops what fills the hidden field, whatever else it holds', () => {
    expect(checkFeedbackForm(form({ message: 'Buy now', website: 'https://spam.example' }), 'sv')).toEqual({ kind: 'honeypot' });
  });

  it('takes the longest valid message in any script within the body limit', () => {
    const body = form({ message: '€'.repeat(FEEDBACK_LIMITS.message), page: '€'.repeat(FEEDBACK_LIMITS.page), replyTo: 'a@b.se', website: '' });
    expect(Buffer.byteLength(body)).toBeLessThan(FEEDBACK_MAX_BODY_BYTES);
    expect(checkFeedbackForm(body, 'sv').kind).toBe('accepted');
  });
});

describe('the form state the server hands the renderer', () => {
  it('survives the header, whatever the reader wrote', () => {
    const state = {
      values: { message: 'Rad 1\nåäö 🙂 <b>"x"</b> %', page: '/a', replyTo: '' },
      errors: { replyTo: 'invalidEmail' as const },
      refusal: 'rateLimited' as const,
      retryAfterSeconds: 120,
    };
    const header = encodeFeedbackState(state);
    expect(header).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeFeedbackState(header)).toEqual(state);
  });

  it('is nothing when absent or not the server’s', () => {
    expect(decodeFeedbackState(null)).toBeUndefined();
    expect(decodeFeedbackState('%E0%A4%A')).toBeUndefined();
    expect(decodeFeedbackState(encodeURIComponent('[1]'))).toBeUndefined();
    expect(decodeFeedbackState(encodeURIComponent(JSON.stringify({ values: { message: 1 }, errors: { message: 'boom' }, refusal: 'x' })))).toEqual({
      values: { message: '', page: '', replyTo: '' },
      errors: {},
    });
  });
});

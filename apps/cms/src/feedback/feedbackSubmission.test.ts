import { FEEDBACK_LIMITS } from '@malardalsradet/site-contract';
import { describe, expect, it } from 'vitest';
import { parseFeedbackSubmission } from './feedbackSubmission';

const valid = {
  submissionId: '6f1c2a0e-4b8e-4f57-9d43-0d6f0f1a2b3c',
  message: '<script>alert(1)</script> Pdf:en går inte att läsa.',
  page: '/verksamhetsplaner/2018',
  replyTo: 'lasare@example.se',
  locale: 'sv',
};

const problemsOf = (data: unknown) => {
  const parsed = parseFeedbackSubmission({ data });
  return parsed.ok ? [] : parsed.problems;
};

describe('parseFeedbackSubmission', () => {
  it('takes a delivery as it is, text untouched', () => {
    expect(parseFeedbackSubmission({ data: valid })).toEqual({ ok: true, submission: valid });
    const spaced = { ...valid, message: '  två mellanslag först\n' };
    expect(parseFeedbackSubmission({ data: spaced })).toEqual({ ok: true, submission: spaced });
  });

  it('takes a missing page or reply address as empty, and ignores fields beyond the contract', () => {
    const { page: _page, replyTo: _replyTo, ...rest } = valid;
    expect(parseFeedbackSubmission({ data: { ...rest, ip: '192.0.2.1' } })).toEqual({ ok: true, submission: { ...rest, page: '', replyTo: '' } });
  });

  it('refuses control characters other than tabs and line breaks, naming the field and the character', () => {
    expect(problemsOf({ ...valid, message: 'rad ett\r\n\trad två\n' })).toEqual([]);
    expect(problemsOf({ ...valid, message: 'a\u0000b' })).toEqual([
      'message must not hold control characters other than tabs and line breaks (U+0000 at position 1)',
    ]);
    expect(problemsOf({ ...valid, page: '/a\u001b[31m', submissionId: 'x\u0085' })).toEqual([
      'submissionId must not hold control characters other than tabs and line breaks (U+0085 at position 1)',
      'page must not hold control characters other than tabs and line breaks (U+001B at position 2)',
    ]);
    expect(problemsOf({ ...valid, message: 'del\u007f' })).toHaveLength(1);
  });

  it('takes every field at its limit and names each one over it', () => {
    const longest = { ...valid, message: 'm'.repeat(FEEDBACK_LIMITS.message), page: 'p'.repeat(FEEDBACK_LIMITS.page) };
    expect(problemsOf(longest)).toEqual([]);
    expect(
      problemsOf({
        ...longest,
        message: `${longest.message}m`,
        page: `${longest.page}p`,
        replyTo: `${'a'.repeat(FEEDBACK_LIMITS.replyTo)}@example.se`,
      }),
    ).toEqual([
      'message must be at most 5000 characters, got 5001',
      'page must be at most 500 characters, got 501',
      'replyTo must be at most 254 characters, got 265',
    ]);
  });

  it('refuses what breaks the contract, naming every problem', () => {
    expect(problemsOf({ submissionId: ' ', message: '', replyTo: 'nej', locale: 'de' })).toEqual([
      'submissionId must not be empty',
      'message must not be empty',
      'replyTo must be empty or an e-mail address such as namn@example.se',
      'locale must be one of sv, en',
    ]);
    expect(problemsOf({ ...valid, message: 42, page: 7 })).toEqual(['message must be a non-empty string', 'page must be a string']);
    expect(parseFeedbackSubmission(valid)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^the body must be JSON of the form/)] });
    expect(parseFeedbackSubmission(null)).toMatchObject({ ok: false });
  });
});

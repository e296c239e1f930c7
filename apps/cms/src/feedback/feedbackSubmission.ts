import {
  FEEDBACK_FORBIDDEN_CHARACTERS,
  FEEDBACK_LIMITS,
  LOCALES,
  isLocale,
  type FeedbackSubmission,
  type Locale,
} from '@malardalsradet/site-contract';
import { yup } from '@strapi/utils';

/** The longest submissionId the CMS keeps (a string column; the site's UUIDs have 36 characters). */
export const SUBMISSION_ID_MAX_LENGTH = 255;

// Strapi's own check of an e-mail field (yup's), so that what passes here is what Strapi stores.
const emailAddress = yup.string().email();

/** A submission the CMS takes: the contract's, with a language the site has. */
export type AcceptedSubmission = FeedbackSubmission & { locale: Locale };

/** A delivery the CMS takes, or every reason it refuses one. */
export type ParsedSubmission = { ok: true; submission: AcceptedSubmission } | { ok: false; problems: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a delivery's body, `{ data: FeedbackSubmission }`, against the contract's limits (lengths
 * as JavaScript counts them, as Strapi's own checks do). The text is kept exactly as the reader
 * wrote it: nothing is trimmed, escaped or stripped here; the admin shows it as plain text.
 * A missing page or replyTo is taken as empty; fields beyond the contract's are ignored. Control
 * characters other than tabs and line breaks are refused (FEEDBACK_FORBIDDEN_CHARACTERS).
 */
export const parseFeedbackSubmission = (body: unknown): ParsedSubmission => {
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data))
    return { ok: false, problems: ['the body must be JSON of the form { "data": { submissionId, message, page, replyTo, locale } }'] };

  const problems: string[] = [];
  const text = (name: keyof FeedbackSubmission, { required, max }: { required: boolean; max: number }): string => {
    const value = data[name] ?? (required ? undefined : '');
    if (typeof value !== 'string') {
      problems.push(`${name} must be ${required ? 'a non-empty string' : 'a string'}`);
      return '';
    }
    if (required && value.trim() === '') problems.push(`${name} must not be empty`);
    if (value.length > max) problems.push(`${name} must be at most ${max} characters, got ${value.length}`);
    // PostgreSQL refuses NUL in text (a 500 that would come back at every retry); the other
    // control characters are no reader's text either. The site's form refuses them too.
    const forbidden = FEEDBACK_FORBIDDEN_CHARACTERS.exec(value);
    if (forbidden) {
      const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      problems.push(`${name} must not hold control characters other than tabs and line breaks (U+${code} at position ${forbidden.index})`);
    }
    return value;
  };

  const submission: FeedbackSubmission = {
    submissionId: text('submissionId', { required: true, max: SUBMISSION_ID_MAX_LENGTH }),
    message: text('message', { required: true, max: FEEDBACK_LIMITS.message }),
    page: text('page', { required: false, max: FEEDBACK_LIMITS.page }),
    replyTo: text('replyTo', { required: false, max: FEEDBACK_LIMITS.replyTo }),
    locale: text('locale', { required: true, max: 10 }),
  };
  if (submission.replyTo !== '' && !emailAddress.isValidSync(submission.replyTo)) {
    problems.push('replyTo must be empty or an e-mail address such as namn@example.se');
  }
  const { locale } = submission;
  if (locale !== '' && !isLocale(locale)) problems.push(`locale must be one of ${LOCALES.join(', ')}`);
  return problems.length > 0 || !isLocale(locale) ? { ok: false, problems } : { ok: true, submission: { ...submission, locale } };
};

import { randomUUID } from 'node:crypto';
import { FEEDBACK_LIMITS, type FeedbackSubmission } from '@malardalsradet/site-contract';
import { FEEDBACK_FIELDS, type FeedbackFormState } from './rendererContract.ts';

/**
 * The largest form body taken (bytes). The longest valid submission, every character of it
 * percent-encoded from three UTF-8 bytes ("%E2%80%99", nine characters each), is about 52 kB:
 * a limit below that would refuse a valid message written in a script other than Latin.
 */
export const FEEDBACK_MAX_BODY_BYTES = 64 * 1024;

// As the HTML standard's e-mail input (something before the @, a domain of dot-separated labels),
// with at least one dot in the domain, as the CMS's check (Strapi's e-mail field) requires: an
// address the site takes must never be one the CMS refuses.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** What a posted form comes to: a message to keep, a bot's to drop, or the form again with what is wrong. */
export type FeedbackVerdict =
  { kind: 'accepted'; submission: FeedbackSubmission } | { kind: 'honeypot' } | { kind: 'invalid'; state: FeedbackFormState };

/**
 * Checks a posted form (application/x-www-form-urlencoded) against the contract's limits. Text is
 * kept as the reader wrote it, apart from the line breaks a browser posts as CRLF (one character
 * each in the textarea, so counted as one here). Lengths are counted as the form's browser counts
 * them, in UTF-16 code units.
 */
export const checkFeedbackForm = (body: string, locale: string, makeId: () => string = randomUUID): FeedbackVerdict => {
  const form = new URLSearchParams(body);
  const field = (name: string) => (form.get(name) ?? '').replace(/\r\n?/g, '\n');
  // A bot fills every field it finds; the honeypot is hidden from people and from assistive technology.
  if (field(FEEDBACK_FIELDS.honeypot) !== '') return { kind: 'honeypot' };
  const values = {
    message: field(FEEDBACK_FIELDS.message),
    page: field(FEEDBACK_FIELDS.page).trim(),
    replyTo: field(FEEDBACK_FIELDS.replyTo).trim(),
  };
  const errors: FeedbackFormState['errors'] = {};
  if (values.message.trim() === '') errors.message = 'required';
  else if (values.message.length > FEEDBACK_LIMITS.message) errors.message = 'tooLong';
  if (values.page.length > FEEDBACK_LIMITS.page) errors.page = 'tooLong';
  if (values.replyTo.length > FEEDBACK_LIMITS.replyTo) errors.replyTo = 'tooLong';
  else if (values.replyTo !== '' && !EMAIL.test(values.replyTo)) errors.replyTo = 'invalidEmail';
  if (Object.keys(errors).length > 0) return { kind: 'invalid', state: { values, errors } };
  return { kind: 'accepted', submission: { submissionId: makeId(), message: values.message, page: values.page, replyTo: values.replyTo, locale } };
};

import { randomUUID } from 'node:crypto';
import {
  FEEDBACK_FIELDS,
  FEEDBACK_FORBIDDEN_CHARACTERS,
  FEEDBACK_LIMITS,
  type FeedbackFormState,
  type FeedbackSubmission,
} from '@malardalsradet/site-contract';

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

const FORBIDDEN_EVERYWHERE = new RegExp(FEEDBACK_FORBIDDEN_CHARACTERS.source, 'g');
/**
 * A value given back to the form with each forbidden character as U+FFFD: a control character
 * is invisible, and no valid HTML can hold most of them, so the reader sees where each one was
 * and everything else exactly as written.
 */
const shownBack = (value: string) => value.replace(FORBIDDEN_EVERYWHERE, '\uFFFD');

/** What a posted form comes to: a message to keep, a bot's to drop, or the form again with what is wrong. */
export type FeedbackVerdict =
  { kind: 'accepted'; submission: FeedbackSubmission } | { kind: 'honeypot' } | { kind: 'invalid'; state: FeedbackFormState };

/**
 * Checks a posted form (application/x-www-form-urlencoded) against the contract's limits. Text is
 * kept as the reader wrote it, apart from the line breaks a browser posts as CRLF (one character
 * each in the textarea, so counted as one here). Lengths are counted as the form's browser counts
 * them, in UTF-16 code units. Control characters other than tabs and line breaks are refused
 * (FEEDBACK_FORBIDDEN_CHARACTERS), and shown back as U+FFFD.
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
  // The CMS refuses them too (PostgreSQL takes no NUL in text): refused here, the reader can mend the text.
  else if (FEEDBACK_FORBIDDEN_CHARACTERS.test(values.message)) errors.message = 'controlCharacters';
  if (values.page.length > FEEDBACK_LIMITS.page) errors.page = 'tooLong';
  else if (FEEDBACK_FORBIDDEN_CHARACTERS.test(values.page)) errors.page = 'controlCharacters';
  if (values.replyTo.length > FEEDBACK_LIMITS.replyTo) errors.replyTo = 'tooLong';
  else if (values.replyTo !== '' && !EMAIL.test(values.replyTo)) errors.replyTo = 'invalidEmail';
  if (Object.keys(errors).length > 0) {
    const shown = { message: shownBack(values.message), page: shownBack(values.page), replyTo: shownBack(values.replyTo) };
    return { kind: 'invalid', state: { values: shown, errors } };
  }
  return { kind: 'accepted', submission: { submissionId: makeId(), message: values.message, page: values.page, replyTo: values.replyTo, locale } };
};

/**
 * Readers' feedback (the accessibility law's feedback function): the site server takes it from
 * its form and delivers it to the CMS, which keeps it as a "Synpunkt" for the editors. Both sides
 * check the same limits, and a submission's id makes a delivery that is repeated (after a lost
 * answer, or a restart) store the message once.
 */

/**
 * Where the site server delivers a submission in the CMS (Strapi's REST create of the type):
 * `POST` with `Authorization: Bearer <CMS_FEEDBACK_TOKEN>` and the JSON body
 * `{ "data": FeedbackSubmission }`. The CMS answers
 * - 201: stored now;
 * - 200: this submissionId was stored before (a repeated delivery; nothing new is stored);
 * - either way `{ data: { documentId, submissionId, createdAt } }`: the message is in the CMS;
 * - 400: the submission breaks the limits below (or holds FEEDBACK_FORBIDDEN_CHARACTERS); it will
 *   never be taken, so retrying is pointless;
 * - 401/403: the token is wrong; other statuses and network errors: retry later.
 * Nothing can read feedback through this API (no token, no GraphQL): editors read it in the admin.
 */
export const FEEDBACK_API_PATH = '/api/feedbacks';

/** Strapi's UID of the type. */
export const FEEDBACK_UID = 'api::feedback.feedback';

/**
 * The most each field may hold, in characters as JavaScript counts them (`string.length`). The CMS
 * takes a submissionId of at most 255 characters.
 */
export const FEEDBACK_LIMITS = { message: 5000, page: 500, replyTo: 254 } as const;

/**
 * Characters no field may hold: the control characters (C0, DEL and C1) but the tab and the line
 * breaks a reader types. None of them is text a reader means to send; NUL is refused by
 * PostgreSQL in text columns (error 22021), so a message holding one could never be stored.
 * Both sides refuse them: the form with its error pattern, the CMS with a 400.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FEEDBACK_FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** One reader's message, as the site server delivers it. Nothing else about the reader is kept. */
export interface FeedbackSubmission {
  /** Made by the site server when it accepts the message (a UUID); unique in the CMS. */
  submissionId: string;
  /** What the problem is, or what the reader asks for. */
  message: string;
  /** The page it concerns, as the reader left it (a path or an address). */
  page: string;
  /**
   * Where to answer, if the reader wants an answer; else empty. The CMS checks it as Strapi's
   * e-mail field does: a dot in the domain (namn@example.se, not namn@localhost).
   */
  replyTo: string;
  /** The language of the form the reader used: one of LOCALES. (The CMS stores it as `language`: `locale` is Strapi's own.) */
  locale: string;
}

// The feedback form's protocol between the site server, which reads a post and judges it, and the
// site's form, which shows the reader's text again with what is wrong.

/** The form's fields, by the names the browser posts them under. `website` is the honeypot. */
export const FEEDBACK_FIELDS = { message: 'message', page: 'page', replyTo: 'replyTo', honeypot: 'website' } as const;

/** What can be wrong with a field, each said in the reader's language by the form. */
export type FeedbackFieldError = 'required' | 'tooLong' | 'invalidEmail' | 'controlCharacters';

/** Why the whole submission was refused before its fields were looked at (with the status it gets). */
export type FeedbackRefusal = 'tooLarge' | 'rateLimited' | 'unreadable' | 'unavailable' | 'full' | 'crossSite';

/**
 * The server's verdict on a submission that is shown again (status 400, 403, 413, 415, 429 or 503): the
 * reader's text as posted, and what is wrong. The server hands it to the form in a request
 * header it alone sets (it removes the header from every reader's request).
 */
export interface FeedbackFormState {
  values: { message: string; page: string; replyTo: string };
  errors: Partial<Record<'message' | 'page' | 'replyTo', FeedbackFieldError>>;
  refusal?: FeedbackRefusal;
  /** With `rateLimited` and `full` (the outbox holds its cap): how long the reader should wait. */
  retryAfterSeconds?: number;
}

/** The header carrying a FeedbackFormState, percent-encoded JSON (header values are bytes). */
export const FEEDBACK_STATE_HEADER = 'x-feedback-form-state';

/** A state as a header value. */
export const encodeFeedbackState = (state: FeedbackFormState): string => encodeURIComponent(JSON.stringify(state));

const FIELD_ERRORS: readonly string[] = ['required', 'tooLong', 'invalidEmail', 'controlCharacters'] satisfies FeedbackFieldError[];
const REFUSALS: readonly string[] = ['tooLarge', 'rateLimited', 'unreadable', 'unavailable', 'full', 'crossSite'] satisfies FeedbackRefusal[];

/** The state of a header value, or undefined when there is none or it is not one the server made. */
export const decodeFeedbackState = (header: string | null): FeedbackFormState | undefined => {
  if (!header) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(header));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { values, errors, refusal, retryAfterSeconds } = parsed as Record<string, unknown>;
  if (typeof values !== 'object' || values === null || typeof errors !== 'object' || errors === null) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const { message, page, replyTo } = values as Record<string, unknown>;
  const fieldErrors: FeedbackFormState['errors'] = {};
  for (const field of ['message', 'page', 'replyTo'] as const) {
    const error = (errors as Record<string, unknown>)[field];
    if (typeof error === 'string' && FIELD_ERRORS.includes(error)) fieldErrors[field] = error as FeedbackFieldError;
  }
  return {
    values: { message: text(message), page: text(page), replyTo: text(replyTo) },
    errors: fieldErrors,
    ...(typeof refusal === 'string' && REFUSALS.includes(refusal) ? { refusal: refusal as FeedbackRefusal } : {}),
    ...(typeof retryAfterSeconds === 'number' && Number.isInteger(retryAfterSeconds) && retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
  };
};

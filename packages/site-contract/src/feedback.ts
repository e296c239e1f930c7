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

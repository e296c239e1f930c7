/**
 * Readers' feedback (the accessibility law's feedback function): the site server takes it from
 * its form and delivers it to the CMS, which keeps it as a "Synpunkt" for the editors. Both sides
 * check the same limits, and a submission's id makes a delivery that is repeated (after a lost
 * answer, or a restart) store the message once.
 */

/** Where the site server delivers a submission in the CMS (Strapi's REST create of the type). */
export const FEEDBACK_API_PATH = '/api/feedbacks';

/** Strapi's UID of the type. */
export const FEEDBACK_UID = 'api::feedback.feedback';

/** The most each field may hold, in characters. */
export const FEEDBACK_LIMITS = { message: 5000, page: 500, replyTo: 254 } as const;

/** One reader's message, as the site server delivers it. Nothing else about the reader is kept. */
export interface FeedbackSubmission {
  /** Made by the site server when it accepts the message (a UUID); unique in the CMS. */
  submissionId: string;
  /** What the problem is, or what the reader asks for. */
  message: string;
  /** The page it concerns, as the reader left it (a path or an address). */
  page: string;
  /** Where to answer, if the reader wants an answer; else empty. */
  replyTo: string;
  /** The language of the form the reader used. */
  locale: string;
}

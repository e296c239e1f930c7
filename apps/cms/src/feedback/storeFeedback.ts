import { FEEDBACK_UID } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from '../history/store';
import { waitForLock } from '../instances/jobLock';
import type { AcceptedSubmission } from './feedbackSubmission';
import { feedbackTitle } from './feedbackTitle';

/** What a delivery is told about the stored feedback: its identity, never what the reader wrote. */
export interface StoredFeedback {
  documentId: string;
  submissionId: string;
  createdAt: string;
}

export interface StoreResult {
  /** False when the submission was already stored: a repeated delivery. */
  created: boolean;
  entry: StoredFeedback;
}

const FIELDS = ['documentId', 'submissionId', 'createdAt'] as const;

// Deliveries of one submission that are being stored right now: a second one waits for the first
// instead of racing it past the lookup (Strapi checks `unique` with a query, not a constraint).
const inFlight = new Map<string, Promise<StoreResult>>();

/** The identity of a stored entry; the database gives its timestamps as text or as dates. */
const identityOf = (entry: { documentId: string; submissionId?: string | null; createdAt?: unknown }): StoredFeedback => ({
  documentId: entry.documentId,
  submissionId: entry.submissionId ?? '',
  createdAt: new Date(entry.createdAt as string | Date).toISOString(),
});

const findStored = async (strapi: Core.Strapi, submissionId: string): Promise<StoredFeedback | null> => {
  const entry = await strapi.documents(FEEDBACK_UID).findFirst({ filters: { submissionId }, fields: [...FIELDS] });
  return entry ? identityOf(entry) : null;
};

// Across CMS instances (docker-compose.scale.yml) the map above does not reach: a delivery that
// timed out at one instance while it was storing can be sent again to another. On PostgreSQL the
// lookup and the create run in one transaction holding an advisory lock on the submissionId
// (src/instances/), so the second waits for the first's commit and then finds its entry.
// (Strapi types the transaction's result as the callback's return type, a promise.)
const createOnce = (strapi: Core.Strapi, submission: AcceptedSubmission): Promise<StoreResult> =>
  strapi.db.transaction(async ({ trx }) => {
    await waitForLock(trx as Knex, `feedback:${submission.submissionId}`);
    return lookUpOrCreate(strapi, submission);
  }) as unknown as Promise<StoreResult>;

const lookUpOrCreate = async (strapi: Core.Strapi, submission: AcceptedSubmission): Promise<StoreResult> => {
  const stored = await findStored(strapi, submission.submissionId);
  if (stored) return { created: false, entry: stored };
  const created = await strapi.documents(FEEDBACK_UID).create({
    data: {
      submissionId: submission.submissionId,
      // What names the entry in the admin: the first words of the message (feedbackTitle.ts).
      title: feedbackTitle(submission.message),
      message: submission.message,
      page: submission.page,
      // Strapi's e-mail field takes no empty text: no address is none.
      replyTo: submission.replyTo === '' ? undefined : submission.replyTo,
      // `locale` is Strapi's own attribute on every type (i18n's), so the reader's language is kept as `language`.
      language: submission.locale,
      handled: false,
    },
    fields: [...FIELDS],
  });
  return { created: true, entry: identityOf(created) };
};

/**
 * Stores a reader's feedback once per submissionId: a repeated delivery (the site server's answer
 * was lost, or it restarted before it knew) finds the entry the first one made and creates none.
 */
export const storeFeedbackOnce = (strapi: Core.Strapi, submission: AcceptedSubmission): Promise<StoreResult> => {
  const running = inFlight.get(submission.submissionId);
  if (running) return running.then(({ entry }) => ({ created: false, entry }));
  const storing = createOnce(strapi, submission).finally(() => inFlight.delete(submission.submissionId));
  inFlight.set(submission.submissionId, storing);
  return storing;
};

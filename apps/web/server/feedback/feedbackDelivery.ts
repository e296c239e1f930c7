import { FEEDBACK_API_PATH, type FeedbackSubmission } from '@malardalsradet/site-contract';
import type { FeedbackOutbox } from './feedbackOutbox.ts';

/**
 * What one delivery came to: the CMS has the message; or it must be tried again later (and why);
 * or the CMS refuses this message for what it holds (`refused`), which no retry will change.
 */
export type DeliveryResult = { delivered: true } | { delivered: false; reason: string; refused?: boolean; status?: number };

/** Where and how the CMS takes feedback (Strapi's REST create with the create-only token). */
export interface FeedbackCmsTarget {
  cmsUrl: string;
  token: string;
  timeoutMs: number;
}

/**
 * The CMS's answers that refuse a message for what it holds, which the same message will meet
 * again at every retry: 400 (its checks, control characters included), 413 (too large for the
 * CMS's body limit) and 422. Not 401/403 (the token: every message waits for an operator), 408 or
 * 429 (the CMS's load: mends itself).
 */
const REFUSED_FOR_GOOD = new Set([400, 413, 422]);

/**
 * Delivers one message to the CMS. A 2xx is delivered (the CMS answers 200 for a submission id it
 * has already: an earlier delivery whose answer was lost), and so is a 409, which a CMS may answer
 * for the same. A 400, 413 or 422 refuses this message's content. Anything else is tried again: the
 * CMS being down or answering 5xx mends itself, and a wrong token (401, 403) or a CMS without the
 * feedback type (404, 405) needs an operator, who is told in the log, while the messages wait.
 */
export const deliverToCms = async (target: FeedbackCmsTarget, submission: FeedbackSubmission): Promise<DeliveryResult> => {
  let response: Response;
  try {
    response = await fetch(`${target.cmsUrl}${FEEDBACK_API_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ data: submission }),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { delivered: false, reason: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
  const text = await response.text().catch(() => '');
  if (response.ok || response.status === 409) return { delivered: true };
  const reason = `the CMS answered ${response.status}: ${text.slice(0, 300)}`;
  return REFUSED_FOR_GOOD.has(response.status)
    ? { delivered: false, reason, refused: true, status: response.status }
    : { delivered: false, reason, status: response.status };
};

/** So many messages answered 500 one after the other, and the CMS is taken to be failing, not the messages. */
const FAILING_IN_A_ROW = 3;

export interface FeedbackDeliveryOptions {
  outbox: FeedbackOutbox;
  /** Delivers one message; undefined when there is no token to deliver with (messages wait). */
  deliver: ((submission: FeedbackSubmission) => Promise<DeliveryResult>) | undefined;
  /** The first wait after a failed delivery (ms); doubled after each further failure… */
  retryMinMs: number;
  /** …up to this. */
  retryMaxMs: number;
  log: (message: string) => void;
}

/**
 * Takes the outbox's messages to the CMS, one at a time and oldest first: when a message is
 * accepted, at start (whatever a previous run left), and after a failure, with a back-off that
 * doubles up to retryMaxMs. One run at a time, so a message is never sent twice at once; a
 * message sent twice after all (its answer lost) is stored once by the CMS, by its submission id.
 */
export class FeedbackDelivery {
  private readonly options: FeedbackDeliveryOptions;
  private running: Promise<void> | undefined;
  private again = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(options: FeedbackDeliveryOptions) {
    this.options = options;
  }

  /** Delivers what waits, now (or right after the run under way). */
  deliverWaiting(): void {
    if (this.stopped || !this.options.deliver) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.running = this.drain()
      .catch((error: unknown) => {
        this.options.log(`Feedback delivery failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        this.scheduleRetry();
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.deliverWaiting();
        }
      });
  }

  /** Resolves when no run is under way (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops retrying (at shutdown); what waits stays in the outbox for the next start. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private async drain() {
    const { outbox, deliver, log } = this.options;
    if (!deliver) return;
    // Messages the CMS answered 500 in this run, one after the other, and whether any was.
    let failedInARow = 0;
    let heldBack = false;
    for (const { name, submission } of outbox.pending()) {
      if (this.stopped) return;
      const result = await deliver(submission);
      if (!result.delivered && result.refused) {
        // Kept, never dropped, but out of the way: one message the CMS will not take must not hold up the rest.
        const kept = outbox.setAside(name, result.reason);
        log(
          `ERROR: the CMS refuses feedback ${submission.submissionId} (${result.reason}); kept in ${kept} for an operator (see apps/web/README.md).`,
        );
        continue;
      }
      if (!result.delivered) {
        log(`Feedback ${submission.submissionId} not delivered yet (${result.reason}); ${outbox.count()} message(s) wait in ${outbox.dir}.`);
        // A 500 may be this message's alone (a database error on what it holds, which the CMS's
        // checks did not foresee): the next ones are tried, so that it holds none of them up, and
        // it is tried again later. Several in a row mean the CMS itself is failing: wait for it.
        // Anything else (unreachable, 502/503/504, a wrong token) is the CMS's state: wait too.
        if (result.status === 500 && ++failedInARow < FAILING_IN_A_ROW) {
          heldBack = true;
          continue;
        }
        this.scheduleRetry();
        return;
      }
      outbox.remove(name);
      failedInARow = 0;
      // The wait grows for a message held back as for a CMS that is down: it is not retried every few seconds for ever.
      if (!heldBack) this.failures = 0;
      log(`Feedback ${submission.submissionId} delivered to the CMS.`);
    }
    if (heldBack) this.scheduleRetry();
  }

  private scheduleRetry() {
    if (this.stopped) return;
    const wait = Math.min(this.options.retryMaxMs, this.options.retryMinMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.deliverWaiting(), wait);
    this.retryTimer.unref();
  }
}

import type { IncomingMessage } from 'node:http';
import { checkFeedbackForm, FEEDBACK_MAX_BODY_BYTES } from './feedbackForm.ts';
import type { FeedbackDelivery } from './feedbackDelivery.ts';
import { OutboxFullError, type FeedbackOutbox } from './feedbackOutbox.ts';
import type { FeedbackFormState, Locale } from '@malardalsradet/site-contract';
import { RequestLimits } from '../serving/requestLimits.ts';
import type { FeedbackOutcome, FeedbackTaker } from '../serving/siteServer.ts';
import { HttpError, readBody } from '../serving/webhook.ts';

export interface FeedbackReceiverOptions {
  outbox: FeedbackOutbox;
  /** Sets delivery going once a message is in the outbox. */
  delivery: Pick<FeedbackDelivery, 'deliverWaiting'>;
  /** Messages one reader may leave per window… */
  perClient: number;
  /** …of this many seconds. */
  windowSeconds: number;
  /** The proxies trusted to name the reader (TRUSTED_PROXIES, as search). */
  trustedProxies: string[];
  /** The site's own origins (SITE_URL's): a post from a page of any other is refused. */
  siteOrigins: string[];
  /** Whether there is a token to deliver with (CMS_FEEDBACK_TOKEN); without one, messages wait in the outbox. */
  canDeliver: boolean;
  log: (message: string) => void;
}

export type { FeedbackOutcome };

const EMPTY: FeedbackFormState['values'] = { message: '', page: '', replyTo: '' };
/**
 * How long a reader is asked to wait when the outbox is full (seconds): it empties only once the
 * CMS is back and delivery's back-off (at most FEEDBACK_RETRY_MAX_MS, 5 minutes) has tried again.
 */
const OUTBOX_FULL_RETRY_AFTER_SECONDS = 15 * 60;

/**
 * Why a post of the form came from a page of another site, or undefined when it came from ours.
 * Browsers say where a post comes from: `Sec-Fetch-Site` (every current browser) and `Origin`
 * (every browser on a POST since 2020), neither of which a page can set. A post with neither is
 * taken: it comes from an old browser, which sends no Origin on a post to its own site, or from a
 * program, which could post directly anyway; what is refused is any site making its visitors'
 * browsers send messages (spam from many addresses, past the per-reader limits). The site's origin
 * is SITE_URL's, or the Host the browser addressed (a test, or a second name of the site): a page
 * elsewhere cannot make a browser send our Host with its own Origin.
 */
export const crossSitePost = (request: IncomingMessage, siteOrigins: string[]): string | undefined => {
  const fetchSite = request.headers['sec-fetch-site']?.toLowerCase();
  if (fetchSite === 'cross-site') return 'Sec-Fetch-Site: cross-site';
  const origin = request.headers.origin;
  if (origin === undefined) return fetchSite === 'same-site' ? 'Sec-Fetch-Site: same-site without Origin' : undefined;
  if (!URL.canParse(origin)) return `Origin: ${origin.slice(0, 100)}`;
  const { origin: from, host } = new URL(origin);
  if (siteOrigins.includes(from) || (host !== '' && host === request.headers.host?.toLowerCase())) return undefined;
  return `Origin: ${origin.slice(0, 100)}`;
};

/**
 * The feedback form's POST: reads and checks the form, keeps an accepted message in the outbox
 * (on disk before the reader is thanked) and sets its delivery to the CMS going. Nothing about
 * the reader is kept but what they wrote in the form: the client address counts against the
 * rate limit in memory, and is never logged or written.
 */
export class FeedbackReceiver implements FeedbackTaker {
  private readonly options: FeedbackReceiverOptions;
  private readonly perClient: RequestLimits;

  constructor(options: FeedbackReceiverOptions) {
    this.options = options;
    this.perClient = new RequestLimits({
      perClient: { requests: options.perClient, seconds: options.windowSeconds },
      trustedProxies: options.trustedProxies,
    });
  }

  /** What the outbox holds, for the status operators read. */
  outboxState(): ReturnType<FeedbackOutbox['state']> {
    return this.options.outbox.state();
  }

  async receive(request: IncomingMessage, locale: Locale, thanksPath: string): Promise<FeedbackOutcome> {
    const crossSite = crossSitePost(request, this.options.siteOrigins);
    if (crossSite) {
      request.resume();
      // The form again, empty: what another site wrote is never shown as if the reader had written it.
      this.options.log(`Feedback refused (403): a post from another site (${crossSite}); nothing kept.`);
      return { status: 403, state: { values: EMPTY, errors: {}, refusal: 'crossSite' } };
    }
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      request.resume();
      return { status: 415, state: { values: EMPTY, errors: {}, refusal: 'unreadable' } };
    }
    let body: Buffer;
    try {
      body = await readBody(request, FEEDBACK_MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof HttpError && error.status === 413) return { status: 413, state: { values: EMPTY, errors: {}, refusal: 'tooLarge' } };
      throw error;
    }
    const verdict = checkFeedbackForm(body.toString('utf8'), locale);
    if (verdict.kind === 'invalid') return { status: 400, state: verdict.state };

    // Only a message that would be kept counts: a reader correcting a mistake is not held back.
    const admission = await this.perClient.admit(request);
    if (!admission.ok) {
      const seconds = admission.retryAfterSeconds;
      const values =
        verdict.kind === 'accepted'
          ? { message: verdict.submission.message, page: verdict.submission.page, replyTo: verdict.submission.replyTo }
          : EMPTY;
      return { status: 429, state: { values, errors: {}, refusal: 'rateLimited', retryAfterSeconds: seconds }, retryAfterSeconds: seconds };
    }
    const thanks = { status: 303, location: thanksPath } as const;
    // A bot is thanked like a person, so that it learns nothing; what it wrote is not kept.
    if (verdict.kind === 'honeypot') {
      this.options.log('Feedback: the hidden field was filled in (a bot); thanked, nothing kept.');
      return thanks;
    }

    const { submission } = verdict;
    const values = { message: submission.message, page: submission.page, replyTo: submission.replyTo };
    try {
      this.options.outbox.add(submission);
    } catch (error) {
      // Not the reader's doing: the message they could not leave does not count against them.
      await this.perClient.giveBack(request);
      if (error instanceof OutboxFullError) {
        // The outbox told the operator once; the reader keeps their text and is told to try later.
        const seconds = OUTBOX_FULL_RETRY_AFTER_SECONDS;
        return { status: 503, state: { values, errors: {}, refusal: 'full', retryAfterSeconds: seconds }, retryAfterSeconds: seconds };
      }
      // The disk is full or read-only: the reader keeps their text and is told to try later.
      this.options.log(`Feedback could not be kept in ${this.options.outbox.dir}: ${error instanceof Error ? error.message : String(error)}`);
      return { status: 503, state: { values, errors: {}, refusal: 'unavailable' } };
    }
    if (this.options.canDeliver) {
      this.options.log(`Feedback ${submission.submissionId} accepted.`);
      this.options.delivery.deliverWaiting();
    } else {
      this.options.log(
        `Feedback ${submission.submissionId} accepted and kept in ${this.options.outbox.dir}, but CMS_FEEDBACK_TOKEN is not set: ` +
          `it is delivered when the site server starts with the token (${this.options.outbox.count()} waiting).`,
      );
    }
    return thanks;
  }
}

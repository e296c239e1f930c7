import type { BuildOutcome } from '../publishing/rebuildQueue.ts';
import { purgeKeysOfChange, RELEASE_KEY } from './cacheKeys.ts';

/** What a successful publish changed, for the front door: everything (a full build), or these keys. */
export type PurgeRequest = { all: true } | { all?: false; keys: string[] };

export interface FrontDoorPurgeOptions {
  /** The front door's address (FRONT_DOOR_PURGE_URL), e.g. http://front-door/. */
  url: string;
  /** Sent as x-purge-secret (FRONT_DOOR_PURGE_SECRET); the front door refuses a purge without it. */
  secret: string;
  log: (message: string) => void;
  /** Tries per purge request before the publish is reported live without it (and a full purge is owed). */
  attempts?: number;
  /** The wait before the first retry, doubled each time (ms). */
  retryDelayMs?: number;
  /** The longest one request may take (ms). */
  timeoutMs?: number;
  /** How often an owed full purge is tried again while the front door cannot be reached (ms). */
  owedRetryMs?: number;
  /** A purge is sent once more this much later (ms; 0: never), see `repeat`. */
  repeatAfterMs?: number;
}

/** The keys of one purge request at most (bytes of the xkey-purge header; the front door takes 16 kB). */
const MAX_HEADER_BYTES = 6000;

/** Splits keys into header values of at most MAX_HEADER_BYTES each. */
const chunksOf = (keys: readonly string[]): string[] => {
  const chunks: string[] = [];
  let current = '';
  for (const key of keys) {
    if (current && current.length + 1 + key.length > MAX_HEADER_BYTES) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current} ${key}` : key;
  }
  if (current) chunks.push(current);
  return chunks;
};

/** The purge a build outcome asks for: none for a build that changed nothing public. */
export const purgeOf = (outcome: BuildOutcome): PurgeRequest | null => {
  if (outcome.result !== 'success') return null;
  if (outcome.kind === 'full' || !outcome.changes) return { all: true };
  return { keys: purgeKeysOfChange(outcome.changes.dependencyKeys, outcome.changes.pagePaths) };
};

/**
 * Purges the front door (apps/front-door) by key, for the site server: after a publish, before
 * it is reported live, what the publish changed; after a full build, everything. The front door
 * being down does not stop a publish: each request is tried a few times, then the publish is
 * reported live without it, and a full purge is owed and tried again every `owedRetryMs` until
 * the front door takes it (the cache it finds then may hold pages older than the live release).
 */
export class FrontDoorPurge {
  private readonly url: string;
  private readonly secret: string;
  private readonly log: (message: string) => void;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;
  private readonly owedRetryMs: number;
  private readonly repeatAfterMs: number;
  private owedTimer: NodeJS.Timeout | null = null;
  private readonly repeats = new Set<NodeJS.Timeout>();
  /** Purges done since start (requests the front door answered 200), for the tests and the log. */
  purged = 0;

  constructor(options: FrontDoorPurgeOptions) {
    this.url = options.url;
    this.secret = options.secret;
    this.log = options.log;
    this.attempts = options.attempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.owedRetryMs = options.owedRetryMs ?? 10_000;
    this.repeatAfterMs = options.repeatAfterMs ?? 2000;
  }

  /** True while a full purge is owed (the front door could not be reached). */
  get owed(): boolean {
    return this.owedTimer !== null;
  }

  /** The purge a publish asks for; resolves once the front door took it, or gave up on (never rejects). */
  async afterPublish(outcome: BuildOutcome): Promise<void> {
    const request = purgeOf(outcome);
    if (!request) return;
    const keys = request.all ? [RELEASE_KEY] : request.keys;
    if (keys.length === 0) return;
    const what = request.all ? 'everything (full build)' : `${keys.length} key(s)`;
    if (await this.purge(keys, what)) this.repeat(keys);
  }

  /** Purges everything (a rollback, a release switched outside a publish). */
  async purgeAll(reason: string): Promise<void> {
    if (await this.purge([RELEASE_KEY], `everything (${reason})`)) this.repeat([RELEASE_KEY]);
  }

  /**
   * Expires everything without dropping it (a soft purge): each copy is revalidated with a site
   * server (a conditional request: 304 when unchanged) before it is served again, and is still
   * served while no site server answers. For a site server's start: its live release may not be
   * the one the cache was filled from (a restore, a rollback made while it was down), yet while
   * it starts the cache must keep serving.
   */
  async revalidateAll(reason: string): Promise<void> {
    await this.purge([RELEASE_KEY], `everything, to revalidate (${reason})`, { soft: true });
  }

  stop(): void {
    if (this.owedTimer) clearTimeout(this.owedTimer);
    this.owedTimer = null;
    for (const timer of this.repeats) clearTimeout(timer);
    this.repeats.clear();
  }

  /**
   * Sends the purge; true when the front door took every part of it. On failure a full purge is
   * owed, so that nothing older than the live release stays in the cache once the front door is
   * back.
   */
  private async purge(keys: readonly string[], what: string, { soft = false } = {}): Promise<boolean> {
    const started = Date.now();
    let count = 0;
    for (const chunk of chunksOf(keys)) {
      const purged = await this.send(chunk, soft);
      if (purged === null) {
        this.log(
          `WARNING: the front door (${this.url}) did not take the purge of ${what}; the release is live at the site server, and everything will be purged once the front door answers.`,
        );
        this.owe();
        return false;
      }
      count += purged;
    }
    this.purged += 1;
    this.log(`Front door purged ${what}: ${count} cached object(s) in ${Date.now() - started} ms.`);
    return true;
  }

  /**
   * A page fetched from the site server just before the switch, whose answer reached the cache
   * just after the purge, would be kept in its old version: the same purge once more, a moment
   * later, removes such a copy (the race is as short as one fetch of a file from memory).
   */
  private repeat(keys: readonly string[]): void {
    if (this.repeatAfterMs <= 0) return;
    const timer = setTimeout(() => {
      this.repeats.delete(timer);
      void (async () => {
        for (const chunk of chunksOf(keys)) if ((await this.send(chunk)) === null) return this.owe();
      })();
    }, this.repeatAfterMs);
    timer.unref();
    this.repeats.add(timer);
  }

  /** Tries a full purge every owedRetryMs until the front door takes it. */
  private owe(): void {
    if (this.owedTimer) return;
    const retry = () => {
      this.owedTimer = setTimeout(() => {
        void this.send(RELEASE_KEY).then((purged) => {
          if (purged === null) return retry();
          this.owedTimer = null;
          this.log('The front door answers again: everything purged (the purge owed since it could not be reached).');
        });
      }, this.owedRetryMs);
      this.owedTimer.unref();
    };
    retry();
  }

  /** One PURGE request, tried `attempts` times; the number of objects purged, or null. */
  private async send(keys: string, soft = false): Promise<number | null> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        const response = await fetch(this.url, {
          method: 'PURGE',
          headers: { 'xkey-purge': keys, 'x-purge-secret': this.secret, ...(soft ? { 'xkey-soft': '1' } : {}) },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        if (response.status === 200) {
          const purged = /Purged (\d+)/.exec(`${response.statusText} ${text}`);
          return purged ? Number(purged[1]) : 0;
        }
        lastError = `${response.status} ${response.statusText}`;
        // A refusal (403: wrong secret or address) does not pass by trying again.
        if (response.status === 403 || response.status === 400) break;
      } catch (error) {
        lastError = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      }
      if (attempt < this.attempts) await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * 2 ** (attempt - 1)));
    }
    this.log(`Front door purge failed after ${this.attempts} attempt(s): ${lastError}`);
    return null;
  }
}

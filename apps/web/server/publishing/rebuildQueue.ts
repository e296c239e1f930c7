import type { BuildReport } from '@malardalsradet/site-contract';
import type { ContentChange } from '../../renderer-contract/index.ts';

/** What one run of the publisher is asked to do. */
export interface BuildJob {
  /** Render the whole site from a fresh read of the CMS (else only what `changes` touch). */
  full: boolean;
  /** A full build that follows changes already live, to check them against the source of truth. */
  background: boolean;
  /**
   * The first run after a start (when no full build is asked for): the publisher reads back what
   * the live release holds and compares the CMS's fingerprint with it; a full build only when
   * they differ. `changes` that came meanwhile are rendered after that.
   */
  start?: boolean;
  /**
   * With `start`: when the start was asked for, once the server took webhooks (Date.now()). A
   * change the CMS made after it has its webhook here; one made before may have found no server.
   */
  startRequestedAt?: number;
  changes: ContentChange[];
  reason: string;
}

/** What a run did. */
export interface BuildOutcome {
  kind: 'full' | 'change';
  /** `unchanged`: nothing public changed, so no release was made. */
  result: 'success' | 'unchanged';
  releaseId?: string;
  /** The pages rendered (for a full build, how many; the list is for per-change renders). */
  renderedPages: string[];
  renderedCount: number;
  /**
   * What a per-change release changed, for the front door's purge (server/frontDoor/): the
   * dependency keys whose data changed, and the pages rendered, added or removed.
   */
  changes?: { dependencyKeys: string[]; pagePaths: string[] };
}

export interface RebuildTiming {
  /** A full build starts once no request has come for this long… */
  quietMs: number;
  /** …or once the oldest waiting request has waited this long, whichever comes first. */
  maxWaitMs: number;
  /** A per-change render waits this long for the rest of a publish (Strapi sends one event per language). */
  changeQuietMs: number;
  /** A run that takes longer fails, and the next one may start. */
  deadlineMs: number;
  /** A run of at least this many changes is a burst… */
  burstSize: number;
  /** …and is followed by a full build this much later, if none has come in between. */
  fullAfterBurstMs: number;
  /**
   * The most distinct changes kept waiting (MAX_QUEUED_CHANGES, 100 unless set): one more, and
   * they are dropped for one full build, which covers them all and costs a known amount.
   */
  maxChanges?: number;
}

const DEFAULT_MAX_CHANGES = 100;

const describeReasons = (count: number, first: string) => (count === 1 ? first : `${count} requests (first: ${first})`);

/** One key per document (per file): the same change asked for twice is rendered once. */
const changeKey = (change: ContentChange) => ('fileDocumentId' in change ? `file:${change.fileDocumentId}` : `${change.type}:${change.documentId}`);

/**
 * Runs one build at a time and folds requests together. Strapi sends an event per language and
 * per entry, often several within milliseconds, and an editor may publish many things in a row:
 * every request that arrives before a run starts, or while one runs, is served by the next run.
 * Changes are rendered on their own (fast) unless a full build is waiting, which covers them.
 */
export class RebuildQueue {
  private readonly run: (job: BuildJob, signal: AbortSignal) => Promise<BuildOutcome>;
  private readonly timing: RebuildTiming;
  private readonly log: (message: string) => void;
  private running: BuildJob | null = null;
  private timer: NodeJS.Timeout | null = null;
  private burstTimer: NodeJS.Timeout | null = null;
  /** The requests waiting: how many, and the first one's reason (a burst of thousands keeps no list). */
  private requestCount = 0;
  private firstReason = '';
  /** Distinct changes waiting, in the order first asked for. */
  private changes = new Map<string, ContentChange>();
  /** More than maxChanges came: a full build is waiting and covers every change until it starts. */
  private changesOverflowed = false;
  private fullRequested = false;
  private startRequested = false;
  private startRequestedAt = 0;
  private backgroundOnly = true;
  private firstPendingAt = 0;
  private lastRequestAt = 0;
  private idleWaiters: (() => void)[] = [];
  buildsSinceStart = 0;
  lastBuild: BuildReport | null = null;
  lastSuccess: BuildReport | null = null;

  constructor(
    run: (job: BuildJob, signal: AbortSignal) => Promise<BuildOutcome>,
    timing: RebuildTiming,
    log: (message: string) => void = console.log,
  ) {
    this.run = run;
    this.timing = timing;
    this.log = log;
  }

  get isBuilding(): boolean {
    return this.running !== null;
  }

  get isQueued(): boolean {
    return this.requestCount > 0;
  }

  /** True while a change an editor made is not yet live (a background full build does not count). */
  get changesPending(): boolean {
    const runningForEditors = this.running !== null && !this.running.background;
    return runningForEditors || (this.isQueued && !(this.fullRequested && this.backgroundOnly && this.changes.size === 0));
  }

  /** Asks for the pages a change touches to be rendered. */
  requestChange(change: ContentChange, reason: string): void {
    const key = changeKey(change);
    if (!this.changesOverflowed && !this.changes.has(key)) {
      const max = this.timing.maxChanges ?? DEFAULT_MAX_CHANGES;
      if (this.changes.size >= max) {
        // Each change costs requests to the CMS and a scan of the content: past the cap, one full
        // build is cheaper and certain, whatever a burst (or a forger holding the secret) sends.
        this.changes.clear();
        this.changesOverflowed = true;
        this.fullRequested = true;
        this.backgroundOnly = false;
        this.log(`More than ${max} changes waiting (MAX_QUEUED_CHANGES): one full build instead.`);
      } else {
        this.changes.set(key, change);
      }
    }
    this.enqueue(reason);
  }

  /**
   * The run a start begins with (see BuildJob.start): it waits no quiet period, so that the
   * server takes publishes as soon as it has read back the live release.
   */
  requestStart(reason: string): void {
    this.startRequested = true;
    this.startRequestedAt = Date.now();
    this.enqueue(reason);
  }

  /** Asks for a full build (lost webhooks, a payload that names no document, new code). */
  requestFull(reason: string, { background = false } = {}): void {
    this.fullRequested = true;
    if (!background) this.backgroundOnly = false;
    this.enqueue(reason);
  }

  /** Resolves once no build is running or waiting. */
  idle(): Promise<void> {
    if (!this.running && !this.isQueued) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the timers (server shutdown). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.burstTimer) clearTimeout(this.burstTimer);
    this.timer = this.burstTimer = null;
  }

  private enqueue(reason: string): void {
    const now = Date.now();
    if (!this.isQueued) {
      this.firstPendingAt = now;
      this.firstReason = reason;
    }
    this.lastRequestAt = now;
    this.requestCount += 1;
    this.schedule();
  }

  private schedule(): void {
    if (this.running || !this.isQueued) return;
    const quiet = this.fullRequested ? this.timing.quietMs : this.timing.changeQuietMs;
    const startAt = Math.min(this.lastRequestAt + quiet, this.firstPendingAt + this.timing.maxWaitMs);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.runPending();
      },
      Math.max(0, startAt - Date.now()),
    );
  }

  private async runPending(): Promise<void> {
    const job: BuildJob = {
      full: this.fullRequested,
      background: this.fullRequested && this.backgroundOnly && this.changes.size === 0,
      ...(this.startRequested && !this.fullRequested ? { start: true, startRequestedAt: this.startRequestedAt } : {}),
      changes: [...this.changes.values()],
      reason: describeReasons(this.requestCount, this.firstReason),
    };
    this.requestCount = 0;
    this.firstReason = '';
    this.changes = new Map();
    this.changesOverflowed = false;
    this.fullRequested = false;
    this.startRequested = false;
    this.backgroundOnly = true;
    this.running = job;
    if (job.full && this.burstTimer) {
      clearTimeout(this.burstTimer);
      this.burstTimer = null;
    }
    const started = Date.now();
    const number = ++this.buildsSinceStart;
    // A start stands for the full build every start made before the content was kept with releases.
    const kind = job.full || job.start ? 'full' : 'change';
    this.log(`Build ${number} (${kind}) started: ${job.reason}`);
    const report = (result: BuildReport['result'], extra: Partial<BuildReport>): BuildReport => ({
      reason: job.reason,
      kind,
      background: job.background,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      result,
      ...extra,
    });
    // The deadline: a run that hangs (a CMS that never answers, a stuck child) fails, the live
    // release stays, and the next run is not stuck behind it; the run sees the abort and stops.
    const controller = new AbortController();
    const deadline = setTimeout(
      () => controller.abort(new Error(`The build took longer than ${this.timing.deadlineMs} ms (BUILD_DEADLINE_MS) and was stopped.`)),
      this.timing.deadlineMs,
    );
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
    });
    aborted.catch(() => {}); // also rejects after a normal end, when nothing listens any more
    try {
      const outcome = await Promise.race([this.run(job, controller.signal), aborted]);
      this.lastBuild = report(outcome.result, {
        kind: outcome.kind,
        releaseId: outcome.releaseId,
        renderedPages: outcome.renderedPages,
        renderedCount: outcome.renderedCount,
      });
      if (outcome.result === 'success') this.lastSuccess = this.lastBuild;
      this.log(
        outcome.result === 'success'
          ? `Build ${number} (${outcome.kind}) succeeded in ${this.lastBuild.durationMs} ms: ${outcome.renderedCount} page(s) rendered, release ${outcome.releaseId} is live.`
          : `Build ${number} (${outcome.kind}) changed nothing public (${this.lastBuild.durationMs} ms); no release.`,
      );
      if (!job.full && job.changes.length >= this.timing.burstSize) this.scheduleFullAfterBurst(job.changes.length);
    } catch (error) {
      this.lastBuild = report('failure', { error: error instanceof Error ? error.message : String(error) });
      this.log(`Build ${number} (${kind}) FAILED after ${this.lastBuild.durationMs} ms; the live release stays. ${this.lastBuild.error}`);
    } finally {
      clearTimeout(deadline);
      controller.abort(new Error('The build is over.'));
      this.running = null;
    }
    if (this.isQueued) this.schedule();
    else for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** The full build stays the source of truth: after a burst of changes it checks them. */
  private scheduleFullAfterBurst(count: number): void {
    if (this.burstTimer) clearTimeout(this.burstTimer);
    this.burstTimer = setTimeout(() => {
      this.burstTimer = null;
      this.requestFull(`full build after a burst of ${count} changes`, { background: true });
    }, this.timing.fullAfterBurstMs);
    this.burstTimer.unref();
  }
}

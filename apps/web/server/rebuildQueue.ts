/** The outcome of the last build, for /hooks/status and the admin. */
export interface BuildReport {
  reason: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  result: 'success' | 'failure';
  /** The release it made live, on success. */
  releaseId?: string;
  error?: string;
}

export interface RebuildTiming {
  /** A build starts once no request has come for this long… */
  quietMs: number;
  /** …or once the oldest waiting request has waited this long, whichever comes first. */
  maxWaitMs: number;
}

/**
 * Runs one build at a time and folds requests together. Strapi sends an event per language and
 * per entry, often several within milliseconds, and an editor may publish many things in a row:
 * every request that arrives before a build starts, or while one runs, is served by the next
 * build, which reads the CMS when it starts and so sees all of it. A burst of 50 events within a
 * few seconds costs one or two builds.
 */
export class RebuildQueue {
  private readonly build: (reason: string) => Promise<string>;
  private readonly timing: RebuildTiming;
  private readonly log: (message: string) => void;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private pending: string[] = [];
  private firstPendingAt = 0;
  private lastRequestAt = 0;
  private idleWaiters: (() => void)[] = [];
  buildsSinceStart = 0;
  lastBuild: BuildReport | null = null;
  lastSuccess: BuildReport | null = null;

  constructor(build: (reason: string) => Promise<string>, timing: RebuildTiming, log: (message: string) => void = console.log) {
    this.build = build;
    this.timing = timing;
    this.log = log;
  }

  get isBuilding(): boolean {
    return this.running;
  }

  get isQueued(): boolean {
    return this.pending.length > 0;
  }

  /** Asks for a build; it starts when the requests settle (see RebuildTiming). */
  request(reason: string): void {
    const now = Date.now();
    if (this.pending.length === 0) this.firstPendingAt = now;
    this.lastRequestAt = now;
    this.pending.push(reason);
    this.schedule();
  }

  /** Resolves once no build is running or waiting. */
  idle(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the timer (server shutdown); a running build finishes on its own. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.running || this.pending.length === 0) return;
    const startAt = Math.min(this.lastRequestAt + this.timing.quietMs, this.firstPendingAt + this.timing.maxWaitMs);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runPending();
    }, Math.max(0, startAt - Date.now()));
  }

  private async runPending(): Promise<void> {
    const reasons = this.pending;
    this.pending = [];
    this.running = true;
    const reason = reasons.length === 1 ? (reasons[0] ?? '') : `${reasons.length} requests (first: ${reasons[0]})`;
    const started = Date.now();
    const number = ++this.buildsSinceStart;
    this.log(`Build ${number} started: ${reason}`);
    const report = (result: BuildReport['result'], extra: Partial<BuildReport>): BuildReport => ({
      reason,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      result,
      ...extra,
    });
    try {
      const releaseId = await this.build(reason);
      this.lastBuild = this.lastSuccess = report('success', { releaseId });
      this.log(`Build ${number} succeeded in ${this.lastBuild.durationMs} ms: release ${releaseId} is live.`);
    } catch (error) {
      this.lastBuild = report('failure', { error: error instanceof Error ? error.message : String(error) });
      this.log(`Build ${number} FAILED after ${this.lastBuild.durationMs} ms; the live release stays. ${this.lastBuild.error}`);
    } finally {
      this.running = false;
    }
    if (this.pending.length > 0) this.schedule();
    else for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

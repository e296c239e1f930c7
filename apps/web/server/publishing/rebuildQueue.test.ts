import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RebuildQueue, type BuildJob, type BuildOutcome, type RebuildTiming } from './rebuildQueue.ts';

// The queue's quiet periods, waits and deadlines run on vitest's fake clock (Date included), so
// that the tests are exact and take no wall-clock time.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A wait inside a build or between requests: fake time passes, and whatever falls due runs. */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** A build's own work taking `ms` of (fake) time: a timer that the clock, advanced from outside, fires. */
const work = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs the fake clock until the queue has nothing left to do. */
const idle = async (queue: RebuildQueue) => {
  let done = false;
  void queue.idle().then(() => (done = true));
  for (let step = 0; !done; step++) {
    if (step > 100_000) throw new Error('The queue never became idle.');
    await vi.advanceTimersByTimeAsync(5);
  }
};
const timing = (overrides: Partial<RebuildTiming>): RebuildTiming => ({
  quietMs: 20,
  maxWaitMs: 200,
  changeQuietMs: 5,
  deadlineMs: 10_000,
  burstSize: 1000,
  fullAfterBurstMs: 60_000,
  ...overrides,
});
const success = (job: BuildJob, releaseId: string): BuildOutcome => ({
  kind: job.full ? 'full' : 'change',
  result: 'success',
  releaseId,
  renderedPages: [],
  renderedCount: 1,
});

describe('RebuildQueue', () => {
  it('folds requests made before and during a build into one follow-up build', async () => {
    const started: string[] = [];
    const queue = new RebuildQueue(
      async (job) => {
        started.push(job.reason);
        await work(100);
        return success(job, `release-${started.length}`);
      },
      timing({}),
      () => {},
    );
    for (let index = 0; index < 5; index++) queue.requestFull(`event ${index}`);
    await elapse(60); // the first build is running now
    for (let index = 5; index < 50; index++) queue.requestFull(`event ${index}`);
    await idle(queue);
    expect(started).toEqual(['5 requests (first: event 0)', '45 requests (first: event 5)']);
    expect(queue.buildsSinceStart).toBe(2);
    expect(queue.lastBuild).toMatchObject({ result: 'success', releaseId: 'release-2' });
  });

  it("runs a start after the changes' short quiet period, with the changes that came meanwhile, and as a full build when one was asked for", async () => {
    const jobs: BuildJob[] = [];
    const startedAt: number[] = [];
    const begun = Date.now();
    const queue = new RebuildQueue(
      async (job) => {
        jobs.push(job);
        startedAt.push(Date.now() - begun);
        await work(10);
        return success(job, `release-${jobs.length}`);
      },
      timing({ quietMs: 100, changeQuietMs: 5 }),
      () => {},
    );
    queue.requestStart('start');
    queue.requestChange({ type: 'plan', documentId: 'abc' }, 'webhook');
    await idle(queue);
    expect(jobs[0]).toMatchObject({ full: false, start: true, changes: [{ type: 'plan', documentId: 'abc' }] });
    // Not the full build's quiet period: a start takes publishes as soon as it has read back the live release.
    expect(startedAt[0]).toBeLessThan(100);

    queue.requestStart('start again');
    queue.requestFull('a webhook naming no document');
    await idle(queue);
    expect(jobs[1]).toMatchObject({ full: true, changes: [] });
    expect(jobs[1]?.start).toBeUndefined();
  });

  it('starts at the latest after maxWaitMs, however steady the stream of requests', async () => {
    let builds = 0;
    const queue = new RebuildQueue(
      async (job) => {
        builds++;
        return success(job, 'release');
      },
      timing({ quietMs: 50, maxWaitMs: 120 }),
      () => {},
    );
    for (let index = 0; index < 10; index++) {
      queue.requestFull('steady');
      await elapse(20);
    }
    expect(builds).toBe(1);
    await idle(queue);
  });

  it('renders changes together, and lets a waiting full build cover them', async () => {
    const jobs: BuildJob[] = [];
    const queue = new RebuildQueue(
      async (job) => {
        jobs.push(job);
        await work(30);
        return success(job, 'release');
      },
      timing({}),
      () => {},
    );
    queue.requestChange({ type: 'plan', documentId: 'a' }, 'sv');
    queue.requestChange({ type: 'plan', documentId: 'a' }, 'en');
    await idle(queue);
    // One event per language names the same document: it is read again once.
    expect(jobs.map((job) => [job.full, job.changes.length])).toEqual([[false, 1]]);
    expect(queue.lastBuild?.kind).toBe('change');
    queue.requestChange({ type: 'goal', documentId: 'b' }, 'change');
    queue.requestFull('lost webhook');
    await idle(queue);
    expect(jobs.at(-1)).toMatchObject({ full: true, background: false });
  });

  it('stops a build that passes its deadline, keeps the outcome clear, and runs the next', async () => {
    let hang = true;
    let sawAbort = false;
    const queue = new RebuildQueue(
      (job, signal) =>
        hang
          ? new Promise<BuildOutcome>(() => {
              signal.addEventListener('abort', () => (sawAbort = true));
            })
          : Promise.resolve(success(job, 'release')),
      timing({ deadlineMs: 100 }),
      () => {},
    );
    queue.requestChange({ type: 'plan', documentId: 'a' }, 'hangs');
    await idle(queue);
    expect(queue.lastBuild).toMatchObject({ result: 'failure', error: expect.stringMatching(/longer than 100 ms \(BUILD_DEADLINE_MS\)/) as unknown });
    expect(sawAbort).toBe(true);
    hang = false;
    queue.requestChange({ type: 'plan', documentId: 'a' }, 'answers');
    await idle(queue);
    expect(queue.lastBuild?.result).toBe('success');
  });

  it('follows a burst of changes with a full build in the background', async () => {
    const jobs: BuildJob[] = [];
    const queue = new RebuildQueue(
      async (job) => {
        jobs.push(job);
        return success(job, 'release');
      },
      timing({ burstSize: 3, fullAfterBurstMs: 50 }),
      () => {},
    );
    for (const id of ['a', 'b', 'c']) queue.requestChange({ type: 'report', documentId: id }, id);
    await idle(queue);
    expect(queue.changesPending).toBe(false);
    await elapse(120);
    await idle(queue);
    expect(jobs.map((job) => [job.full, job.background])).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('records a failed build and stays ready for the next one', async () => {
    let fail = true;
    const queue = new RebuildQueue(
      async (job) => {
        if (fail) throw new Error('CMS request "Plans" failed');
        return success(job, 'release');
      },
      timing({ quietMs: 0, maxWaitMs: 0 }),
      () => {},
    );
    queue.requestFull('first');
    await idle(queue);
    expect(queue.lastBuild).toMatchObject({ result: 'failure', error: 'CMS request "Plans" failed' });
    fail = false;
    queue.requestFull('second');
    await idle(queue);
    expect(queue.lastBuild?.result).toBe('success');
    expect(queue.lastSuccess?.reason).toBe('second');
  });
});

describe('RebuildQueue: bursts of changes', () => {
  it('renders each document once however often it is named, and keeps no list of the requests', async () => {
    const jobs: BuildJob[] = [];
    const queue = new RebuildQueue(
      (job) => {
        jobs.push(job);
        return Promise.resolve(success(job, 'r'));
      },
      timing({}),
      () => {},
    );
    for (let index = 0; index < 2000; index++) {
      queue.requestChange({ fileDocumentId: `file${index % 3}` }, `webhook media.update ${index}`);
      queue.requestChange({ type: 'plan', documentId: 'plan1' }, `webhook entry.delete ${index}`);
    }
    await idle(queue);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.full).toBe(false);
    expect(jobs[0]?.changes).toEqual([
      { fileDocumentId: 'file0' },
      { type: 'plan', documentId: 'plan1' },
      { fileDocumentId: 'file1' },
      { fileDocumentId: 'file2' },
    ]);
    expect(jobs[0]?.reason).toBe('4000 requests (first: webhook media.update 0)');
  });

  it('makes one full build instead of more changes than the cap', async () => {
    const jobs: BuildJob[] = [];
    const logged: string[] = [];
    const queue = new RebuildQueue(
      (job) => {
        jobs.push(job);
        return Promise.resolve(success(job, 'r'));
      },
      timing({ maxChanges: 10 }),
      (line) => logged.push(line),
    );
    for (let index = 0; index < 10; index++) queue.requestChange({ type: 'goal', documentId: `goal${index}` }, `change ${index}`);
    await idle(queue);
    expect(jobs.map((job) => [job.full, job.changes.length])).toEqual([[false, 10]]);
    for (let index = 0; index < 2000; index++) queue.requestChange({ fileDocumentId: `file${index}` }, `change ${index}`);
    expect(queue.changesPending).toBe(true);
    await idle(queue);
    expect(jobs.slice(1).map((job) => [job.full, job.background, job.changes.length])).toEqual([[true, false, 0]]);
    expect(logged.some((line) => line.includes('More than 10 changes waiting (MAX_QUEUED_CHANGES)'))).toBe(true);
  });
});

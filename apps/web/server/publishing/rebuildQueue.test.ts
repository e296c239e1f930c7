import { describe, expect, it } from 'vitest';
import { RebuildQueue, type BuildJob, type BuildOutcome, type RebuildTiming } from './rebuildQueue.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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
        await sleep(100);
        return success(job, `release-${started.length}`);
      },
      timing({}),
      () => {},
    );
    for (let index = 0; index < 5; index++) queue.requestFull(`event ${index}`);
    await sleep(60); // the first build is running now
    for (let index = 5; index < 50; index++) queue.requestFull(`event ${index}`);
    await queue.idle();
    expect(started).toEqual(['5 requests (first: event 0)', '45 requests (first: event 5)']);
    expect(queue.buildsSinceStart).toBe(2);
    expect(queue.lastBuild).toMatchObject({ result: 'success', releaseId: 'release-2' });
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
      await sleep(20);
    }
    expect(builds).toBe(1);
    await queue.idle();
  });

  it('renders changes together, and lets a waiting full build cover them', async () => {
    const jobs: BuildJob[] = [];
    const queue = new RebuildQueue(
      async (job) => {
        jobs.push(job);
        await sleep(30);
        return success(job, 'release');
      },
      timing({}),
      () => {},
    );
    queue.requestChange({ type: 'plan', documentId: 'a' }, 'sv');
    queue.requestChange({ type: 'plan', documentId: 'a' }, 'en');
    await queue.idle();
    // One event per language names the same document: it is read again once.
    expect(jobs.map((job) => [job.full, job.changes.length])).toEqual([[false, 1]]);
    expect(queue.lastBuild?.kind).toBe('change');
    queue.requestChange({ type: 'goal', documentId: 'b' }, 'change');
    queue.requestFull('lost webhook');
    await queue.idle();
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
    await queue.idle();
    expect(queue.lastBuild).toMatchObject({ result: 'failure', error: expect.stringMatching(/longer than 100 ms \(BUILD_DEADLINE_MS\)/) as unknown });
    expect(sawAbort).toBe(true);
    hang = false;
    queue.requestChange({ type: 'plan', documentId: 'a' }, 'answers');
    await queue.idle();
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
    await queue.idle();
    expect(queue.changesPending).toBe(false);
    await sleep(120);
    await queue.idle();
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
    await queue.idle();
    expect(queue.lastBuild).toMatchObject({ result: 'failure', error: 'CMS request "Plans" failed' });
    fail = false;
    queue.requestFull('second');
    await queue.idle();
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
    await queue.idle();
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
    await queue.idle();
    expect(jobs.map((job) => [job.full, job.changes.length])).toEqual([[false, 10]]);
    for (let index = 0; index < 2000; index++) queue.requestChange({ fileDocumentId: `file${index}` }, `change ${index}`);
    expect(queue.changesPending).toBe(true);
    await queue.idle();
    expect(jobs.slice(1).map((job) => [job.full, job.background, job.changes.length])).toEqual([[true, false, 0]]);
    expect(logged.some((line) => line.includes('More than 10 changes waiting (MAX_QUEUED_CHANGES)'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { RebuildQueue } from './rebuildQueue.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RebuildQueue', () => {
  it('folds requests made before and during a build into one follow-up build', async () => {
    const started: string[] = [];
    const queue = new RebuildQueue(
      async (reason) => {
        started.push(reason);
        await sleep(100);
        return `release-${started.length}`;
      },
      { quietMs: 20, maxWaitMs: 200 },
      () => {},
    );
    for (let index = 0; index < 5; index++) queue.request(`event ${index}`);
    await sleep(60); // the first build is running now
    for (let index = 5; index < 50; index++) queue.request(`event ${index}`);
    await queue.idle();
    expect(started).toEqual(['5 requests (first: event 0)', '45 requests (first: event 5)']);
    expect(queue.buildsSinceStart).toBe(2);
    expect(queue.lastBuild).toMatchObject({ result: 'success', releaseId: 'release-2' });
  });

  it('starts at the latest after maxWaitMs, however steady the stream of requests', async () => {
    let builds = 0;
    const queue = new RebuildQueue(
      async () => {
        builds++;
        return 'release';
      },
      { quietMs: 50, maxWaitMs: 120 },
      () => {},
    );
    for (let index = 0; index < 10; index++) {
      queue.request('steady');
      await sleep(20);
    }
    expect(builds).toBe(1);
    await queue.idle();
  });

  it('records a failed build and stays ready for the next one', async () => {
    let fail = true;
    const queue = new RebuildQueue(
      async () => {
        if (fail) throw new Error('CMS request "Plans" failed');
        return 'release';
      },
      { quietMs: 0, maxWaitMs: 0 },
      () => {},
    );
    queue.request('first');
    await queue.idle();
    expect(queue.lastBuild).toMatchObject({ result: 'failure', error: 'CMS request "Plans" failed' });
    fail = false;
    queue.request('second');
    await queue.idle();
    expect(queue.lastBuild?.result).toBe('success');
    expect(queue.lastSuccess?.reason).toBe('second');
  });
});

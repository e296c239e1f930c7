import { describe, expect, it } from 'vitest';
import { timeSlices } from './timeSlices';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Work on the thread, as a read-back does.
  }
};

describe('timeSlices', () => {
  it('lets what waits run once a slice has been used up, and not before', async () => {
    const letGo = timeSlices(10);
    let waited = false;
    setImmediate(() => {
      waited = true;
    });
    busyFor(2);
    await letGo();
    expect(waited).toBe(false);
    busyFor(12);
    await letGo();
    expect(waited).toBe(true);
  });
});

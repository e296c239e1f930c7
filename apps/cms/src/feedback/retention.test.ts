import { describe, expect, it } from 'vitest';
import { deleteExpiredFeedback, retentionCutoff, type FeedbackStore } from './retention';

describe('retentionCutoff', () => {
  it('goes back whole calendar months, to the millisecond', () => {
    expect(retentionCutoff(new Date('2026-12-06T13:45:10.123Z'), 12).toISOString()).toBe('2025-12-06T13:45:10.123Z');
    expect(retentionCutoff(new Date('2026-03-15T00:00:00.000Z'), 1).toISOString()).toBe('2026-02-15T00:00:00.000Z');
    expect(retentionCutoff(new Date('2026-01-10T08:00:00.000Z'), 13).toISOString()).toBe('2024-12-10T08:00:00.000Z');
  });

  it('takes the last day of a shorter month', () => {
    expect(retentionCutoff(new Date('2026-03-31T12:00:00.000Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(retentionCutoff(new Date('2025-02-28T12:00:00.000Z'), 12).toISOString()).toBe('2024-02-28T12:00:00.000Z');
    expect(retentionCutoff(new Date('2024-02-29T12:00:00.000Z'), 12).toISOString()).toBe('2023-02-28T12:00:00.000Z');
  });
});

describe('deleteExpiredFeedback', () => {
  it('deletes what came in before the cutoff and reports how many', async () => {
    const asked: unknown[] = [];
    const store: FeedbackStore = {
      deleteMany: (params) => {
        asked.push(params);
        return Promise.resolve({ count: 2 });
      },
    };
    expect(await deleteExpiredFeedback(store, 12, new Date('2026-12-06T00:00:00.000Z'))).toBe(2);
    expect(asked).toEqual([{ where: { createdAt: { $lt: new Date('2025-12-06T00:00:00.000Z') } } }]);
  });
});

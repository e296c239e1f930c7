import { describe, expect, it } from 'vitest';
import { draftsToDelete, swedishDay, type DraftRow } from './gallring';
import { stockholmDay } from './routes';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
let id = 0;
const draft = (at: string, document = 'doc', locale: string | null = 'sv'): DraftRow => ({
  id: ++id,
  content_type: 'api::goal.goal',
  document_id: document,
  locale,
  at: Date.parse(at),
});

describe('draftsToDelete', () => {
  const rules = { draftKeepAllDays: 30 };

  it('keeps every draft save of the last 30 days, and the last of each older day per document and language', () => {
    const recent = [draft('2026-12-01T08:00:00Z'), draft('2026-12-01T09:00:00Z')];
    const oldDay = [draft('2026-10-01T07:00:00Z'), draft('2026-10-01T15:00:00Z'), draft('2026-10-01T11:00:00Z')];
    const otherLanguage = draft('2026-10-01T08:00:00Z', 'doc', 'en');
    const otherDocument = draft('2026-10-01T08:00:00Z', 'other');
    const doomed = draftsToDelete([...recent, ...oldDay, otherLanguage, otherDocument], rules, NOW);
    expect(doomed.sort()).toEqual([oldDay[0]?.id, oldDay[2]?.id].sort());
  });

  it('counts days in Swedish time: 23:30 UTC on 30 September is 1 October in Stockholm', () => {
    const late = draft('2026-09-30T23:30:00Z');
    const morning = draft('2026-10-01T06:00:00Z');
    expect(swedishDay(late.at)).toBe('2026-10-01');
    expect(draftsToDelete([late, morning], rules, NOW)).toEqual([late.id]);
  });

  it('deletes every draft save older than HISTORY_DRAFT_KEEP_DAYS', () => {
    const ancient = draft(new Date(NOW - 400 * DAY).toISOString());
    const old = draft(new Date(NOW - 100 * DAY).toISOString());
    expect(draftsToDelete([ancient, old], { draftKeepAllDays: 30, draftKeepDays: 365 }, NOW)).toEqual([ancient.id]);
  });
});

describe('stockholmDay', () => {
  it('spans a Swedish calendar day, in winter and in summer time', () => {
    expect(stockholmDay('2026-03-01')?.map((ms) => new Date(ms).toISOString())).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-01T23:00:00.000Z']);
    expect(stockholmDay('2026-07-01')?.map((ms) => new Date(ms).toISOString())).toEqual(['2026-06-30T22:00:00.000Z', '2026-07-01T22:00:00.000Z']);
    // The day summer time begins has 23 hours.
    const [from = 0, to = 0] = stockholmDay('2026-03-29') ?? [];
    expect((to - from) / 3_600_000).toBe(23);
  });

  it('refuses what is not a date', () => {
    expect(stockholmDay('2026-02-30')).toBeUndefined();
    expect(stockholmDay('1 mars')).toBeUndefined();
  });
});

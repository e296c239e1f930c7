import { describe, expect, it } from 'vitest';
import { calendarDate, formatDate, newestDate, startOfDay } from './dates';

describe('dates', () => {
  it('takes the calendar date in Sweden, across midnight and daylight saving time', () => {
    expect(calendarDate('2026-11-27T10:15:00.000Z')).toBe('2026-11-27');
    // 23:30 UTC is already the next day in Stockholm (CET, +01:00; CEST, +02:00 in summer).
    expect(calendarDate('2026-11-27T23:30:00.000Z')).toBe('2026-11-28');
    expect(calendarDate('2026-06-30T22:30:00.000Z')).toBe('2026-07-01');
    expect(calendarDate('2026-06-30T21:30:00.000Z')).toBe('2026-06-30');
    expect(calendarDate('2026-11-27')).toBe('2026-11-27');
    expect(() => calendarDate('yesterday')).toThrow(/Not a date/);
  });

  it('writes dates in each language', () => {
    expect(formatDate('sv', '2026-11-27')).toBe('27 november 2026');
    expect(formatDate('en', '2026-11-27T23:30:00.000Z')).toBe('28 November 2026');
  });

  it('gives the start of the Swedish day as an RFC 3339 date-time', () => {
    expect(startOfDay('2026-11-27')).toBe('2026-11-27T00:00:00+01:00');
    expect(startOfDay('2026-07-01')).toBe('2026-07-01T00:00:00+02:00');
    // The days the clocks change (29 March and 25 October 2026): the offset in force at midnight.
    expect(startOfDay('2026-03-29')).toBe('2026-03-29T00:00:00+01:00');
    expect(startOfDay('2026-10-25')).toBe('2026-10-25T00:00:00+02:00');
  });

  it('finds the newest date', () => {
    expect(newestDate(['2026-01-02', null, '2026-11-27T10:00:00Z', '2025-12-31'])).toBe('2026-11-27');
    expect(newestDate([])).toBeUndefined();
  });
});

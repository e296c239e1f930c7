import { describe, expect, it } from 'vitest';
import { formatStockholm, lateness, stockholmToUtc, utcToStockholm } from './stockholmTime';

describe('Swedish time to the moment it names', () => {
  it('winter and summer time', () => {
    expect(stockholmToUtc('2027-01-01', '00:00')).toEqual({ ok: true, iso: '2026-12-31T23:00:00.000Z' });
    expect(stockholmToUtc('2027-07-01', '12:00')).toEqual({ ok: true, iso: '2027-07-01T10:00:00.000Z' });
  });

  it('around the start of summer time (28 March 2027): 02:00–02:59 does not exist', () => {
    expect(stockholmToUtc('2027-03-28', '01:59')).toEqual({ ok: true, iso: '2027-03-28T00:59:00.000Z' });
    const skipped = stockholmToUtc('2027-03-28', '02:30');
    expect(skipped.ok).toBe(false);
    expect(!skipped.ok && skipped.message).toMatch(/Klockan 02:30 finns inte den 28 mars 2027.*sommartiden börjar/);
    expect(stockholmToUtc('2027-03-28', '03:00')).toEqual({ ok: true, iso: '2027-03-28T01:00:00.000Z' });
  });

  it('around the end of summer time (31 October 2027): 02:00–02:59 happens twice, the first is chosen and said', () => {
    expect(stockholmToUtc('2027-10-31', '01:59')).toEqual({ ok: true, iso: '2027-10-30T23:59:00.000Z' });
    const twice = stockholmToUtc('2027-10-31', '02:30');
    expect(twice).toMatchObject({ ok: true, iso: '2027-10-31T00:30:00.000Z' });
    expect(twice.ok && twice.note).toMatch(/inträffar två gånger.*första gäller/);
    expect(stockholmToUtc('2027-10-31', '03:00')).toEqual({ ok: true, iso: '2027-10-31T02:00:00.000Z' });
  });

  it('refuses what is not a date or time, in Swedish', () => {
    expect(stockholmToUtc('2027-02-30', '10:00')).toEqual({ ok: false, message: 'Datumet 2027-02-30 finns inte.' });
    const refusal = (date: string, time: string) => {
      const answer = stockholmToUtc(date, time);
      return answer.ok ? `accepted ${answer.iso}` : answer.message;
    };
    expect(refusal('1/1 2027', '10:00')).toMatch(/är inget datum/);
    expect(refusal('2027-01-01', '24:00')).toMatch(/Klockslaget 24:00 finns inte/);
    expect(refusal('2027-01-01', 'midnatt')).toMatch(/är ingen tid/);
  });

  it('writes moments back in Swedish time, both ways round', () => {
    expect(formatStockholm('2026-12-31T23:00:00Z')).toBe('1 januari 2027 kl. 00:00');
    expect(formatStockholm('2027-10-31T00:30:00Z')).toBe('31 oktober 2027 kl. 02:30');
    expect(formatStockholm('2027-10-31T01:30:00Z')).toBe('31 oktober 2027 kl. 02:30');
    expect(utcToStockholm('2027-03-28T01:00:00Z')).toEqual(['2027-03-28', '03:00']);
    expect(utcToStockholm('2027-07-01T10:00:00Z')).toEqual(['2027-07-01', '12:00']);
  });

  it('says how late in Swedish', () => {
    expect(lateness(40_000)).toBe('40 sekunder');
    expect(lateness(12 * 60_000)).toBe('12 minuter');
    expect(lateness(3 * 3600_000 + 5 * 60_000)).toBe('3 timmar och 5 minuter');
  });
});

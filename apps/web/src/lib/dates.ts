import { LANGUAGE_TAG, type Locale } from '../i18n/locales';

// The organisation is Swedish: a date on the site is the calendar date in Sweden, whoever reads it.
const SITE_TIME_ZONE = 'Europe/Stockholm';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

const swedishDay = new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const swedishOffset = new Intl.DateTimeFormat('en', { timeZone: SITE_TIME_ZONE, timeZoneName: 'longOffset' });

/** The calendar date in Sweden (YYYY-MM-DD) of a CMS timestamp; a calendar date is returned as it is. */
export const calendarDate = (timestamp: string): string => {
  if (CALENDAR_DATE.test(timestamp)) return timestamp;
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) throw new Error(`Not a date: ${JSON.stringify(timestamp)}`);
  const parts = swedishDay.formatToParts(instant);
  const part = (type: string) => parts.find((each) => each.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
};

// Made once per language: creating an Intl.DateTimeFormat costs about 80 µs on Node 24, formatting
// with one about 2, and every page of a full build formats a date (creating them was a third of
// the render time at 20,000 pages).
const readersDate = Object.fromEntries(
  Object.entries(LANGUAGE_TAG).map(([locale, tag]) => [locale, new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' })]),
) as Record<Locale, Intl.DateTimeFormat>;

/** A date as readers write it: "27 november 2026", "27 November 2026". */
export const formatDate = (locale: Locale, timestamp: string): string => readersDate[locale].format(new Date(`${calendarDate(timestamp)}T00:00:00Z`));

/**
 * The start of a calendar date in Sweden as an RFC 3339 date-time (Atom's dates need a time):
 * "2026-11-27T00:00:00+01:00". Sweden changes its clocks at 01:00 UTC, so the offset at 00:00 UTC
 * of a date is the one in force at its midnight.
 */
export const startOfDay = (timestamp: string): string => {
  const date = calendarDate(timestamp);
  const zone = swedishOffset.formatToParts(new Date(`${date}T00:00:00Z`)).find((each) => each.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = zone === 'GMT' ? '+00:00' : zone.slice('GMT'.length);
  return `${date}T00:00:00${offset}`;
};

/** The latest of some dates (YYYY-MM-DD or timestamps), as a calendar date; undefined for none. */
export const newestDate = (timestamps: (string | null | undefined)[]): string | undefined =>
  timestamps
    .filter((each): each is string => Boolean(each))
    .map(calendarDate)
    .reduce<string | undefined>((newest, date) => (newest === undefined || date > newest ? date : newest), undefined);

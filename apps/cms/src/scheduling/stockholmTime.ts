/**
 * Swedish wall-clock time (Europe/Stockholm, summer time included) and the moment it names.
 * Plain code with no server imports: the admin's scheduling form uses it to turn the date and
 * time an editor types into the ISO 8601 moment the scheduling API takes, and the server uses
 * it to write times back in the editors' words.
 */

export const ZONE = 'Europe/Stockholm';

/** Stockholm's offset from UTC at a moment, in minutes (60 in winter, 120 in summer). */
export const stockholmOffsetMinutes = (utcMs: number): number => {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
};

export type StockholmTime =
  | {
      ok: true;
      /** The moment, as the API takes it: ISO 8601 in UTC. */
      iso: string;
      /**
       * Set when the time occurs twice (the night summer time ends, 02:00–02:59): the first of
       * the two, still summer time, is chosen, and this says so in Swedish.
       */
      note?: string;
    }
  | { ok: false; message: string };

const pad = (value: number) => String(value).padStart(2, '0');

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/**
 * The moment a Swedish date ("2027-01-01") and time ("00:00") name. A time that does not exist
 * (the hour skipped when summer time begins) is refused with a message; a time that exists twice
 * (the hour repeated when it ends) is the first, with a note.
 */
export const stockholmToUtc = (date: string, time: string): StockholmTime => {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!day) return { ok: false, message: `"${date}" är inget datum. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2027-01-01.` };
  const clock = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!clock) return { ok: false, message: `"${time}" är ingen tid. Skriv den som TT:MM, till exempel 00:00 eller 13:30.` };
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const [hour, minute] = [Number(clock[1]), Number(clock[2])];
  if (hour > 23 || minute > 59) return { ok: false, message: `Klockslaget ${time} finns inte. Skriv en tid mellan 00:00 och 23:59.` };
  const wall = Date.UTC(year, month - 1, dayOfMonth, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) {
    return { ok: false, message: `Datumet ${date} finns inte.` };
  }
  const words = `${dayOfMonth} ${MONTHS[month - 1]} ${year} kl. ${pad(hour)}:${pad(minute)}`;
  // The moments that show this wall-clock time: one normally, none when summer time begins
  // (02:00–02:59 is skipped), two when it ends (02:00–02:59 happens in summer, then in winter time).
  const candidates = [120, 60].map((offset) => wall - offset * 60_000).filter((utc) => stockholmOffsetMinutes(utc) * 60_000 === wall - utc);
  const [first, second] = [...new Set(candidates)].sort((a, b) => a - b);
  if (first === undefined) {
    return {
      ok: false,
      message: `Klockan ${pad(hour)}:${pad(minute)} finns inte den ${dayOfMonth} ${MONTHS[month - 1]} ${year}: sommartiden börjar och klockan ställs fram från 02:00 till 03:00. Välj en annan tid, till exempel 03:00.`,
    };
  }
  if (second !== undefined) {
    return {
      ok: true,
      iso: new Date(first).toISOString(),
      note: `${words} inträffar två gånger eftersom sommartiden slutar den natten. Den första gäller (sommartid, ${new Date(first).toISOString().slice(11, 16)} UTC).`,
    };
  }
  return { ok: true, iso: new Date(first).toISOString() };
};

/** A moment in Swedish words and time: "1 januari 2027 kl. 00:00". */
export const formatStockholm = (at: number | string | Date): string => {
  const moment = new Date(at);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: ZONE,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  );
  return `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year} kl. ${parts.hour}:${parts.minute}`;
};

/** The Swedish date and time of a moment, as the form's fields hold them: ["2027-01-01", "00:00"]. */
export const utcToStockholm = (at: number | string | Date): [string, string] => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}`];
};

/** How late, in Swedish words: "40 sekunder", "12 minuter", "3 timmar och 5 minuter". */
export const lateness = (ms: number): string => {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minut' : 'minuter'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourWords = `${hours} ${hours === 1 ? 'timme' : 'timmar'}`;
  return rest === 0 ? hourWords : `${hourWords} och ${rest} ${rest === 1 ? 'minut' : 'minuter'}`;
};

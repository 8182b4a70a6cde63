/**
 * Opening hours in the OpenStreetMap `opening_hours` syntax (the standard's `horaires`),
 * read by the `opening_hours` library and evaluated in the place's own time zone (Europe/Paris,
 * Pacific/Noumea…: `timeZoneOfPlace()` in shared/territory.ts), whatever the server's own.
 */
import OpeningHours from 'opening_hours';
import { frenchClock, RANGE_DASH } from '../../shared/local-time.js';
import { PARIS_TIME_ZONE } from '../../shared/territory.js';

// Public holidays (PH) are French ones; the library needs a country to know them.
const NOMINATIM = { lat: 46.6, lon: 1.9, address: { country_code: 'fr', state: '' } };
const MODE_TIME_RANGES = 0;

const parsed = new Map<string, OpeningHours | null>();
const CACHE_LIMIT = 5000;

/** The parsed hours, or null when the text is not valid OSM syntax (cached: many places share the same hours). */
export function parseOpeningHours(horaires: string): OpeningHours | null {
  if (parsed.has(horaires)) return parsed.get(horaires)!;
  let value: OpeningHours | null;
  try {
    value = new OpeningHours(horaires, NOMINATIM as never, { mode: MODE_TIME_RANGES, tag_key: 'opening_hours', locale: 'fr' } as never);
  } catch {
    value = null;
  }
  if (parsed.size >= CACHE_LIMIT) parsed.clear();
  parsed.set(horaires, value);
  return value;
}

// One formatter per time zone: building one costs far more than using it (the directory's "open now" reads every place).
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function zoneFields(instant: Date, timeZone: string): [number, number, number, number, number, number] {
  const parts = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return [Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)];
}

/** A Date whose local fields (what the library reads) are the wall clock of `timeZone` at `instant`. */
function toWallClock(instant: Date, timeZone: string): Date {
  return new Date(...zoneFields(instant, timeZone));
}

/** The real instant of a wall-clock Date of `timeZone` produced by the library. */
function fromWallClock(wall: Date, timeZone: string): Date {
  const asUtc = Date.UTC(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes(), wall.getSeconds());
  const offset = (instant: number) => Date.UTC(...zoneFields(new Date(instant), timeZone)) - instant;
  const guess = asUtc - offset(asUtc);
  return new Date(asUtc - offset(guess));
}

export interface OpeningState {
  open: boolean;
  /** When it next opens or closes (within a week), if known. */
  nextChange: Date | null;
}

export function openingState(
  horaires: string | null | undefined,
  at: Date = new Date(),
  timeZone: string = PARIS_TIME_ZONE,
): OpeningState | null {
  if (!horaires) return null;
  const hours = parseOpeningHours(horaires);
  if (!hours) return null;
  const wall = toWallClock(at, timeZone);
  const open = hours.getState(wall);
  const limit = new Date(wall.getTime() + 8 * 24 * 3600 * 1000);
  const next = hours.getNextChange(wall, limit);
  return { open, nextChange: next ? fromWallClock(next, timeZone) : null };
}

/** Whether the place is open at `at`, its hours read on the wall clock of its own time zone. */
export function isOpenAt(horaires: string | null | undefined, at: Date = new Date(), timeZone: string = PARIS_TIME_ZONE): boolean {
  if (!horaires) return false;
  const hours = parseOpeningHours(horaires);
  return hours ? hours.getState(toWallClock(at, timeZone)) : false;
}

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function englishTime(hours: number, minutes: number): string {
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * The sentence shown next to a place: "Ouvert · ferme à 18 h", "Fermé · ouvre lundi à 9 h 30".
 * Null when the place gave no (readable) hours.
 */
export function describeOpening(
  horaires: string | null | undefined,
  at: Date = new Date(),
  timeZone: string = PARIS_TIME_ZONE,
): { fr: string; en: string; open: boolean } | null {
  if (!horaires) return null;
  const hours = parseOpeningHours(horaires);
  if (!hours) return null;
  const wall = toWallClock(at, timeZone);
  const open = hours.getState(wall);
  const next = hours.getNextChange(wall, new Date(wall.getTime() + 8 * 24 * 3600 * 1000));
  if (!next) return open ? { fr: 'Ouvert', en: 'Open', open } : { fr: 'Fermé', en: 'Closed', open };
  const sameDay = next.toDateString() === wall.toDateString();
  const tomorrow = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + 1).toDateString() === next.toDateString();
  const dayFr = sameDay ? '' : tomorrow ? 'demain ' : `${WEEKDAYS[next.getDay()]} `;
  const dayEn = sameDay ? '' : tomorrow ? 'tomorrow ' : `${WEEKDAYS_EN[next.getDay()]} `;
  const atFr = `${dayFr}à ${frenchClock(next.getHours(), next.getMinutes())}`;
  const atEn = `${dayEn}at ${englishTime(next.getHours(), next.getMinutes())}`;
  return open
    ? { fr: `Ouvert · ferme ${atFr}`, en: `Open · closes ${atEn}`, open }
    : { fr: `Fermé · ouvre ${atFr}`, en: `Closed · opens ${atEn}`, open };
}

export interface WeekDayHours {
  /** "lundi" ("Monday"). */
  day: string;
  /** "9 h – 12 h, 14 h – 18 h 30", or "fermé" ("09:00 – 12:00", "closed"). */
  hours: string;
}

/** This week in the place's time zone, Monday first: "lundi 9 h – 12 h" in French, "Monday 09:00 – 12:00" in English. */
export function weekInWords(horaires: string | null | undefined, at: Date, timeZone: string, lang: 'fr' | 'en'): WeekDayHours[] | null {
  if (!horaires) return null;
  const hours = parseOpeningHours(horaires);
  if (!hours) return null;
  const wall = toWallClock(at, timeZone);
  const monday = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() - ((wall.getDay() + 6) % 7));
  const time = lang === 'fr' ? frenchClock : englishTime;
  const days: WeekDayHours[] = [];
  for (let i = 0; i < 7; i++) {
    const start = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
    const end = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i + 1);
    const intervals = hours.getOpenIntervals(start, end) as unknown as Array<[Date, Date]>;
    const text = intervals
      .map(([from, to]) => {
        const endsAtMidnight = to.getTime() === end.getTime();
        const until = endsAtMidnight ? (lang === 'fr' ? frenchClock(24, 0) : '24:00') : time(to.getHours(), to.getMinutes());
        return `${time(from.getHours(), from.getMinutes())}${RANGE_DASH}${until}`;
      })
      .join(', ');
    days.push(
      lang === 'fr'
        ? { day: WEEKDAYS[start.getDay()], hours: text || 'fermé' }
        : { day: WEEKDAYS_EN[start.getDay()], hours: text || 'closed' },
    );
  }
  return days;
}

/** Milliseconds to add to an instant to read the wall clock of `timeZone` (its UTC offset then). */
function zoneOffset(instant: number, timeZone: string): number {
  return Date.UTC(...zoneFields(new Date(instant), timeZone)) - Math.floor(instant / 1000) * 1000;
}

/** The wall clock in ms "as if UTC" of a Date whose local fields are a wall clock (what the library gives and takes). */
function wallMs(wall: Date): number {
  return Date.UTC(
    wall.getFullYear(),
    wall.getMonth(),
    wall.getDate(),
    wall.getHours(),
    wall.getMinutes(),
    wall.getSeconds(),
    wall.getMilliseconds(),
  );
}

function wallDate(ms: number): Date {
  const d = new Date(ms);
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/**
 * [from, to) cut where the zone's offset changes (summer and winter time): within each piece the wall
 * clock is the instant plus one offset, so an interval of wall clock is one interval of instants.
 */
function constantOffsetSpans(from: number, to: number, timeZone: string): Array<{ start: number; end: number; offset: number }> {
  const spans: Array<{ start: number; end: number; offset: number }> = [];
  const HOUR = 3600 * 1000;
  let start = from;
  let offset = zoneOffset(from, timeZone);
  // Changes are months apart: one per hour at most. Probe every hour, and the last instant.
  for (let previous = from; previous < to - 1;) {
    const probe = Math.min(previous + HOUR, to - 1);
    if (zoneOffset(probe, timeZone) !== offset) {
      let low = previous;
      let high = probe;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (zoneOffset(middle, timeZone) === offset) low = middle;
        else high = middle;
      }
      spans.push({ start, end: high, offset });
      start = high;
      offset = zoneOffset(high, timeZone);
    }
    previous = probe;
  }
  spans.push({ start, end: to, offset });
  return spans;
}

/**
 * The instants of [from, to) when the place is open, as the library says (public holidays, dates and
 * exceptions included; "unknown" counts as closed, as in `isOpenAt`), read on the wall clock of
 * `timeZone`: what reseau/place-openings.ts stores so that "open now" is a filter in SQL.
 * `isOpenAt(horaires, t, timeZone)` is true exactly when t lies in one of these intervals.
 */
export function openIntervals(
  horaires: string | null | undefined,
  from: Date,
  to: Date,
  timeZone: string = PARIS_TIME_ZONE,
): Array<[Date, Date]> {
  const hours = horaires ? parseOpeningHours(horaires) : null;
  if (!hours) return [];
  const intervals: Array<[Date, Date]> = [];
  for (const span of constantOffsetSpans(from.getTime(), to.getTime(), timeZone)) {
    const found = hours.getOpenIntervals(wallDate(span.start + span.offset), wallDate(span.end + span.offset)) as unknown as Array<
      [Date, Date, boolean]
    >;
    for (const [open, close, unknown] of found) {
      if (unknown) continue;
      const start = Math.max(span.start, wallMs(open) - span.offset);
      const end = Math.min(span.end, wallMs(close) - span.offset);
      if (start < end) intervals.push([new Date(start), new Date(end)]);
    }
  }
  return intervals;
}

const SCHEMA_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** One opening range of a day, as schema.org's OpeningHoursSpecification writes it ("Monday", "09:00", "12:30"). */
export interface OpeningRange {
  dayOfWeek: string;
  opens: string;
  closes: string;
}

/**
 * This week's opening ranges in the place's time zone, Monday first (the same week `weekInWords` shows):
 * what search engines read as `openingHoursSpecification`. A range ending at midnight closes at "23:59",
 * as Google's guidelines ask. Null when the place gave no (readable) hours.
 */
export function weeklyRanges(
  horaires: string | null | undefined,
  at: Date = new Date(),
  timeZone: string = PARIS_TIME_ZONE,
): OpeningRange[] | null {
  if (!horaires) return null;
  const hours = parseOpeningHours(horaires);
  if (!hours) return null;
  const wall = toWallClock(at, timeZone);
  const monday = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() - ((wall.getDay() + 6) % 7));
  const ranges: OpeningRange[] = [];
  for (let i = 0; i < 7; i++) {
    const start = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
    const end = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i + 1);
    for (const [from, to] of hours.getOpenIntervals(start, end) as unknown as Array<[Date, Date]>) {
      ranges.push({
        dayOfWeek: SCHEMA_DAYS[start.getDay()],
        opens: englishTime(from.getHours(), from.getMinutes()),
        closes: to.getTime() === end.getTime() ? '23:59' : englishTime(to.getHours(), to.getMinutes()),
      });
    }
  }
  return ranges;
}

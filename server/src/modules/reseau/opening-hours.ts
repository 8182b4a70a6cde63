/**
 * Opening hours in the OpenStreetMap `opening_hours` syntax (the standard's `horaires`),
 * read by the `opening_hours` library and evaluated in the place's own time zone (Europe/Paris,
 * Pacific/Noumea…: `timeZoneOfPlace()` in shared/territory.ts), whatever the server's own.
 */
import OpeningHours from 'opening_hours';
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

/** "14 h 30", "9 h" — the French way. */
export function frenchTime(hours: number, minutes: number): string {
  return minutes ? `${hours} h ${String(minutes).padStart(2, '0')}` : `${hours} h`;
}

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
  const atFr = `${dayFr}à ${frenchTime(next.getHours(), next.getMinutes())}`;
  const atEn = `${dayEn}at ${englishTime(next.getHours(), next.getMinutes())}`;
  return open
    ? { fr: `Ouvert · ferme ${atFr}`, en: `Open · closes ${atEn}`, open }
    : { fr: `Fermé · ouvre ${atFr}`, en: `Closed · opens ${atEn}`, open };
}

export interface WeekDayHours {
  /** "lundi". */
  day: string;
  /** "9 h – 12 h, 14 h – 18 h 30", or "fermé". */
  hours: string;
}

/** This week in the place's time zone, Monday first, written the French way. */
export function frenchWeek(
  horaires: string | null | undefined,
  at: Date = new Date(),
  timeZone: string = PARIS_TIME_ZONE,
): WeekDayHours[] | null {
  if (!horaires) return null;
  const hours = parseOpeningHours(horaires);
  if (!hours) return null;
  const wall = toWallClock(at, timeZone);
  const monday = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() - ((wall.getDay() + 6) % 7));
  const days: WeekDayHours[] = [];
  for (let i = 0; i < 7; i++) {
    const start = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
    const end = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i + 1);
    const intervals = hours.getOpenIntervals(start, end) as unknown as Array<[Date, Date]>;
    const text = intervals
      .map(([from, to]) => {
        const endsAtMidnight = to.getTime() === end.getTime();
        return `${frenchTime(from.getHours(), from.getMinutes())} – ${endsAtMidnight ? '24 h' : frenchTime(to.getHours(), to.getMinutes())}`;
      })
      .join(', ');
    days.push({ day: WEEKDAYS[start.getDay()], hours: text || 'fermé' });
  }
  return days;
}

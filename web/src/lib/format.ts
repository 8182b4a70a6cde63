import type { Lang } from './i18n/format.js';

/** Mainland France's zone: the clock of everything that is not tied to a place (a message, a session). */
export const PARIS_TIME_ZONE = 'Europe/Paris';

/**
 * One Intl.DateTimeFormat per language and options, made once: making one costs far more than using it (a page
 * that lists twenty dates made eighty of them while hydrating on a phone).
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

function parts(date: Date, lang: Lang, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  return Object.fromEntries(
    dateTimeFormat(locale, { timeZone, ...options })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
}

import { formatNumber } from './i18n/format.js';
export { formatNumber };

/**
 * Dates and times already written, by language, zone and instant: a list shows the same dates to everyone who opens
 * it, and writing one (Intl's breakdown) costs more than the card around it. The oldest are forgotten past
 * `MOST_REMEMBERED`; a date's key carries the year it was written in ("3 mars" this year, "3 mars 2027" before).
 */
const written = new Map<string, string>();
const MOST_REMEMBERED = 5000;

function remembered(key: string, write: () => string): string {
  let text = written.get(key);
  if (text === undefined) {
    text = write();
    if (written.size >= MOST_REMEMBERED) written.delete(written.keys().next().value as string);
    written.set(key, text);
  }
  return text;
}

/**
 * The space inside a French time or duration ("14 h 30", "2 h", "45 min"): narrow and no-break, as Intl writes "3 h"
 * and groups digits ("6 258"), so that a phone never ends a line with "14" and starts the next with "h".
 */
export const TIME_SPACE = '\u202f';

/**
 * The dash between the two ends of a range ("14 h 30 – 16 h"), held to the start: the end goes to the next line
 * whole, never the dash alone.
 */
export const RANGE_DASH = '\u00a0– ';

/**
 * "14 h 30", "9 h" (French way, with `TIME_SPACE`) or "14:30", "09:00", on the clock of `timeZone`: an event's or a
 * place's own (`Event.timeZone`), Paris for what is tied to no place.
 */
export function formatTime(value: Date | string, lang: Lang = 'fr', timeZone = PARIS_TIME_ZONE): string {
  const date = new Date(value);
  return remembered(`time|${lang}|${timeZone}|${date.getTime()}`, () => writeTime(date, lang, timeZone));
}

function writeTime(date: Date, lang: Lang, timeZone: string): string {
  if (lang === 'en') {
    // The 24-hour clock, as the server writes English times too ("Monday 14 December, 14:30–16:00").
    return dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  }
  const p = parts(date, 'fr', timeZone, { hour: '2-digit', minute: '2-digit', hour12: false });
  const hour = String(Number(p.hour));
  return p.minute === '00' ? `${hour}${TIME_SPACE}h` : `${hour}${TIME_SPACE}h${TIME_SPACE}${p.minute}`;
}

/** "lundi 3 mars", "samedi 1er mars" (the year is added when it is not this year), on the calendar of `timeZone`. */
export function formatDate(value: Date | string, lang: Lang = 'fr', timeZone = PARIS_TIME_ZONE): string {
  const date = new Date(value);
  return remembered(`date|${lang}|${timeZone}|${thisYear()}|${date.getTime()}`, () => writeDate(date, lang, timeZone));
}

function writeDate(date: Date, lang: Lang, timeZone: string): string {
  // One breakdown per date: a list renders dozens of them, and each breakdown costs more than the page's markup.
  const p = parts(date, lang, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  // French writes the first of the month "1er" ("samedi 1er mars"); Intl writes "1".
  const day = lang === 'fr' && p.day === '1' ? '1er' : p.day;
  const text = `${p.weekday} ${day} ${p.month}`;
  return p.year === thisYear() ? text : `${text} ${p.year}`;
}

/** This year in France, read again once a minute rather than for every date. */
let year: { value: string; until: number } | undefined;
function thisYear(): string {
  const now = Date.now();
  if (!year || now >= year.until) {
    year = { value: dateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, year: 'numeric' }).format(now), until: now + 60_000 };
  }
  return year.value;
}

/**
 * Where something or someone is: "Savenay (44)", "Savenay", or "département 44" when only the département is known
 * (a bare "(44)" after a date or a name reads as nothing); empty when neither is.
 */
export function territoryName(commune?: string | null, departement?: string | null): string {
  if (commune) return departement ? `${commune} (${departement})` : commune;
  return departement ? `département ${departement}` : '';
}

/** "juin 2026" (or "June 2026"): when something began, where the day does not matter ("Membre depuis juin 2026"). */
export function formatMonth(value: Date | string, lang: Lang = 'fr', timeZone = PARIS_TIME_ZONE): string {
  return dateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, month: 'long', year: 'numeric' }).format(new Date(value));
}

/** "14 h 30 – 16 h" (or "14:30 – 16:00"): two times of one day, the dash held to the first. */
export function formatTimeRange(start: Date | string, end: Date | string, lang: Lang = 'fr', timeZone = PARIS_TIME_ZONE): string {
  return `${formatTime(start, lang, timeZone)}${RANGE_DASH}${formatTime(end, lang, timeZone)}`;
}

/** "lundi 3 mars, 14 h 30". */
export function formatDateTime(value: Date | string, lang: Lang = 'fr', timeZone = PARIS_TIME_ZONE): string {
  return `${formatDate(value, lang, timeZone)}, ${formatTime(value, lang, timeZone)}`;
}

/** "YYYY-MM-DD" of an instant on the calendar of `timeZone` (a day to group by, or a date field's value). */
export function dayIn(value: Date | string, timeZone = PARIS_TIME_ZONE): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value));
}

/** "HH:mm" of an instant on the clock of `timeZone` (a time field's value). */
export function clockIn(value: Date | string, timeZone = PARIS_TIME_ZONE): string {
  return dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(value));
}

/**
 * Minutes as hours the French way: 210 → "3 h 30", 45 → "45 min", -600 → "−10 h"; the hours grouped as the language
 * writes numbers (a month of the network's exchanges: "6 258 h 30", "6,258 h 30"), held together by `TIME_SPACE`.
 */
export function formatMinutes(minutes: number, lang: Lang = 'fr'): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = formatNumber(Math.floor(total / 60), lang);
  const rest = total % 60;
  if (total < 60) return `${sign}${rest}${TIME_SPACE}min`;
  const whole = `${sign}${hours}${TIME_SPACE}h`;
  return rest === 0 ? whole : `${whole}${TIME_SPACE}${String(rest).padStart(2, '0')}`;
}

const languageNames = new Map<Lang, Intl.DisplayNames>();

/**
 * A language a person helps in, as they wrote it ("arabe"); one written as its code ("br", from an older profile or
 * an import) by its name in the page's language ("breton", "Breton").
 */
export function languageName(language: string, lang: Lang = 'fr'): string {
  if (!/^[a-z]{2,3}$/i.test(language)) return language;
  let names = languageNames.get(lang);
  if (!names) languageNames.set(lang, (names = new Intl.DisplayNames([lang === 'fr' ? 'fr-FR' : 'en-GB'], { type: 'language' })));
  try {
    return names.of(language.toLowerCase()) ?? language;
  } catch {
    return language;
  }
}

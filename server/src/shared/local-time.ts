import { DateTime } from 'luxon';
import type { Lang } from '../i18n/lang.js';
import { PARIS_TIME_ZONE, timeZoneOfDepartement } from './territory.js';

// Dates and times as people read them, on the clock of the place they are about (docs/conventions.md): an event's
// département's zone; Europe/Paris for what has no place (a campaign's deadline, an account's e-mails).

/**
 * Every local time of an event is read and written on the clock of the place where it happens: its
 * département's zone (Europe/Paris in mainland France and Corsica, and when it has none, e.g. online).
 */
export function eventZone(event: { departement?: string | null }): string {
  return timeZoneOfDepartement(event.departement);
}

/**
 * "2026-03-02T14:30" read as a wall-clock time of `zone`. Null when the text is not such a time,
 * or when the time does not exist that day (the hour skipped when clocks go forward in March).
 */
export function wallClock(text: string, zone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text.trim())) return null;
  const local = DateTime.fromISO(text.trim(), { zone });
  if (!local.isValid) return null;
  // Luxon moves a skipped time forward by an hour: such a time was never on the place's clock.
  if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== text.trim()) return null;
  return local.toJSDate();
}

/** Whether `text` is a day of the calendar written "2026-03-02" (not "2026-02-30"). */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** The end of the day "2026-03-02" (23:59) on the clock of `zone`; null when the text is not such a date. */
export function endOfDay(text: string, zone: string): Date | null {
  if (!isCalendarDay(text.trim())) return null;
  return DateTime.fromISO(text.trim(), { zone }).set({ hour: 23, minute: 59 }).toJSDate();
}

/**
 * The same wall-clock time of `zone`, `weeks` weeks later: 14:30 stays 14:30 across the
 * daylight-saving changes (so the UTC instant moves by an hour then).
 */
export function weeksLater(start: Date, weeks: number, zone: string): Date {
  return DateTime.fromJSDate(start, { zone }).plus({ weeks }).toJSDate();
}

/** " (heure locale)" after a time of an overseas place, read by people who may live on Paris time. */
function frenchZoneNote(zone: string): string {
  return zone === PARIS_TIME_ZONE ? '' : ' (heure locale)';
}

function englishZoneNote(zone: string): string {
  return zone === PARIS_TIME_ZONE ? ' (Paris time)' : ' (local time)';
}

/** "lundi 3 mars 2026", "samedi 1er mars 2026". */
function frenchDay(date: Date, zone: string): string {
  const local = DateTime.fromJSDate(date, { zone }).setLocale('fr');
  return `${local.toFormat('cccc')} ${frenchDayOfMonth(local.day)} ${local.toFormat('LLLL yyyy')}`;
}

function englishDay(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/**
 * The space inside a French time or duration ("14 h 30", "2 h", "45 min"), narrow and no-break, and the dash of a range
 * held to its start: a phone never ends a line with "14" and starts the next with "h" (the web writes its own times
 * so: web/src/lib/format.ts; a place's hours and the time bank's durations use these too: reseau/opening-hours.ts,
 * banque-de-temps/minutes.ts).
 */
export const TIME_SPACE = '\u202f';
export const RANGE_DASH = '\u00a0– ';

/** "14 h 30", "9 h": a time of day the French way (an event's, a place's opening hours). */
export function frenchClock(hour: number, minute: number): string {
  const whole = `${hour}${TIME_SPACE}h`;
  return minute === 0 ? whole : `${whole}${TIME_SPACE}${String(minute).padStart(2, '0')}`;
}

/** "14 h 30", "9 h" on the clock of `zone`. */
export function frenchHour(date: Date, zone: string): string {
  const local = DateTime.fromJSDate(date, { zone });
  return frenchClock(local.hour, local.minute);
}

/** "14:30" on the clock of `zone`: English reads a time so ("at 10:00"), never "at 10 h". */
export function englishHour(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('HH:mm');
}

/** "lundi 3 mars 2026, 14 h 30" — how French people write a date and an hour ("(heure locale)" overseas). */
export function frenchDateTime(date: Date, zone: string): string {
  return `${frenchDay(date, zone)}, ${frenchHour(date, zone)}${frenchZoneNote(zone)}`;
}

/** "Monday 3 March 2026, 14:30 (Paris time)" for English readers. */
export function englishDateTime(date: Date, zone: string): string {
  return `${englishDay(date, zone)}, ${englishHour(date, zone)}${englishZoneNote(zone)}`;
}

/**
 * "mercredi 2 décembre 2026 à 17 h 30" / "Wednesday 2 December 2026 at 17:30", as a sentence of a message
 * says when something starts (the year left out for a reminder, which is about the days ahead).
 */
export function spokenStart(date: Date, zone: string, lang: 'fr' | 'en', withYear = true): string {
  const day = spokenDay(date, zone, lang, withYear);
  return lang === 'fr' ? `${day} à ${frenchHour(date, zone)}` : `${day} at ${englishHour(date, zone)}`;
}

/** "samedi 1er mars 2026" / "Saturday 1 March 2026" on the clock of `zone`, the year left out when it goes without saying. */
export function spokenDay(date: Date, zone: string, lang: 'fr' | 'en', withYear = true): string {
  const day = (lang === 'fr' ? frenchDay : englishDay)(date, zone);
  return withYear ? day : day.replace(/ \d{4}$/, '');
}

/** When an event happens, written for people: "lundi 2 mars 2026, 14 h 30 – 16 h", "du … au …". */
export function frenchSpan(start: Date, end: Date, zone: string): string {
  if (sameDay(start, end, zone))
    return `${frenchDay(start, zone)}, ${frenchHour(start, zone)}${RANGE_DASH}${frenchHour(end, zone)}${frenchZoneNote(zone)}`;
  return `du ${frenchDay(start, zone)}, ${frenchHour(start, zone)} au ${frenchDay(end, zone)}, ${frenchHour(end, zone)}${frenchZoneNote(zone)}`;
}

/** "Monday 2 March 2026, 14:30–16:00 (Paris time)", "… – …". */
export function englishSpan(start: Date, end: Date, zone: string): string {
  if (sameDay(start, end, zone))
    return `${englishDay(start, zone)}, ${englishHour(start, zone)}–${englishHour(end, zone)}${englishZoneNote(zone)}`;
  return `${englishDay(start, zone)}, ${englishHour(start, zone)} – ${englishDay(end, zone)}, ${englishHour(end, zone)}${englishZoneNote(zone)}`;
}

/** "2026-03-02": the day of `date` on the clock of `zone`. */
export function localDay(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISODate()!;
}

/** Whether both instants fall on the same day of the calendar of `zone`. */
function sameDay(a: Date, b: Date, zone: string): boolean {
  return localDay(a, zone) === localDay(b, zone);
}

/** `day`'s date on the calendar of `zone`, at `time`'s wall-clock hour and minute there. */
export function sameTimeOfDay(day: Date, time: Date, zone: string): Date {
  const clock = DateTime.fromJSDate(time, { zone });
  return DateTime.fromJSDate(day, { zone }).set({ hour: clock.hour, minute: clock.minute, second: 0, millisecond: 0 }).toJSDate();
}

/** "02/03/2026 14:30" on the clock of `zone`, for spreadsheets. */
export function spreadsheetDateTime(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('dd/LL/yyyy HH:mm');
}

/** The day of the month as French writes it: "1er" for the first ("samedi 1er mars"), then "2", "3"… */
export function frenchDayOfMonth(day: number | string): string {
  return Number(day) === 1 ? '1er' : String(Number(day));
}

/** "lundi 3 mars 2026 à 14 h 30", "samedi 1er mars 2026 à 9 h", "Monday 3 March 2026 at 14:30": on Paris time. */
export function formatParisDateTime(date: Date, lang: Lang): string {
  return spokenStart(date, PARIS_TIME_ZONE, lang);
}

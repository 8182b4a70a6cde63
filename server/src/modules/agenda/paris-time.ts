import { DateTime } from 'luxon';

/** Every local time of the agenda is read and written in this zone: Europe/Paris. */
export const AGENDA_ZONE = 'Europe/Paris';

/**
 * "2026-03-02T14:30" read as a Paris wall-clock time. Null when the text is not such a time,
 * or when the time does not exist that day (the hour skipped when clocks go forward in March).
 */
export function parisWallClock(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text.trim())) return null;
  const local = DateTime.fromISO(text.trim(), { zone: AGENDA_ZONE });
  if (!local.isValid) return null;
  // Luxon moves a skipped time forward by an hour: such a time was never on a Paris clock.
  if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== text.trim()) return null;
  return local.toJSDate();
}

/**
 * The same Paris wall-clock time, `weeks` weeks later: 14:30 stays 14:30 across the
 * daylight-saving changes (so the UTC instant moves by an hour then).
 */
export function weeksLaterInParis(start: Date, weeks: number): Date {
  return DateTime.fromJSDate(start, { zone: AGENDA_ZONE }).plus({ weeks }).toJSDate();
}

/** "lundi 3 mars 2026, 14 h 30" — how French people write a date and an hour. */
export function frenchDateTime(date: Date): string {
  const local = DateTime.fromJSDate(date, { zone: AGENDA_ZONE }).setLocale('fr');
  return `${local.toFormat('cccc d LLLL yyyy')}, ${frenchHour(date)}`;
}

/** "14 h 30", "9 h". */
export function frenchHour(date: Date): string {
  const local = DateTime.fromJSDate(date, { zone: AGENDA_ZONE });
  return local.minute === 0 ? `${local.hour} h` : `${local.hour} h ${String(local.minute).padStart(2, '0')}`;
}

/** "Monday, March 3, 2026, 2:30 PM" for English readers, still in Paris time. */
export function englishDateTime(date: Date): string {
  return DateTime.fromJSDate(date, { zone: AGENDA_ZONE }).setLocale('en-GB').toFormat("cccc d LLLL yyyy, HH:mm '(Paris time)'");
}

/** "14:30" in Paris time. */
export function englishTime(date: Date): string {
  return DateTime.fromJSDate(date, { zone: AGENDA_ZONE }).toFormat('HH:mm');
}

/** Whether both instants fall on the same day on a Paris calendar. */
export function sameParisDay(a: Date, b: Date): boolean {
  return DateTime.fromJSDate(a, { zone: AGENDA_ZONE }).toISODate() === DateTime.fromJSDate(b, { zone: AGENDA_ZONE }).toISODate();
}

/** `day`'s date on a Paris calendar, at `time`'s Paris wall-clock hour and minute. */
export function sameTimeOfDay(day: Date, time: Date): Date {
  const clock = DateTime.fromJSDate(time, { zone: AGENDA_ZONE });
  return DateTime.fromJSDate(day, { zone: AGENDA_ZONE })
    .set({ hour: clock.hour, minute: clock.minute, second: 0, millisecond: 0 })
    .toJSDate();
}

import { formatDateTime, formatTime, PARIS_TIME_ZONE, RANGE_DASH } from './format';
import { translate, type Lang } from './i18n';
import type { IconName } from './components/Icon.svelte';

/** Whether `text` is a day of the calendar written "2026-03-01" (not "2026-02-30"). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** "2026-02-28" for the month "2026-02". */
export function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/**
 * "lundi 3 mars, 14 h 30 – 16 h": when an event happens, on the clock of its place, with "(heure locale)"
 * when that is not Paris's (someone in Lyon reading a workshop in Cayenne).
 */
export function eventWhen(lang: Lang, timeZone: string, startsAt: string, endsAt?: string | null): string {
  const start = formatDateTime(startsAt, lang, timeZone);
  const span = endsAt ? `${start}${RANGE_DASH}${formatTime(endsAt, lang, timeZone)}` : start;
  return timeZone === PARIS_TIME_ZONE ? span : `${span} (${translate(lang, 'agenda.localTime')})`;
}

/** "1re", "2e", "3e"… (French ordinals, feminine as in "en 1re position"), "1st", "2nd"… in English. */
export function ordinal(position: number, lang: Lang): string {
  if (lang === 'en') {
    const suffix =
      position % 10 === 1 && position % 100 !== 11
        ? 'st'
        : position % 10 === 2 && position % 100 !== 12
          ? 'nd'
          : position % 10 === 3 && position % 100 !== 13
            ? 'rd'
            : 'th';
    return `${position}${suffix}`;
  }
  return position === 1 ? '1re' : `${position}e`;
}

/** "Il reste 3 places", "Complet — liste d'attente ouverte", "Places sans limite". */
export function seatsText(lang: Lang, remaining: number | null | undefined): string {
  if (remaining == null) return translate(lang, 'agenda.unlimited');
  if (remaining === 0) return translate(lang, 'agenda.full');
  return translate(lang, 'agenda.seatsLeft', { count: remaining });
}

export const EVENT_KINDS = ['ATELIER', 'BARCAMP', 'CAFE_CITOYEN', 'FORMATION', 'WEBINAIRE', 'PERMANENCE', 'REUNION_RESEAU'] as const;
export const LEVELS = ['ELOIGNE', 'DEBUTANT', 'INTERMEDIAIRE', 'AVANCE', 'AUTONOME'] as const;

/** Icons always come with their text; they only help the eye find the kind. */
export const KIND_ICON: Record<string, IconName> = {
  ATELIER: 'wrench',
  BARCAMP: 'messages',
  CAFE_CITOYEN: 'coffee',
  FORMATION: 'graduation-cap',
  WEBINAIRE: 'monitor',
  PERMANENCE: 'handshake',
  REUNION_RESEAU: 'network',
};

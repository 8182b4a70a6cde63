import { formatDateTime, formatTime, PARIS_TIME_ZONE } from './format';
import { translate, type Lang } from './i18n';
import type { IconName } from './components/Icon.svelte';

/** The UTC instant of 00:00 in Paris on "YYYY-MM-DD" (winter or summer time alike). */
export function parisMidnight(ymd: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  // Paris is UTC+1 or UTC+2: ask the time-zone database which one applies at that moment.
  const guess = new Date(Date.UTC(year, month, day) - 3_600_000);
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
      .formatToParts(guess)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+1';
  const hours = Number(/GMT([+-]\d+)/.exec(name)?.[1] ?? 1);
  return new Date(Date.UTC(year, month, day) - hours * 3_600_000);
}

/**
 * "lundi 3 mars, 14 h 30 – 16 h": when an event happens, on the clock of its place, with "(heure locale)"
 * when that is not Paris's (someone in Lyon reading a workshop in Cayenne).
 */
export function eventWhen(lang: Lang, timeZone: string, startsAt: string, endsAt?: string | null): string {
  const start = formatDateTime(startsAt, lang, timeZone);
  const span = endsAt ? `${start} – ${formatTime(endsAt, lang, timeZone)}` : start;
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

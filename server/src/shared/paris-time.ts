import type { Lang } from '../i18n/lang.js';

const DAY = {
  fr: new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
};
const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' });

/** The day of the month as French writes it: "1er" for the first ("samedi 1er mars"), then "2", "3"… */
export function frenchDayOfMonth(day: number | string): string {
  return Number(day) === 1 ? '1er' : String(Number(day));
}

/**
 * A date written by `format` in its own language, with the first of the month "1er" when that language is French
 * (Intl writes "1 mars"). Only for formats that write the month in words: "01/03/2026" keeps its digits.
 */
export function writeDate(format: Intl.DateTimeFormat, date: Date): string {
  if (!format.resolvedOptions().locale.startsWith('fr')) return format.format(date);
  return format
    .formatToParts(date)
    .map((part) => (part.type === 'day' ? frenchDayOfMonth(part.value) : part.value))
    .join('');
}

/** "lundi 3 mars 2026 à 14 h 30", "samedi 1er mars…" — a time as people in France write it (Europe/Paris). */
export function formatParisDateTime(date: Date, lang: Lang): string {
  const [hours, minutes] = TIME.format(date).split(':');
  const day = writeDate(DAY[lang], date);
  return lang === 'en' ? `${day} at ${hours}:${minutes}` : `${day} à ${Number(hours)} h ${minutes}`;
}

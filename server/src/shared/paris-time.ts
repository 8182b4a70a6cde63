import type { Lang } from '../i18n/lang.js';

const DAY = {
  fr: new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
};
const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' });

/** "lundi 3 mars 2026 à 14 h 30" — a time as people in France write it (Europe/Paris). */
export function formatParisDateTime(date: Date, lang: Lang): string {
  const [hours, minutes] = TIME.format(date).split(':');
  if (lang === 'en') return `${DAY.en.format(date)} at ${hours}:${minutes}`;
  return `${DAY.fr.format(date)} à ${Number(hours)} h ${minutes}`;
}

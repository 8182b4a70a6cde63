import type { Lang } from './i18n';

const TIME_ZONE = 'Europe/Paris';

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

function parts(date: Date, lang: Lang, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  return Object.fromEntries(
    dateTimeFormat(locale, { timeZone: TIME_ZONE, ...options })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
}

export { formatNumber } from './i18n/format';

/**
 * Dates and times already written, by language and instant: a list shows the same dates to everyone who opens
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

/** "14 h 30", "9 h" (French way) or "2:30 pm". */
export function formatTime(value: Date | string, lang: Lang = 'fr'): string {
  const date = new Date(value);
  return remembered(`time|${lang}|${date.getTime()}`, () => writeTime(date, lang));
}

function writeTime(date: Date, lang: Lang): string {
  if (lang === 'en') {
    return dateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: 'numeric', minute: '2-digit', hour12: true }).format(date);
  }
  const p = parts(date, 'fr', { hour: '2-digit', minute: '2-digit', hour12: false });
  const hour = String(Number(p.hour));
  return p.minute === '00' ? `${hour} h` : `${hour} h ${p.minute}`;
}

/** "lundi 3 mars" (the year is added when it is not this year). */
export function formatDate(value: Date | string, lang: Lang = 'fr'): string {
  const date = new Date(value);
  return remembered(`date|${lang}|${thisYear()}|${date.getTime()}`, () => writeDate(date, lang));
}

function writeDate(date: Date, lang: Lang): string {
  // One breakdown per date: a list renders dozens of them, and each breakdown costs more than the page's markup.
  const p = parts(date, lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const text = `${p.weekday} ${p.day} ${p.month}`;
  return p.year === thisYear() ? text : `${text} ${p.year}`;
}

/** This year in France, read again once a minute rather than for every date. */
let year: { value: string; until: number } | undefined;
function thisYear(): string {
  const now = Date.now();
  if (!year || now >= year.until) {
    year = { value: dateTimeFormat('fr-FR', { timeZone: TIME_ZONE, year: 'numeric' }).format(now), until: now + 60_000 };
  }
  return year.value;
}

/** "lundi 3 mars, 14 h 30". */
export function formatDateTime(value: Date | string, lang: Lang = 'fr'): string {
  return `${formatDate(value, lang)}, ${formatTime(value, lang)}`;
}

/** Minutes as hours the French way: 210 → "3 h 30", 45 → "45 min", -600 → "−10 h". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${String(rest).padStart(2, '0')}`;
}

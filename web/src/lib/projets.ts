/** Helpers of the Projets pages. */

export const STAGES = ['IDEE', 'PROTOTYPE', 'BETA', 'DEPLOYE'] as const;
export const LEVELS = ['ELOIGNE', 'DEBUTANT', 'INTERMEDIAIRE', 'AVANCE', 'AUTONOME'] as const;
export type Stage = (typeof STAGES)[number];
export type Level = (typeof LEVELS)[number];

/** "seniors, smartphone" → ["seniors", "smartphone"]. */
export function commaList(text: string | null | undefined): string[] {
  return (text ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/** One item per non-empty line. */
export function lines(text: string | null | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((item) => item.trim()).filter(Boolean);
}

/**
 * A day chosen in a date field ("2026-12-03") at a Paris wall-clock time, as an ISO instant:
 * the offset of Europe/Paris on that day (winter +1, summer +2) is found with Intl.
 */
export function parisDayAt(day: string, hour: number, minute: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hour12: false, day: '2-digit' })
    .formatToParts(new Date(guess));
  const part = (type: string) => Number(shown.find((p) => p.type === type)?.value);
  const offsetMinutes = (part('day') - d) * 24 * 60 + (part('hour') % 24) * 60 + part('minute') - (hour * 60 + minute);
  return new Date(guess - offsetMinutes * 60 * 1000).toISOString();
}

/** The Paris calendar day of an instant, for a date field. */
export function parisDay(value: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value));
}

export function percent(value: number | null | undefined): string {
  return value == null ? '—' : `${Math.round(value * 100)} %`;
}

export function oneDecimal(value: number | null | undefined, lang: 'fr' | 'en' = 'fr'): string {
  return value == null ? '—' : value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
}

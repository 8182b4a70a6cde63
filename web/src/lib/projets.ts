/** Helpers of the Projets pages. */

export const STAGES = ['IDEE', 'PROTOTYPE', 'BETA', 'DEPLOYE'] as const;
export const LEVELS = ['ELOIGNE', 'DEBUTANT', 'INTERMEDIAIRE', 'AVANCE', 'AUTONOME'] as const;
export type Stage = (typeof STAGES)[number];
export type Level = (typeof LEVELS)[number];

/** "seniors, smartphone" → ["seniors", "smartphone"]. */
export function commaList(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** One item per non-empty line. */
export function lines(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A day chosen in a date field ("2026-12-03") at a Paris wall-clock time, as an ISO instant:
 * the offset of Europe/Paris on that day (winter +1, summer +2) is found with Intl.
 */
export function parisDayAt(day: string, hour: number, minute: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const shown = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    day: '2-digit',
  }).formatToParts(new Date(guess));
  const part = (type: string) => Number(shown.find((p) => p.type === type)?.value);
  const offsetMinutes = (part('day') - d) * 24 * 60 + (part('hour') % 24) * 60 + part('minute') - (hour * 60 + minute);
  return new Date(guess - offsetMinutes * 60 * 1000).toISOString();
}

export function percent(value: number | null | undefined): string {
  return value == null ? '—' : `${Math.round(value * 100)} %`;
}

export function oneDecimal(value: number | null | undefined, lang: 'fr' | 'en' = 'fr'): string {
  return value == null ? '—' : value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
}

/** "Intitulé | https://…" lines → links; a line with only an address is its own label. */
export function parseLinks(text: string | null | undefined): Array<{ label: string; url: string }> {
  return lines(text).map((line) => {
    const bar = line.lastIndexOf('|');
    return bar === -1 ? { label: '', url: line } : { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
  });
}

/** "https://… | what the picture shows" lines → images (the description is required by the API). */
export function parseImages(text: string | null | undefined): Array<{ url: string; alt: string }> {
  return lines(text).map((line) => {
    const bar = line.indexOf('|');
    return bar === -1 ? { url: line, alt: '' } : { url: line.slice(0, bar).trim(), alt: line.slice(bar + 1).trim() };
  });
}

/** A decimal typed the French way ("47,36") or not; empty → null. */
export function decimal(text: string | null | undefined): number | null {
  return text && text.trim() ? Number(text.replace(',', '.')) : null;
}

/** How much each criterion counts in the projects' order when the person moved no slider (the API's own defaults). */
export const DEFAULT_WEIGHTS = { proximity: 5, tags: 5, stage: 2, recency: 3 };

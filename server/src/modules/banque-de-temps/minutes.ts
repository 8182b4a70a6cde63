import type { Lang } from '../../i18n/lang.js';

/**
 * Minutes written the French way: "3 h 30", "2 h", "45 min", "1 h 05", "−2 h 15" (English: "3 h 30 min").
 * The ledger counts whole minutes; people read hours.
 */
export function formatMinutes(minutes: number, lang: Lang = 'fr'): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(Math.trunc(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  if (rest === 0) return `${sign}${hours} h`;
  return lang === 'fr' ? `${sign}${hours} h ${String(rest).padStart(2, '0')}` : `${sign}${hours} h ${rest} min`;
}

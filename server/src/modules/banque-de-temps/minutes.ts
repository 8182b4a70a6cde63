import type { Lang } from '../../i18n/lang.js';
import { TIME_SPACE } from '../../shared/local-time.js';

/**
 * Minutes written the French way: "3 h 30", "2 h", "45 min", "1 h 05", "−2 h 15" (English: "3 h 30 min").
 * The ledger counts whole minutes; people read hours. A number and its unit are held together by `TIME_SPACE`, so a
 * phone never starts a line with "h" (the web writes its durations so too: web/src/lib/format.ts).
 */
export function formatMinutes(minutes: number, lang: Lang = 'fr'): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(Math.trunc(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest}${TIME_SPACE}min`;
  const whole = `${sign}${hours}${TIME_SPACE}h`;
  if (rest === 0) return whole;
  return lang === 'fr' ? `${whole}${TIME_SPACE}${String(rest).padStart(2, '0')}` : `${whole}${TIME_SPACE}${rest}${TIME_SPACE}min`;
}

import type { Lang } from './lang.js';

const rules: Partial<Record<Lang, Intl.PluralRules>> = {};
const numbers: Partial<Record<Lang, Intl.NumberFormat>> = {};

/**
 * "1 ligne", "0 ligne", "12 345 lignes" (French: 0 and 1 are singular), "1 row", "0 rows" in English:
 * the number in the language's way and the word it takes. For the server's own sentences (CLI, logs
 * for people); the web app has ICU-style messages.
 */
export function count(lang: Lang, n: number, one: string, other: string): string {
  const rule = (rules[lang] ??= new Intl.PluralRules(lang)).select(n);
  const number = (numbers[lang] ??= new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB')).format(n);
  return `${number} ${rule === 'one' ? one : other}`;
}

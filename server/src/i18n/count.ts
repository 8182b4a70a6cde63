import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from './lang.js';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const compiled = new Map<string, IntlMessageFormat>();

/**
 * One ICU MessageFormat message, rendered by intl-messageformat — the library the web app's messages
 * go through too, so plurals are written one way everywhere:
 * `icu('fr', '{n, plural, one {# ligne} other {# lignes}}', { n: 0 })` → "0 ligne".
 */
export function icu(lang: Lang, message: string, values: Record<string, string | number> = {}): string {
  const key = `${lang}\u0000${message}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(message, LOCALES[lang], undefined, { ignoreTag: true });
    compiled.set(key, format);
  }
  return String(format.format(values));
}

/**
 * "1 ligne", "0 ligne", "12 345 lignes" (French: 0 and 1 are singular), "1 row", "0 rows" in English:
 * the number in the language's way and the word it takes. For the server's own sentences (e-mails,
 * notifications, CLI): a plural through intl-messageformat, like the web app's messages.
 */
export function count(lang: Lang, n: number, one: string, other: string): string {
  return icu(lang, '{n, plural, one {# {one}} other {# {other}}}', { n, one, other });
}

/**
 * The grammatical gender of a French noun phrase from its article ("une question", "la présentation
 * d'un profil" → feminine; "un projet" → masculine), for ICU `select` agreement:
 * `{gender, select, feminine {publiée} other {publié}}`.
 */
export function genderOf(phrase: string): 'feminine' | 'masculine' {
  return /^(une|la|cette)\s/i.test(phrase.trim()) ? 'feminine' : 'masculine';
}

import { IntlMessageFormat } from 'intl-messageformat';

export type Lang = 'fr' | 'en';
export type Params = Record<string, string | number>;

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const compiled = new Map<string, IntlMessageFormat>();

/**
 * One ICU MessageFormat message in `lang` (intl-messageformat): `{count, plural, one {# réponse} other {# réponses}}`,
 * `{name}`, `{name_elision, select, vowel {de l’{name}} other {de {name}}}` (write ’: an ASCII apostrophe before a
 * brace starts an ICU quote). Tags are plain text (ignoreTag). A value the message names but `params` lacks
 * stays as `{name}` rather than breaking the page.
 */
export function formatMessage(lang: Lang, template: string, params: Params = {}): string {
  const cacheKey = `${lang}\u0000${template}`;
  try {
    let format = compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(template, LOCALES[lang], undefined, { ignoreTag: true });
      compiled.set(cacheKey, format);
    }
    const values: Params = { ...params };
    for (const [name, value] of Object.entries(params)) if (typeof value === 'string') values[`${name}_elision`] ??= elision(value);
    return String(format.format(values));
  } catch {
    return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
  }
}

/** Words starting with an aspirated h: no elision before them ("de Hautes-Rives", "le Hameau"). */
const ASPIRATED_H = new Set([
  'hall',
  'halle',
  'halles',
  'hameau',
  'handicap',
  'hangar',
  'haut',
  'haute',
  'hauts',
  'hautes',
  'havre',
  'héros',
  'hibou',
  'hockey',
  'honte',
  'houle',
  'hutte',
  'huit',
]);

/**
 * "vowel" when French elides before this name (a vowel or a mute h: "de l’Amicale", "d’Hélène"),
 * otherwise "other". translate() gives every text value `x` a companion `x_elision`, so a message
 * can write `{name_elision, select, vowel {de l’{name}} other {de {name}}}`.
 */
export function elision(text: string): 'vowel' | 'other' {
  const word = text.replace(/^[\s«"“'’(]+/, '').split(/[\s'’-]/)[0] ?? '';
  const first = word.normalize('NFD').charAt(0).toLowerCase();
  if ('aeiouyæœ'.includes(first) && first !== '') return 'vowel';
  if (first === 'h') return ASPIRATED_H.has(word.toLowerCase()) ? 'other' : 'vowel';
  return 'other';
}

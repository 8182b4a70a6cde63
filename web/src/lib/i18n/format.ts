import { IntlMessageFormat, type Formatters } from 'intl-messageformat';

export type Lang = 'fr' | 'en';
export type Params = Record<string, string | number>;
/**
 * A message: its ICU text, or, in the browser, the same already parsed (web/messages-by-page.ts parses the messages
 * that need intl-messageformat when it builds, so the pages' scripts carry no ICU parser).
 */
export type Message = ConstructorParameters<typeof IntlMessageFormat>[0];

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const compiled = new Map<string, IntlMessageFormat>();
const parsed = new WeakMap<object, IntlMessageFormat>();

/*
 * What a page pays on a phone (issue #21 point 5): every IntlMessageFormat asks Intl which locales it supports
 * (costly) and makes its own number and plural formatters. The answer is the same for each language: asked once.
 */
const resolved = new Map<string, Intl.Locale | undefined>();
const resolveLocale = IntlMessageFormat.resolveLocale;
IntlMessageFormat.resolveLocale = (locales) => {
  const key = String(locales);
  if (!resolved.has(key)) resolved.set(key, resolveLocale(locales));
  return resolved.get(key);
};
function once<A extends unknown[], T>(make: (...args: A) => T): (...args: A) => T {
  const made = new Map<string, T>();
  return (...args) => {
    const key = JSON.stringify(args);
    let found = made.get(key);
    if (found === undefined) {
      found = make(...args);
      made.set(key, found);
    }
    return found;
  };
}
const formatters: Formatters = {
  getNumberFormat: once((locales?: string | string[], options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: once((locales?: string | string[], options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: once((locales?: string | string[], options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locales, options)),
};

/** "12 345,5" or "12,345.5" (at most one decimal), with the messages' own formatter, made once per language. */
export function formatNumber(value: number, lang: Lang): string {
  return formatters.getNumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(value);
}

/**
 * French typography: a line never starts with `:`, `;`, `!`, `?` or `»`, nor ends with `«`. Messages are written with
 * ordinary spaces; the French ones get the no-break spaces French sets there once, as they are loaded
 * (web/messages-by-page.ts for the browser, `$lib/server/messages` for the server): a word space before `:` and
 * inside guillemets, a thin one before `;`, `!` and `?`. What people type (a question's title) is left as typed.
 */
export function withFrenchSpaces(text: string): string {
  return text
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ ([;!?])/g, '\u202f$1');
}

/** Plain text (no argument, no ICU quote): the message is its own rendering. */
const PLAIN = /^[^{}']*$/;
/** Only `{name}` arguments and no ICU quote: each is replaced by its value, as intl-messageformat would. */
const SIMPLE = /^(?:[^{}']|\{\w+\})*$/;

/** Whether a message needs intl-messageformat (an ICU argument or quote), rather than the plain replacements below. */
export function needsIntl(template: string): boolean {
  return !PLAIN.test(template) && !SIMPLE.test(template);
}

/**
 * One ICU MessageFormat message in `lang` (intl-messageformat): `{count, plural, one {# réponse} other {# réponses}}`,
 * `{name}`, `{name_elision, select, vowel {de l’{name}} other {de {name}}}` (write ’: an ASCII apostrophe before a
 * brace starts an ICU quote). Tags are plain text (ignoreTag). A value the message names but `params` lacks
 * stays as `{name}` rather than breaking the page.
 */
export function formatMessage(lang: Lang, template: Message, params: Params = {}): string {
  if (typeof template === 'string' && PLAIN.test(template)) return template;
  if (typeof template === 'string' && SIMPLE.test(template))
    return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
  const cacheKey = `${lang}\u0000${typeof template === 'string' ? template : ''}`;
  try {
    let format = typeof template === 'string' ? compiled.get(cacheKey) : parsed.get(template);
    if (!format) {
      format = new IntlMessageFormat(template, LOCALES[lang], undefined, { ignoreTag: true, formatters });
      if (typeof template === 'string') compiled.set(cacheKey, format);
      else parsed.set(template, format);
    }
    const values: Params = { ...params };
    for (const [name, value] of Object.entries(params)) if (typeof value === 'string') values[`${name}_elision`] ??= elision(value);
    return String(format.format(values));
  } catch {
    if (typeof template !== 'string') return '';
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
  if ('aeiouæœ'.includes(first) && first !== '') return 'vowel';
  // "d’Yves", but "de Yann": before a vowel, a y sounds like a consonant.
  if (first === 'y') return /^y[^aeiouy]/i.test(word.normalize('NFD')) ? 'vowel' : 'other';
  if (first === 'h') return ASPIRATED_H.has(word.toLowerCase()) ? 'other' : 'vowel';
  return 'other';
}

import { page } from '$app/state';
import { formatMessage, type Lang, type Message, type Params } from './format.js';

export type { Lang };
export const LANGS: readonly Lang[] = ['fr', 'en'];

export type Messages = Record<string, Message>;

/**
 * Each section keeps its sentences in `messages/<section>.ts` ({ fr, en }); keys are "<section>.<what>".
 * In the browser, a page's script holds the French messages of the sections it shows only: the build
 * (web/messages-by-page.ts) makes each module that names a key hand its file's French messages to addMessages()
 * before its code runs. The server has every message in both languages (`$lib/server/messages`, loaded by
 * hooks.server.ts). Adding a section never edits a shared file.
 */
const dictionaries: Record<Lang, Messages> = { fr: {}, en: {} };

/** French messages of one or more files (called by the modules that name their keys, and by the server). */
export function addMessages(...files: Messages[]): void {
  for (const messages of files) Object.assign(dictionaries.fr, messages);
}

/** Every English message at once (the server, which has them all from its start). */
export function addEnglish(...files: Messages[]): void {
  for (const messages of files) Object.assign(dictionaries.en, messages);
  english = Promise.resolve();
}

// English is in the page's script only for those who read it: the browser fetches it once, when the root
// layout's load asks (loadLang), before the page is drawn; French readers never download it (docs/web.md).
// The `?lang=en` copy of each file is a module of its own, kept to its `en` export (web/messages-by-page.ts).
const englishLater = import.meta.glob<Messages>('./messages/*.ts', { import: 'en', query: '?lang=en' });
let english: Promise<void> | undefined;

/** Makes sure the messages of `lang` are at hand (English is fetched by the browser the first time). */
export function loadLang(lang: Lang): Promise<void> {
  if (lang !== 'en') return Promise.resolve();
  english ??= Promise.all(Object.values(englishLater).map((load) => load())).then(
    (files) => {
      for (const messages of files) Object.assign(dictionaries.en, messages);
    },
    (error: unknown) => {
      english = undefined; // tried again on the next page
      throw error;
    },
  );
  return english;
}

/**
 * `translate('fr', 'agenda.seatsLeft', { count: 3 })` → "Il reste 3 places". French when English is missing.
 * Messages are ICU MessageFormat, rendered by intl-messageformat (./format.ts): `{count, plural, one {# non lue} other {# non lues}}`
 * (`#` is the number; `=0 {…}` for an exact one; French 0 and 1 are "one"), `{x, select, a {…} other {…}}`.
 */
export function translate(lang: Lang, key: string, params: Params = {}): string {
  const template = dictionaries[lang][key] ?? dictionaries.fr[key] ?? key;
  return formatMessage(dictionaries[lang][key] === undefined && dictionaries.fr[key] !== undefined ? 'fr' : lang, template, params);
}

/** The language of the page being shown (set by the root layout from the cookie or the browser). */
export function currentLang(): Lang {
  return (page.data?.lang as Lang | undefined) ?? 'fr';
}

/**
 * The colon after a label written in markup (`{t('x')}{colon()} {value}`): "Solde : 3 h" in French, with the
 * no-break space the messages get (format.ts, withFrenchSpaces), "Balance: 3 h" in English.
 */
export function colon(): string {
  return currentLang() === 'fr' ? '\u00a0:' : ':';
}

/**
 * The dot between the parts of a line ("Lieu · Savenay · 3 km"), held to the part before it. Written `{SEPARATOR}`:
 * Svelte drops the spaces of a " · " typed at the edge of an `{#if}` block, which gave "Lieu· Savenay".
 */
export const SEPARATOR = '\u00a0· ';

/** What someone wrote, quoted as each language quotes: « comme ceci » in French, “like this” in English. */
export function quoted(text: string): string {
  return currentLang() === 'fr' ? `«\u00a0${text}\u00a0»` : `“${text}”`;
}

/** In components: `t('nav.agenda')`. */
export function t(key: string, params?: Params): string {
  return translate(currentLang(), key, params);
}

/** Picks the language from the `lang` cookie, then Accept-Language; French by default. */
export function pickLang(cookieLang: string | undefined, acceptLanguage: string | null): Lang {
  if (cookieLang === 'fr' || cookieLang === 'en') return cookieLang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (code === 'fr' || code === 'en') return code;
  }
  return 'fr';
}

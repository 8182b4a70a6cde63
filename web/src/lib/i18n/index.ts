import { page } from '$app/state';
import { formatMessage, type Lang, type Params } from './format.js';

export type { Lang };
export const LANGS: readonly Lang[] = ['fr', 'en'];

export type Messages = Record<string, string>;

/**
 * Each section keeps its sentences in `messages/<section>.ts` ({ fr, en }); they are gathered here,
 * so adding a section never edits a shared file. Keys are "<section>.<what>".
 */
const files = import.meta.glob<{ fr: Messages; en: Messages }>('./messages/*.ts', { eager: true });
const dictionaries: Record<Lang, Messages> = { fr: {}, en: {} };
for (const file of Object.values(files)) {
  Object.assign(dictionaries.fr, file.fr);
  Object.assign(dictionaries.en, file.en);
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

import { page } from '$app/state';

export type Lang = 'fr' | 'en';
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
 * Plurals are ICU-style: `{count, plural, one {# non lue} other {# non lues}}` (`#` is the number; `=0 {…}` for an exact one).
 */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key] ?? dictionaries.fr[key] ?? key;
  return fill(choosePlurals(lang, template, params), params);
}

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};

/** Replaces each `{name, plural, …}` by the branch for params[name] (French: 0 and 1 are "one"). */
function choosePlurals(lang: Lang, template: string, params: Record<string, string | number>): string {
  let out = '';
  let rest = template;
  for (let match = /\{(\w+),\s*plural,/.exec(rest); match; match = /\{(\w+),\s*plural,/.exec(rest)) {
    out += rest.slice(0, match.index);
    const branches = new Map<string, string>();
    let i = match.index + match[0].length;
    // Branches: `selector {text}` until the closing brace of the whole block; text may hold {param}.
    for (;;) {
      while (/\s/.test(rest[i] ?? '')) i++;
      if (rest[i] === '}' || i >= rest.length) break;
      const selector = /^[=\w]+/.exec(rest.slice(i))?.[0] ?? '';
      i = rest.indexOf('{', i + selector.length);
      if (!selector || i < 0) break;
      let depth = 1;
      let end = i + 1;
      for (; end < rest.length && depth > 0; end++) depth += rest[end] === '{' ? 1 : rest[end] === '}' ? -1 : 0;
      branches.set(selector, rest.slice(i + 1, end - 1));
      i = end;
    }
    const count = Number(params[match[1]] ?? 0);
    const category = (pluralRules[lang] ??= new Intl.PluralRules(lang)).select(count);
    const branch = branches.get(`=${count}`) ?? branches.get(category) ?? branches.get('other') ?? '';
    out += branch.replace(/#/g, new Intl.NumberFormat(lang).format(count));
    rest = rest.slice(i + 1);
  }
  return out + rest;
}

/** The language of the page being shown (set by the root layout from the cookie or the browser). */
export function currentLang(): Lang {
  return (page.data?.lang as Lang | undefined) ?? 'fr';
}

/** In components: `t('nav.agenda')`. */
export function t(key: string, params?: Record<string, string | number>): string {
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

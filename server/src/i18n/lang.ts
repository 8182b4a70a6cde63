import { AsyncLocalStorage } from 'node:async_hooks';
import { frenchSpaces } from './french.js';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** A sentence in both languages of the interface; French first. */
export interface Text {
  fr: string;
  en: string;
}

/**
 * A sentence in both languages. Its French gets the no-break spaces French sets before « : » and « » » and after
 * « « » (narrow before « ; », « ? », « ! »), so that a phone never starts a line with a colon: the spaces of the
 * source and of the values put in it, as the web does for its own messages (`withFrenchSpaces`).
 */
export function say(fr: string, en: string): Text {
  return { fr: frenchSpaces(fr), en };
}

/** The language of the request being served (set by the HTTP layer). */
export const requestLang = new AsyncLocalStorage<Lang>();

export function currentLang(): Lang {
  return requestLang.getStore() ?? 'fr';
}

/** Picks the language from the `lang` cookie, then Accept-Language; French by default. */
export function pickLang(cookieLang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookieLang === 'fr' || cookieLang === 'en') return cookieLang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((entry) => entry.lang === 'fr' || entry.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Lang | undefined) ?? 'fr';
}

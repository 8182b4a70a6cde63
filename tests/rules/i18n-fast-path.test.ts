/**
 * Phones (issue #21 point 5): formatMessage() renders a message without argument, or with plain `{name}` arguments
 * only, without intl-messageformat (building one costs a phone more than the rest of a list's hydration). This
 * checks the shortcut says exactly what intl-messageformat says, for every message of both languages, with values
 * given, with one missing, and with numbers.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { elision, formatMessage, type Lang } from '../../web/src/lib/i18n/format.js';

const messagesDir = path.resolve(import.meta.dirname, '../../web/src/lib/i18n/messages');
const files = await Promise.all(
  readdirSync(messagesDir)
    .filter((name) => name.endsWith('.ts'))
    .map(async (name) => (await import(path.join(messagesDir, name))) as { fr: Record<string, string>; en: Record<string, string> }),
);
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** What intl-messageformat itself renders (the way formatMessage did before the shortcut). */
function reference(lang: Lang, template: string, params: Record<string, string | number>): string {
  try {
    const values: Record<string, string | number> = { ...params };
    for (const [name, value] of Object.entries(params)) if (typeof value === 'string') values[`${name}_elision`] ??= elision(value);
    return String(new IntlMessageFormat(template, LOCALES[lang], undefined, { ignoreTag: true }).format(values));
  } catch {
    return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
  }
}

describe('formatMessage', () => {
  it('renders every message as intl-messageformat does', () => {
    let checked = 0;
    let shortcut = 0;
    const differences: string[] = [];
    for (const file of files) {
      for (const lang of ['fr', 'en'] as const) {
        for (const [key, template] of Object.entries(file[lang] ?? {})) {
          const names = [...new Set([...template.matchAll(/\{(\w+)/g)].map((match) => match[1]))];
          if (/^(?:[^{}']|\{\w+\})*$/.test(template)) shortcut += 1;
          const cases: Array<Record<string, string | number>> = [
            Object.fromEntries(names.map((name) => [name, 'Amicale'])),
            Object.fromEntries(names.map((name) => [name, 3])),
            Object.fromEntries(names.slice(1).map((name) => [name, 'Hélène'])),
            {},
          ];
          for (const params of cases) {
            checked += 1;
            const expected = reference(lang, template, params);
            const got = formatMessage(lang, template, params);
            if (got !== expected)
              differences.push(`${lang} ${key} ${JSON.stringify(params)}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
    // The shortcut is taken for most messages, and the comparison covered them all.
    expect(shortcut).toBeGreaterThan(500);
    expect(checked).toBeGreaterThan(4 * shortcut);
  });

  it('still renders plurals and selects with intl-messageformat', () => {
    expect(formatMessage('fr', '{count, plural, one {# réponse} other {# réponses}}', { count: 0 })).toBe('0 réponse');
    expect(formatMessage('fr', '{count, plural, one {# réponse} other {# réponses}}', { count: 1234 })).toBe('1\u202f234 réponses');
    expect(formatMessage('fr', 'Signer au nom {name_elision, select, vowel {de l’{name}} other {de {name}}}', { name: 'Amicale' })).toBe(
      'Signer au nom de l’Amicale',
    );
    expect(formatMessage('fr', "Le '{'nom'}' de {name}", { name: 'Léa' })).toBe('Le {nom} de Léa');
  });
});

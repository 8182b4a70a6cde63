import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import { transformWithEsbuild, type Plugin } from 'vite';
import { needsIntl, withFrenchSpaces } from './src/lib/i18n/format';

const VIRTUAL = 'virtual:maillage-fr/';

/**
 * Each page's script carries the French messages its modules name, not those of the whole site (issue #21
 * point 5, docs/web.md "Performance budget"). In the browser's build, every module of `src/` that names a message
 * key (`t('reseau.place.phone')`, `` t(`metier.${m}`) ``, `'commun.kind.' + kind`: every key starting so) imports
 * those messages, one small module per key (`virtual:maillage-fr/<key>`), and hands them to `addMessages()` before
 * its own code runs; the bundler then puts each message in the chunks of the pages that use it. The server has every
 * message (`$lib/server/messages`). The English copy of a file (`?lang=en`, fetched by `loadLang`) keeps its `en` only.
 */
export function messagesByPage(): Plugin[] {
  let srcDir = '';
  let messagesDir = '';
  let i18nIndex = '';
  /** Every French message, by key. */
  let french = new Map<string, string>();

  async function readMessages(): Promise<void> {
    const found = new Map<string, string>();
    for (const name of fs.readdirSync(messagesDir).sort()) {
      if (!name.endsWith('.ts')) continue;
      const file = path.join(messagesDir, name);
      // A messages file imports nothing: its JavaScript is evaluated as it is.
      const { code } = await transformWithEsbuild(fs.readFileSync(file, 'utf8'), file, { loader: 'ts', format: 'esm' });
      const module = await evaluate(code);
      for (const [key, text] of Object.entries(module.fr ?? {})) found.set(key, withFrenchSpaces(text));
    }
    french = found;
  }

  /** The keys this code names: exact keys, and every key a prefix starts (`metier.${x}`, 'commun.kind.' + kind). */
  function keysNamedIn(code: string): Set<string> {
    const keys = new Set<string>();
    for (const match of code.matchAll(/(['"`])([A-Za-z][\w-]*\.[\w.-]*)(['"`]|\$\{)?/g)) {
      const [, open, text, close] = match;
      if (close === open && french.has(text)) keys.add(text);
      else if (close === '${' || text.endsWith('.')) for (const key of french.keys()) if (key.startsWith(text)) keys.add(key);
    }
    return keys;
  }

  return [
    {
      // Every message is parsed here, so the browser's intl-messageformat never parses: its parser stays out.
      name: 'maillage-messages-no-parser',
      enforce: 'pre',
      async resolveId(id, importer, options) {
        if (options?.ssr || id !== '@formatjs/icu-messageformat-parser') return null;
        return this.resolve('@formatjs/icu-messageformat-parser/no-parser.js', importer, { ...options, skipSelf: true });
      },
    },
    {
      name: 'maillage-messages-by-page',
      enforce: 'post',
      configResolved(config) {
        srcDir = path.join(config.root, 'src') + path.sep;
        messagesDir = path.join(config.root, 'src/lib/i18n/messages');
        i18nIndex = path.join(config.root, 'src/lib/i18n/index.ts');
      },
      async buildStart() {
        await readMessages();
      },
      async watchChange(id) {
        if (id.startsWith(messagesDir)) await readMessages();
      },
      resolveId(id) {
        return id.startsWith(VIRTUAL) ? `\0${id}` : null;
      },
      load(id) {
        if (!id.startsWith(`\0${VIRTUAL}`)) return null;
        return `export default ${compiled('fr', french.get(id.slice(VIRTUAL.length + 1)) ?? '')};`;
      },
      async transform(code, id, options) {
        if (options?.ssr) return null;
        const [file, query] = id.split('?');
        if (file.startsWith(messagesDir + path.sep)) {
          if (!query?.includes('lang=en')) return null;
          // The English copy: its `en` only, each message parsed.
          const { en = {} } = await evaluate(code);
          const entries = Object.entries(en).map(([key, text]) => `${JSON.stringify(key)}: ${compiled('en', text)}`);
          return { code: `export const en = { ${entries.join(', ')} };`, map: null };
        }
        if (query !== undefined || !file.startsWith(srcDir) || file === i18nIndex || !/\.(svelte|ts|js)$/.test(file)) return null;
        const keys = [...keysNamedIn(code)].sort();
        if (keys.length === 0) return null;
        const head = [
          ...keys.map((key, index) => `import __maillage_fr_${index} from ${JSON.stringify(VIRTUAL + key)};`),
          `import { addMessages as __maillage_addMessages } from ${JSON.stringify(i18nIndex)};`,
          `__maillage_addMessages({ ${keys.map((key, index) => `${JSON.stringify(key)}: __maillage_fr_${index}`).join(', ')} });`,
        ].join('\n');
        return { code: `${head}\n${code}`, map: null };
      },
    },
  ];
}

/** A messages file's JavaScript (it imports nothing), run. */
async function evaluate(code: string): Promise<{ fr?: Record<string, string>; en?: Record<string, string> }> {
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    fr?: Record<string, string>;
    en?: Record<string, string>;
  };
}

/** A message as JavaScript: its text, or the ICU tree intl-messageformat formats (as `new IntlMessageFormat` would parse it). */
function compiled(lang: 'fr' | 'en', text: string): string {
  if (!needsIntl(text)) return JSON.stringify(text);
  try {
    return JSON.stringify(parse(text, { ignoreTag: true, locale: new Intl.Locale(lang === 'fr' ? 'fr-FR' : 'en-GB') }));
  } catch {
    return JSON.stringify(text); // formatMessage shows it with its {names} replaced, as it always did for a broken message
  }
}

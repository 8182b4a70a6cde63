/**
 * French written properly (issue #17): every message is ICU MessageFormat that intl-messageformat
 * reads in both languages, English is complete, no "(s)" plural is left in a message or in a
 * string of the sources, and the server's counts go through the same library as the web's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { count, icu } from '../../server/src/i18n/count.js';
import { elision, formatMessage, withFrenchSpaces, type Lang } from '../../web/src/lib/i18n/format.js';
import { frenchOffences, times } from '../helpers/french.js';
import { renderEmailText } from '../../server/src/modules/commun/notifications/email-worker.js';
import { formatParisDateTime, frenchSpan, spokenStart } from '../../server/src/shared/local-time.js';
import {
  formatDate,
  formatDateTime,
  formatMinutes,
  formatMonth,
  territoryName,
  formatTime,
  formatTimeRange,
  languageName,
} from '../../web/src/lib/format.js';

const root = path.resolve(import.meta.dirname, '../..');
const messagesDir = path.join(root, 'web/src/lib/i18n/messages');

type Messages = Record<string, string>;
type MessageFormatElement = ReturnType<IntlMessageFormat['getAst']>[number];
/** The element kinds of intl-messageformat's syntax tree (TYPE in @formatjs/icu-messageformat-parser). */
const TYPE = { argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6 } as const;
const files = await Promise.all(
  readdirSync(messagesDir)
    .filter((name) => name.endsWith('.ts'))
    .map(async (name) => ({ name, ...((await import(path.join(messagesDir, name))) as { fr: Messages; en: Partial<Messages> }) })),
);
const dictionaries: Record<Lang, Messages> = { fr: {}, en: {} };
for (const file of files) {
  Object.assign(dictionaries.fr, file.fr);
  Object.assign(dictionaries.en, file.en);
}

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' ? [] : filesUnder(file, keep);
    return keep(file) ? [file] : [];
  });
}

/** Values for every argument a message names: `n` for plurals, a name that elides for the rest. */
function sampleValues(elements: MessageFormatElement[], n: number, values: Record<string, string | number> = {}) {
  for (const element of elements) {
    const type: number = element.type;
    if (!('value' in element) || typeof element.value !== 'string') continue;
    if (type === TYPE.plural || type === TYPE.number) values[element.value] = n;
    else if (type === TYPE.argument || type === TYPE.date || type === TYPE.time) values[element.value] ??= 'Amicale';
    else if (type === TYPE.select) values[element.value] ??= 'other';
    if ('options' in element) for (const option of Object.values(element.options)) sampleValues(option.value, n, values);
  }
  return values;
}

describe('the messages', () => {
  it('has an English sentence for every French one, and no English without French', () => {
    const missing = Object.keys(dictionaries.fr).filter((key) => !dictionaries.en[key]);
    const stray = Object.keys(dictionaries.en).filter((key) => !(key in dictionaries.fr));
    expect({ missing, stray }).toEqual({ missing: [], stray: [] });
  });

  it('parses every message with intl-messageformat in both languages, and renders it whole with 0, 1 and 2', () => {
    const broken: string[] = [];
    for (const lang of ['fr', 'en'] as const) {
      for (const [key, message] of Object.entries(dictionaries[lang])) {
        let elements: MessageFormatElement[];
        try {
          elements = new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).getAst();
        } catch (error) {
          broken.push(`${lang} ${key}: ${(error as Error).message}`);
          continue;
        }
        for (const n of [0, 1, 2]) {
          const text = formatMessage(lang, message, sampleValues(elements, n));
          // A brace left in the text is a value not filled in, or an apostrophe that started a quote ("l'{name}").
          if (/[{}]/.test(text)) broken.push(`${lang} ${key}: « ${text} »`);
          for (const offence of frenchOffences(text)) broken.push(`${lang} ${key}: ${offence}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('writes real plurals (French 0 and 1 are singular), elides before a vowel and keeps a missing value visible', () => {
    const answers = dictionaries.fr['entraide.answers'];
    expect([0, 1, 2, 1500].map((n) => formatMessage('fr', answers, { count: n }))).toEqual([
      '0 réponse',
      '1 réponse',
      '2 réponses',
      '1\u202f500 réponses',
    ]);
    expect([0, 1, 2].map((n) => formatMessage('en', dictionaries.en['entraide.answers']!, { count: n }))).toEqual([
      '0 answers',
      '1 answer',
      '2 answers',
    ]);
    const sign = dictionaries.fr['charte.sign.forOrganization'];
    expect(formatMessage('fr', sign, { name: 'Amicale laïque de Malville' })).toBe('Signer au nom de l’Amicale laïque de Malville');
    expect(formatMessage('fr', sign, { name: 'Maison de quartier' })).toBe('Signer au nom de Maison de quartier');
    expect(formatMessage('fr', dictionaries.fr['entraide.newAnswer'], { name: 'Hélène' })).toBe('Nouvelle réponse d’Hélène');
    expect([
      elision('Écrivain public'),
      elision('« Atelier »'),
      elision('Halle aux grains'),
      elision('Yves'),
      elision('Yann Guérin'),
      elision('3 Rivières'),
    ]).toEqual(['vowel', 'vowel', 'other', 'vowel', 'other', 'other']);
    expect(formatMessage('fr', dictionaries.fr['reseau.requests.acceptClaim'], { name: 'Amina Haddad' })).toBe(
      'Accepter la demande d’Amina Haddad',
    );
    expect(formatMessage('fr', dictionaries.fr['conversations.teamOf'], { name: 'Emmaüs Connect' })).toBe('Équipe d’Emmaüs Connect');
    expect(formatMessage('fr', 'Bonjour {name}', {})).toBe('Bonjour {name}');
  });

  it('writes big numbers, hours and shares as each language does (the time bank’s figures)', () => {
    // A month of the network's exchanges: "6258 h 30" and "1000 membres" until then, and "13 %" in English too.
    expect([formatMinutes(375_510, 'fr'), formatMinutes(375_510, 'en'), formatMinutes(375_510)]).toEqual([
      '6\u202f258\u202fh\u202f30',
      '6,258\u202fh\u202f30',
      '6\u202f258\u202fh\u202f30',
    ]);
    expect([formatMinutes(45), formatMinutes(60), formatMinutes(-600), formatMinutes(210)]).toEqual(
      ['45 min', '1 h', '−10 h', '3 h 30'].map(times),
    );
    const members = (lang: Lang, count: number) => formatMessage(lang, dictionaries[lang]['banque-de-temps.figures.members'], { count });
    expect([members('fr', 0), members('fr', 1), members('fr', 1000), members('en', 1), members('en', 1000)]).toEqual([
      'membre a échangé ce mois-ci',
      'membre a échangé ce mois-ci',
      'membres ont échangé ce mois-ci',
      'member exchanged this month',
      'members exchanged this month',
    ]);
    const share = (lang: Lang) => formatMessage(lang, dictionaries[lang]['banque-de-temps.figures.share'], { share: 0.13 });
    expect([share('fr'), share('en')]).toEqual(['13\u00a0%', '13%']);
  });

  it('keeps French punctuation with its word: no line starts with « : », « ; », « ? », « ! » or « » »', () => {
    // On a phone, "s’endetter ; au-delà du plafond" broke before its semicolon.
    const floor = withFrenchSpaces(dictionaries.fr['banque-de-temps.account.limitsHelp']);
    expect(floor).toContain('s’endetter\u202f; au-delà');
    const confirm = withFrenchSpaces(dictionaries.fr['banque-de-temps.transfer.summary']);
    expect(formatMessage('fr', confirm, { minutes: '30 min', name: 'Bernard', memo: 'Merci ?' })).toBe(
      'Vous allez donner 30 min à Bernard\u00a0: «\u00a0Merci ?\u00a0».',
    );
    expect(withFrenchSpaces('{count, plural, one {# réponse} other {# réponses}} ! Pourquoi ? Exemple : « oui »')).toBe(
      '{count, plural, one {# réponse} other {# réponses}}\u202f! Pourquoi\u202f? Exemple\u00a0: «\u00a0oui\u00a0»',
    );
    // Every French message so spaced still reads with intl-messageformat, and has no breakable space left there.
    for (const [key, text] of Object.entries(dictionaries.fr)) {
      const spaced = withFrenchSpaces(text);
      expect(() => new IntlMessageFormat(spaced, 'fr-FR', undefined, { ignoreTag: true }), key).not.toThrow();
      expect(spaced, key).not.toMatch(/ [:;!?»]|« /);
    }
  });

  it('writes the French apostrophe ’, never a straight one between two letters ("Je m’inscris", not "Je m\'inscris")', () => {
    // About seventy messages had one, beside others with ’ on the same page ("Type d'événement", "Liste d’attente").
    // A straight apostrophe stays only as ICU's quote ('{' or ''), which is never between two letters.
    const straight = (text: string) => /\p{L}'\p{L}/u.test(text);
    expect(
      Object.entries(dictionaries.fr)
        .filter(([, text]) => straight(text))
        .map(([key, text]) => `${key}: « ${text} »`),
    ).toEqual([]);
    expect([straight("Je m'inscris"), straight('Je m’inscris'), straight("l'{name}"), straight("a '{'b'}' c")]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('renders the server’s counts with the same library', () => {
    expect([0, 1, 2, 12345].map((n) => count('fr', n, 'ligne', 'lignes'))).toEqual([
      '0 ligne',
      '1 ligne',
      '2 lignes',
      '12\u202f345 lignes',
    ]);
    expect([0, 1].map((n) => count('en', n, 'row', 'rows'))).toEqual(['0 rows', '1 row']);
    expect(count('fr', 2, "liste d'attente", "listes d'attente {#}")).toBe("2 listes d'attente {#}");
    expect(icu('fr', '{n, plural, one {# place restante} other {# places restantes}}', { n: 3 })).toBe('3 places restantes');
  });
});

/** The text of every string literal and template part of a TypeScript source. */
function stringsOf(source: string, fileName: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const walk = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      out.push({ text: node.text, at: node.getStart(file) });
    }
    node.forEachChild(walk);
  };
  walk(file);
  return out;
}

/** The words of a Svelte file: its scripts' strings, and its markup with `{…}` expressions left out. */
function svelteStrings(source: string, fileName: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  for (const match of source.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    const offset = match.index + match[0].indexOf(match[1]);
    out.push(...stringsOf(match[1], fileName).map((s) => ({ text: s.text, at: s.at + offset })));
  }
  out.push({ text: markupText(source, ' '), at: 0 });
  return out;
}

/** A Svelte file's markup as written: scripts, styles and `{…}` expressions blanked out with `fill`, offsets kept. */
function markupText(source: string, fill: string): string {
  const markup = source.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, (block) => fill.repeat(block.length));
  let depth = 0;
  let text = '';
  for (const char of markup) {
    if (char === '{') depth++;
    text += depth > 0 ? fill : char;
    if (char === '}' && depth > 0) depth--;
  }
  return text;
}

/** "réponse(s)", "inscrit(e)", "signatory(ies)": a word and its plural or feminine left to the reader. */
const PLURAL_IN_PARENS = /\p{L}\((?:s|e|es|ies)\)/u;

describe('the sources', () => {
  const sources = [
    ...filesUnder(path.join(root, 'web/src'), (file) => /\.(ts|svelte)$/.test(file)),
    ...filesUnder(path.join(root, 'server/src'), (file) => file.endsWith('.ts') && !file.endsWith('.test.ts')),
  ];

  function offencesIn(file: string, source: string): string[] {
    if (!PLURAL_IN_PARENS.test(source)) return [];
    const strings = file.endsWith('.svelte') ? svelteStrings(source, file) : stringsOf(source, file);
    return strings.flatMap(({ text }) =>
      [...text.matchAll(new RegExp(PLURAL_IN_PARENS.source, 'gu'))].map(
        (m) => `${path.relative(root, file)}: « ${text.slice(Math.max(0, m.index - 25), m.index + 25)} »`,
      ),
    );
  }

  it('leaves no "(s)" plural in a string of web/src or server/src', { timeout: 60_000 }, () => {
    expect(sources.flatMap((file) => offencesIn(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  /**
   * Text written in a page's markup (the legal pages, the help, "label : value" lines) breaks no line before its
   * punctuation: a no-break space there (`&nbsp;:`, `&#8239;;`), or `colon()` / `quoted()` from `$lib/i18n`, which
   * also write "Balance: 3 h" and “like this” in English.
   */
  function breakableSpacesIn(file: string, source: string): string[] {
    // Blanked with a character that is no space, so that an expression's place never reads as one.
    const text = markupText(source, '\0');
    return [...text.matchAll(/\s[:;!?»]|«\s/g)].map(
      (m) => `${path.relative(root, file)}: « ${text.slice(Math.max(0, m.index - 25), m.index + 5).replace(/\0+/g, '{…}')} »`,
    );
  }

  it('keeps French punctuation with its word in the pages’ own markup', { timeout: 60_000 }, () => {
    const pages = sources.filter((file) => file.endsWith('.svelte'));
    expect(pages.flatMap((file) => breakableSpacesIn(file, readFileSync(file, 'utf8')))).toEqual([]);
    expect(breakableSpacesIn('x.svelte', "<p>{t('x')} : {value}</p><p>le lien « Signaler » ; voilà</p>")).toHaveLength(4);
    expect(breakableSpacesIn('x.svelte', "<p>{t('x')}{colon()} {value}</p><p>{quoted(a ? b : c)}&#8239;!</p>")).toEqual([]);
  });

  /**
   * Svelte drops the spaces at the edges of a block: `Lieu{#if commune}⏎ · {commune}{/if}` renders "Lieu· GAP". A
   * separator there is `{SEPARATOR}` from `$lib/i18n`, an expression, which keeps its spaces.
   */
  function separatorsAtBlockEdges(file: string, source: string): string[] {
    const markup = source.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '');
    return [...markup.matchAll(/\{(?:#if|:else|#each)[^{}]*\}\s+[·—]|[·—]\s+\{(?:\/if|:else|\/each)|<span[^>]*>\s+[·—]/g)].map(
      (m) => `${path.relative(root, file)}: « ${m[0].replace(/\s+/g, ' ')} »`,
    );
  }

  it('keeps the spaces around a « · » or a « — » at the edge of a block or a span', { timeout: 60_000 }, () => {
    const pages = sources.filter((file) => file.endsWith('.svelte'));
    expect(pages.flatMap((file) => separatorsAtBlockEdges(file, readFileSync(file, 'utf8')))).toEqual([]);
    expect(separatorsAtBlockEdges('x.svelte', '<p>Lieu{#if c}\n  · {c}{/if} {#if d}{d} ·\n{/if}{#if e}\n — {e}{/if}</p>')).toHaveLength(3);
    expect(separatorsAtBlockEdges('x.svelte', '<p>{name}<span class="muted"> — {commune}</span></p>')).toHaveLength(1);
    expect(separatorsAtBlockEdges('x.svelte', '<p>Lieu{#if c}{SEPARATOR}{c}{/if} · {d}</p>')).toEqual([]);
  });

  it('finds an offence when there is one (the checks themselves work)', () => {
    expect(offencesIn('x.ts', "const a = `${n} réponse(s)`; items.filter((s) => includes(s)); say('inscrit(e)', 'a');")).toHaveLength(2);
    expect(offencesIn('x.svelte', "<script>const b = 'signatory(ies)';</script><p>{n} question(s) {list.includes(s)}</p>")).toHaveLength(2);
    expect(frenchOffences('1 réponse(s) · une question que vous avez publié·e · vous êtes inscrit·e · en 1er·e position')).toHaveLength(3);
  });
});

describe('the dates', () => {
  // 1 March 2027, 10:05 in Paris; 1 May 2027, 21:00 in Guadeloupe, when it is already the 2nd in UTC and in Paris.
  const firstOfMarch = new Date('2027-03-01T09:05:00Z');
  const firstOfMayInGuadeloupe = new Date('2027-05-02T01:00:00Z');

  it('writes the first of the month "1er" on the web, and only the first', () => {
    expect(formatDate(firstOfMarch, 'fr')).toBe('lundi 1er mars 2027');
    expect(formatDateTime(firstOfMarch, 'fr')).toBe('lundi 1er mars 2027, 10\u202fh\u202f05');
    expect(formatDate(firstOfMayInGuadeloupe, 'fr', 'America/Guadeloupe')).toBe('samedi 1er mai 2027');
    expect(formatDate(firstOfMayInGuadeloupe, 'fr')).toBe('dimanche 2 mai 2027');
    expect(formatDate(new Date('2027-03-11T09:00:00Z'), 'fr')).toBe('jeudi 11 mars 2027');
    expect(formatDate(new Date('2027-03-21T09:00:00Z'), 'fr')).toBe('dimanche 21 mars 2027');
    expect(formatDate(firstOfMarch, 'en')).toBe('Monday 1 March 2027');
    // English times on the 24-hour clock, as the server writes them ("Monday 1 March 2027 at 10:05").
    expect(formatDateTime(firstOfMarch, 'en')).toBe('Monday 1 March 2027, 10:05');
    expect(formatDateTime(new Date('2027-03-11T13:30:00Z'), 'en')).toBe('Thursday 11 March 2027, 14:30');
  });

  it('names where something is, never with a bare "(44)" when only the département is known', () => {
    expect(territoryName('Savenay', '44')).toBe('Savenay (44)');
    expect(territoryName(null, '44')).toBe('département 44');
    expect(territoryName('Savenay', null)).toBe('Savenay');
    expect(territoryName(null, null)).toBe('');
  });

  it('says since when someone is a member by month and year, not by a weekday that reads like next week', () => {
    expect(formatMessage('fr', dictionaries.fr['profile.memberSince'], { date: formatMonth(firstOfMarch, 'fr') })).toBe(
      'Membre depuis mars 2027',
    );
    expect(formatMessage('en', dictionaries.en['profile.memberSince'], { date: formatMonth(firstOfMarch, 'en') })).toBe(
      'Member since March 2027',
    );
  });

  it('never breaks a time across two lines: "14 h 30" and "2 h" hold together, a range’s end goes whole to the next line', () => {
    // On a phone, "14 h – 16⏎h" and "Solde du fonds commun : 2⏎h" broke between the number and its "h".
    const breakable = (text: string) => [...text.matchAll(/[^\S\u00a0\u202f]/g)].map((m) => text.slice(0, m.index));
    const twoPm = new Date('2027-03-11T13:00:00Z');
    const halfPastFour = new Date('2027-03-11T15:30:00Z');
    expect([formatTime(twoPm, 'fr'), formatTime(halfPastFour, 'fr'), formatMinutes(120), formatMinutes(45), formatMinutes(-135)]).toEqual([
      '14\u202fh',
      '16\u202fh\u202f30',
      '2\u202fh',
      '45\u202fmin',
      '−2\u202fh\u202f15',
    ]);
    expect(formatTimeRange(twoPm, halfPastFour, 'fr')).toBe('14\u202fh\u00a0– 16\u202fh\u202f30');
    expect(breakable(formatTimeRange(twoPm, halfPastFour, 'fr'))).toEqual(['14\u202fh\u00a0–']);
    expect(formatTimeRange(twoPm, halfPastFour, 'en')).toBe('14:00\u00a0– 16:30');
    // The e2e tests' helper writes what they expect the same way.
    expect(times('14 h – 16 h 30, 45 min')).toBe(`${formatTimeRange(twoPm, halfPastFour, 'fr')}, ${formatMinutes(45)}`);
  });

  it('writes it the same way in the server’s messages and e-mails', () => {
    expect(formatParisDateTime(firstOfMarch, 'fr')).toBe('lundi 1er mars 2027 à 10\u202fh\u202f05');
    expect(formatParisDateTime(firstOfMarch, 'en')).toBe('Monday 1 March 2027 at 10:05');
    expect(formatParisDateTime(new Date('2027-03-11T09:05:00Z'), 'fr')).toBe('jeudi 11 mars 2027 à 10\u202fh\u202f05');
    expect(formatParisDateTime(new Date('2027-03-11T09:00:00Z'), 'fr')).toBe('jeudi 11 mars 2027 à 10\u202fh');
    expect(frenchSpan(firstOfMayInGuadeloupe, new Date('2027-05-02T02:30:00Z'), 'America/Guadeloupe')).toBe(
      'samedi 1er mai 2027, 21\u202fh\u00a0– 22\u202fh\u202f30 (heure locale)',
    );
    expect(spokenStart(firstOfMarch, 'Europe/Paris', 'fr', false)).toBe('lundi 1er mars à 10\u202fh\u202f05');
    expect(spokenStart(firstOfMarch, 'Europe/Paris', 'en', false)).toBe('Monday 1 March at 10:05');
    // The weekly digest's days, in the same words.
    const digest = (lang: 'fr' | 'en') =>
      renderEmailText(
        { name: 'Camille', lang, digest: true, items: [{ message: 'Nouvelle réponse', at: firstOfMarch.toISOString() }] },
        { from: 'maillage@exemple.fr' },
      );
    expect(digest('fr')).toContain('• lundi 1er mars — Nouvelle réponse');
    expect(digest('en')).toContain('• Monday 1 March — Nouvelle réponse');
  });
});

describe('the languages a person helps in', () => {
  it('names a language written as its code in the page’s language, and leaves one written in words as written', () => {
    expect(languageName('br', 'fr')).toBe('breton');
    expect(languageName('fr', 'en')).toBe('French');
    expect(languageName('ar', 'fr')).toBe('arabe');
    expect(languageName('arabe', 'en')).toBe('arabe');
    expect(languageName('Langue des signes française', 'fr')).toBe('Langue des signes française');
  });
});

import { strToU8, zipSync } from 'fflate';
import { say, type Lang, type Text } from '../../../i18n/lang.js';
import { ENGLISH_SPREADSHEET, FRENCH_SPREADSHEET, toCsv } from '../../../shared/csv.js';
import { formatParisDateTime } from '../../../shared/local-time.js';
import { COLUMN_WORDS, COMMON_WORDS } from './mes-donnees.words.js';

/**
 * "Mes données" as a readable archive, in the member's language: one spreadsheet (CSV) per section,
 * named after the section ("Compte et profil.csv"), a LISEZ-MOI.txt (README.txt) that says how to read
 * them, and the same data as JSON for programs.
 *
 * Sections hold different shapes (a profile, lists of registrations…), so each CSV has the same four
 * columns: the part of the section ("Sessions de connexion"), the item's number in that list, the field
 * ("Date de création", "Comptes rendus › 1 › Scénario" for a field inside a field) and its value. Parts
 * and fields are named by the section's provider (`words`) or mes-donnees.words.ts; the values stay as
 * the JSON has them (ids, ISO dates, the platform's codes).
 */

/** A section as the archive names it: its file, its parts and its fields. */
export interface ArchiveSection {
  section: string;
  label: Text;
  words?: Readonly<Record<string, Text>>;
}

const FILE_NAMES = {
  readme: say('LISEZ-MOI.txt', 'README.txt'),
  json: say('mes-donnees.json', 'my-data.json'),
};
const YES_NO = { yes: say('oui', 'yes'), no: say('non', 'no') };

export function myDataArchive(
  data: { generatedAt: string; sections: Record<string, unknown> },
  lang: Lang,
  described: readonly ArchiveSection[],
): Uint8Array {
  const spreadsheets: [string, Uint8Array][] = [];
  const taken = new Set([FILE_NAMES.readme[lang], FILE_NAMES.json[lang]]);
  for (const [section, value] of Object.entries(data.sections)) {
    const about = described.find((candidate) => candidate.section === section);
    const name = fileName(about ? about.label[lang] : section, section, taken);
    const words = (key: string) => about?.words?.[key]?.[lang] ?? COMMON_WORDS[key]?.[lang] ?? key;
    const rows = rowsOf(value).map(([part, number, path, cell]): unknown[] => [
      part === '' ? '' : words(part),
      number,
      path.map((segment) => (typeof segment === 'number' ? String(segment) : words(segment))).join(' › '),
      typeof cell === 'boolean' ? (cell ? YES_NO.yes : YES_NO.no)[lang] : cell,
    ]);
    const header = COLUMN_WORDS.map((word) => word[lang]);
    spreadsheets.push([name, strToU8(toCsv([header, ...rows], lang === 'en' ? ENGLISH_SPREADSHEET : FRENCH_SPREADSHEET))]);
  }
  const files: Record<string, Uint8Array> = {};
  files[FILE_NAMES.readme[lang]] = strToU8(
    readme(
      data.generatedAt,
      spreadsheets.map(([name]) => name),
      lang,
    ),
  );
  for (const [name, bytes] of spreadsheets) files[name] = bytes;
  files[FILE_NAMES.json[lang]] = strToU8(JSON.stringify(data, null, 2));
  return zipSync(files, { level: 6, mtime: new Date(data.generatedAt) });
}

/** The section's label as a file name every system accepts, once in the archive. */
function fileName(label: string, section: string, taken: Set<string>): string {
  const plain = label.replace(/[\\/:*?"<>|]/g, '-');
  const name = taken.has(`${plain}.csv`) ? `${plain} (${section}).csv` : `${plain}.csv`;
  taken.add(name);
  return name;
}

/** A field's place in the JSON: keys, and item numbers (from 1) inside lists. */
type Path = (string | number)[];
type Cell = string | number | boolean | null;
type Row = [string, number | null, Path, Cell];

function rowsOf(value: unknown): Row[] {
  if (isRecord(value)) return Object.entries(value).flatMap(([part, content]) => partRows(part, content));
  return partRows('', value);
}

function partRows(part: string, content: unknown): Row[] {
  if (Array.isArray(content)) {
    if (content.length === 0) return [[part, null, [], '']];
    return content.flatMap((item, index) => fieldRows(item, []).map(([path, cell]): Row => [part, index + 1, path, cell]));
  }
  return fieldRows(content, []).map(([path, cell]): Row => [part, null, path, cell]);
}

/** A value as (path, cell) pairs: fields inside fields have longer paths; a list of plain values is one cell. */
function fieldRows(value: unknown, prefix: Path): [Path, Cell][] {
  if (isRecord(value)) return Object.entries(value).flatMap(([key, inner]) => fieldRows(inner, [...prefix, key]));
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return [[prefix, value.join(', ')]];
    return value.flatMap((item, index) => fieldRows(item, [...prefix, index + 1]));
  }
  if (value === null || value === undefined) return [[prefix, null]];
  if (value instanceof Date) return [[prefix, value.toISOString()]];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [[prefix, value]];
  return [[prefix, JSON.stringify(value)]];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function readme(generatedAt: string, spreadsheets: string[], lang: Lang): string {
  const prepared = formatParisDateTime(new Date(generatedAt), lang);
  const files = spreadsheets.map((name) => `- ${name}`);
  const [part, number, field, value] = COLUMN_WORDS.map((word) => word[lang]);
  const lines =
    lang === 'en'
      ? [
          'Your data on Maillage',
          '',
          `Archive prepared on ${prepared} (Paris time).`,
          '',
          'Each .csv file opens in a spreadsheet (LibreOffice Calc, Excel…) and holds one section of the site:',
          ...files,
          '',
          `Columns: "${part}" (the part of the section), "${number}" (the item's number in that part),`,
          `"${field}" (what the information is) and "${value}".`,
          'Dates are written in the ISO 8601 form, in universal time (2025-03-14T09:30:00+00:00).',
          `The file ${FILE_NAMES.json.en} holds the same data for a program, under the platform's own field names.`,
          '',
          'You may reuse this data freely.',
        ]
      : [
          'Vos données sur Maillage',
          '',
          `Archive préparée le ${prepared} (heure de Paris).`,
          '',
          'Chaque fichier .csv s’ouvre avec un tableur (LibreOffice Calc, Excel…) et correspond à une section du site :',
          ...files,
          '',
          `Colonnes : « ${part} » (la partie de la section), « ${number} » (le numéro de l’élément dans cette partie),`,
          `« ${field} » (le nom de l’information) et « ${value} ».`,
          'Les dates sont écrites au format ISO 8601, en temps universel (2025-03-14T09:30:00+00:00).',
          `Le fichier ${FILE_NAMES.json.fr} contient les mêmes données, pour un programme, avec les noms de champs de la plateforme (en anglais).`,
          '',
          'Vous pouvez réutiliser ces données librement.',
        ];
  return [...lines, ''].join('\r\n');
}

/**
 * The official list of communes (INSEE's Code officiel géographique with La Poste's postcodes, from
 * the `@etalab/decoupage-administratif` package): mainland, Corsica, the DROM and the COM (975, 977,
 * 978, 986, 987, 988), with the communes déléguées and associées and the arrondissements of Paris,
 * Lyon and Marseille that files still use. Several MB of JSON: read once, on first use, and indexed
 * so a check is a map look-up.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FORMER_INSEE_CODES } from './territory.js';

export interface Commune {
  code: string;
  nom: string;
  departement: string;
  codesPostaux: string[];
  /** For a commune déléguée or associée, or an arrondissement: the code of the commune it is part of. */
  parent: string | null;
}

interface RawCommune extends Omit<Commune, 'parent'> {
  type: string;
  /** Déléguées and associées: the commune they joined. */
  chefLieu?: string;
  /** Arrondissements of Paris, Lyon and Marseille: their commune. */
  commune?: string;
}

interface CommuneIndex {
  all: Commune[];
  byCode: Map<string, Commune>;
  byPostcode: Map<string, Commune[]>;
  /** Code of a current commune → its communes déléguées and associées and its arrondissements. */
  parts: Map<string, Commune[]>;
}

let index: CommuneIndex | null = null;
/** Built on the first look-up by name only (rare: a 4-digit postcode without code INSEE). */
let byName: Map<string, Commune[]> | null = null;

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** "Saint-Étienne-de-Montluc", "ST ETIENNE DE MONTLUC" → the same key. */
export function communeNameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bste?\b/g, (word) => (word === 'st' ? 'saint' : 'sainte'))
    .replace(/[^a-z0-9]+/g, '');
}

function load(): CommuneIndex {
  const require = createRequire(import.meta.url);
  // The package's own index.js reads its files relative to the working directory: read the file itself.
  const file = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as RawCommune[];
  const built: CommuneIndex = { all: [], byCode: new Map(), byPostcode: new Map(), parts: new Map() };
  for (const raw of all) {
    const parent = raw.type === 'commune-actuelle' ? null : (raw.commune ?? raw.chefLieu ?? null);
    const commune: Commune = { code: raw.code, nom: raw.nom, departement: raw.departement, codesPostaux: raw.codesPostaux ?? [], parent };
    built.all.push(commune);
    // A commune déléguée may share its code with the commune it joined: the current commune wins.
    if (!built.byCode.has(commune.code) || raw.type === 'commune-actuelle') built.byCode.set(commune.code, commune);
    for (const postcode of commune.codesPostaux) addTo(built.byPostcode, postcode, commune);
    if (parent) addTo(built.parts, parent, commune);
  }
  return built;
}

function communes(): CommuneIndex {
  index ??= load();
  return index;
}

/** The commune of a code INSEE (the former codes of Saint-Barthélemy and Saint-Martin included), or undefined. */
export function communeByInsee(codeInsee: string): Commune | undefined {
  const code = codeInsee.trim().toUpperCase();
  return communes().byCode.get(FORMER_INSEE_CODES[code] ?? code);
}

/** The communes a postcode serves (none for a CEDEX or an unknown code). */
export function communesByPostcode(postcode: string): Commune[] {
  return communes().byPostcode.get(postcode) ?? [];
}

/** The communes of that name, spelling, case and accents aside. */
export function communesByName(name: string): Commune[] {
  if (!byName) {
    byName = new Map();
    for (const commune of communes().all) addTo(byName, communeNameKey(commune.nom), commune);
  }
  return byName.get(communeNameKey(name)) ?? [];
}

/**
 * The commune and the communes it is one with: the commune it is part of (a commune déléguée or
 * associée, an arrondissement), and its own parts. "Mansle" (déléguée since 2025) is one with
 * Mansle-les-Fontaines, "Marseille 15e Arrondissement" with Marseille.
 */
export function communeFamily(commune: Commune): Commune[] {
  const { byCode, parts } = communes();
  const head = (commune.parent && byCode.get(commune.parent)) || commune;
  const family = [head, ...(parts.get(head.code) ?? [])];
  return family.includes(commune) ? family : [commune, ...family];
}

/** Small words a commune's name keeps in lower case inside it: "Saint-Jean-de-Luz", "Châlons-en-Champagne". */
const LOWER_WORDS = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'lès', 'lez', 'sur', 'sous', 'en', 'et', 'aux', 'au', 'à', 'd', 'l']);

/** Capitals at the start of each word but the small ones inside the name: "SAINT JEAN DE LUZ" → "Saint Jean de Luz". */
function titleCase(name: string): string {
  let first = true;
  return name.toLocaleLowerCase('fr').replace(/\p{L}+/gu, (word) => {
    const keep = !first && LOWER_WORDS.has(word);
    first = false;
    return keep ? word : word.charAt(0).toLocaleUpperCase('fr') + word.slice(1);
  });
}

/**
 * The commune's name as people read it, when a file writes it in capitals ("DIGNE-LES-BAINS", "ST NAZAIRE"):
 * the official list's spelling when the name (with the code INSEE or the postcode, when given) means one
 * commune, else the same words in lower case with capitals where French puts them. A name already written in
 * lower case is the writer's choice and stays as it is. The one rule for every commune a person or a file
 * writes: a place's (reseau/standard.ts), a member's, a question's, an event's, a project's, a time-bank post's.
 * Migration20261210100000_commune_spelling runs it from the compiled server on the places stored before, and
 * Migration20261211100000_commune_spelling_everywhere on the other rows: it keeps this name and module.
 */
export function communeSpelling(fields: { commune: string; codeInsee?: string | null; codePostal?: string | null }): string {
  const name = fields.commune;
  if (/\p{Ll}/u.test(name) || !/\p{Lu}/u.test(name)) return name;
  const named = communesByName(name);
  // Communes of one name (there are about 200 "Saint-Martin…") need not be spelled alike; the code INSEE or the postcode tells which.
  const insee = fields.codeInsee?.trim().toUpperCase();
  const postcode = fields.codePostal?.trim();
  const narrowed = insee
    ? named.filter((commune) => commune.code === insee)
    : postcode
      ? named.filter((commune) => commune.codesPostaux.includes(postcode))
      : named;
  const candidates = narrowed.length ? narrowed : named;
  const spellings = new Set(candidates.map((commune) => commune.nom));
  return spellings.size === 1 ? [...spellings][0] : titleCase(name);
}

/**
 * Import of places in the standard (CSV or JSON; v1.0.2 or the older v0 real sources still publish).
 * A place's identity is its `id` within its `source` (place_source); a row of another source is linked to the
 * place it describes (the same pivot or the same name within about 100 m: import-lookup.ts), the newest
 * `date_maj` winning field by field. Every row is reported: created, updated (which fields), linked (to
 * which place), unchanged, or rejected (why). Rows go by batches of 500: memory stays flat in the directory's size.
 */
import { parse } from 'csv-parse/sync';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { execute, query, sql } from '../../db/sql.js';
import { badInput, forbidden } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { departementOfPlace } from '../../shared/territory.js';
import { Role, type User } from '../comptes/user.entity.js';
import { MemberRole } from './membership.entity.js';
import { NetworkMembershipStatus } from './network-membership.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';
import { addToNetworkDirectly } from './networks.service.js';
import { getOrganization, requireOrganizationAdmin } from './organisations.service.js';
import {
  FIELD_LABEL,
  LIST_PROPERTIES,
  missingRequired,
  normalizePlaceFields,
  placeProblems,
  PROPERTY_OF,
  STANDARD_COLUMNS,
  type PlaceFields,
} from './standard.js';
import { compileOpeningsOf } from './place-openings.js';
import { completedPostcode } from './place-territory.js';
import { accompagnementFromAnyVersion, isV0, servicesFromAnyVersion, V0_COLUMNS, v0Fields } from './standard-v0.js';
import { decodeFile } from './import-file.js';
import {
  baseSlug,
  bestMatch,
  freeSlugs,
  nameKey,
  ownPlaceIds,
  placesByPivot,
  placesBySourceId,
  placesNear,
  recordKey,
  sourcesOf,
  type Candidate,
  type Sought,
  type SourceState,
} from './import-lookup.js';

export type ImportFormat = 'csv' | 'json';

export type RowOutcome = 'created' | 'updated' | 'linked' | 'unchanged' | 'rejected';

/** What the import did with one row of the file. */
export interface ImportRow {
  /** CSV: the line in the file (the header is line 1). JSON: the position in the list (from 1). */
  line: number;
  name: string | null;
  /** The row's `id` in its source. */
  sourceId: string | null;
  outcome: RowOutcome;
  /** The place created, updated or linked (null when rejected). */
  place: { id: string; slug: string; name: string } | null;
  /** For 'updated' and 'linked': French labels of the fields that changed (FIELD_LABEL). */
  fields: string[];
  /** For 'rejected'. */
  reasons: Text[];
  /** A change its author should know about (a résumé shortened…). */
  notes: Text[];
}

export interface ImportProgress {
  read: number;
  total: number;
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  rejected: number;
}

export interface RejectedRow {
  line: number;
  name: string | null;
  reasons: Text[];
}

export interface NotedRow {
  line: number;
  name: string | null;
  notes: Text[];
}

export interface ImportReport {
  format: ImportFormat;
  /** The encoding the file was read in ("utf-8", "windows-1252"…). */
  encoding: string;
  /** The source given for the rows without their own `source` (null: each row says it). */
  source: string | null;
  /** How many rows were in the older v0 shape. */
  v0Rows: number;
  total: number;
  created: number;
  updated: number;
  /** Rows of a place already known to another source (or under another id), now linked to it. */
  linked: number;
  unchanged: number;
  rejected: number;
  rows: ImportRow[];
  /** The rejected rows and the rows with notes, from `rows`. */
  rejectedRows: RejectedRow[];
  notedRows: NotedRow[];
}

interface SourceRecord {
  line: number;
  /** An object; in a JSON list, possibly anything else (then the row is rejected). */
  record: unknown;
}

const MAX_ROWS = 200_000;

const kindOfValue = (value: unknown) =>
  value === null
    ? say('vide (null)', 'empty (null)')
    : Array.isArray(value)
      ? say('une liste', 'a list')
      : typeof value === 'number'
        ? say(`un nombre (${value})`, `a number (${value})`)
        : typeof value === 'string'
          ? say(`un texte (« ${value.slice(0, 40)} »)`, `a text ("${value.slice(0, 40)}")`)
          : say(`une valeur ${typeof value}`, `a ${typeof value} value`);

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** The rows of a JSON file: a list of objects, or an object holding one. */
function readJson(text: string): SourceRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw badInput({
      content: say(
        `Ce fichier JSON est illisible (${(error as Error).message}).`,
        `This JSON file cannot be read (${(error as Error).message}).`,
      ),
    });
  }
  const list = Array.isArray(data) ? data : isObject(data) ? Object.values(data).find(Array.isArray) : undefined;
  if (!Array.isArray(list))
    throw badInput({ content: say('Ce fichier JSON ne contient pas de liste de lieux.', 'This JSON file holds no list of places.') });
  if (!list.length)
    throw badInput({
      content: say('Le fichier ne contient aucun lieu (la liste est vide).', 'The file holds no place (the list is empty).'),
    });
  const first = list.findIndex((item) => !isObject(item));
  if (first >= 0 && !list.some(isObject)) {
    const what = kindOfValue(list[first]);
    throw badInput({
      content: say(
        `Ce fichier JSON ne contient pas de lieux : chaque élément de la liste doit être un objet { "nom": …, "commune": … }, or le premier est ${what.fr}.`,
        `This JSON file holds no places: each item of the list must be an object { "nom": …, "commune": … }, and the first is ${what.en}.`,
      ),
    });
  }
  return list.map((record, index) => ({ line: index + 1, record }));
}

/** Column separators the standard's files use; others are named in the refusal. */
const SEPARATORS = [',', ';', '\t'];
const OTHER_SEPARATORS = ['|', ':', '!', '^', '~', '#', '/', '\\'];
const KNOWN_COLUMNS = new Set<string>([...STANDARD_COLUMNS, ...V0_COLUMNS]);
const knownColumns = (header: string, separator: string) =>
  header.split(separator).filter((name) => KNOWN_COLUMNS.has(name.replace(/"/g, '').trim().toLowerCase())).length;

/** The header's column separator, or a refusal that says what is wrong with the first line. */
function csvSeparator(header: string): string {
  const separator = [...SEPARATORS].sort((a, b) => header.split(b).length - header.split(a).length)[0];
  if (knownColumns(header, separator) >= 2) return separator;
  const other = OTHER_SEPARATORS.find((candidate) => knownColumns(header, candidate) >= 2);
  if (other) {
    throw badInput({
      content: say(
        `Le séparateur de colonnes « ${other} » n’est pas reconnu : utilisez la virgule, le point-virgule ou la tabulation.`,
        `The column separator "${other}" is not supported: use a comma, a semicolon or a tab.`,
      ),
    });
  }
  if (knownColumns(header, separator) === 0) {
    throw badInput({
      content: say(
        `La première ligne doit nommer les colonnes du standard (id, nom, commune, adresse…), séparées par des virgules, des points-virgules ou des tabulations ; elle commence par « ${header.slice(0, 60)} ».`,
        `The first line must name the standard's columns (id, nom, commune, adresse…), separated by commas, semicolons or tabs; it starts with "${header.slice(0, 60)}".`,
      ),
    });
  }
  return separator;
}

function readCsv(text: string): SourceRecord[] {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = csvSeparator(header);
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(text, {
      columns: (names: string[]) => names.map((name) => name.trim().toLowerCase()),
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as never;
  } catch (error) {
    throw badInput({
      content: say(
        `Ce fichier CSV est illisible (${(error as Error).message}).`,
        `This CSV file cannot be read (${(error as Error).message}).`,
      ),
    });
  }
  if (!rows.length) {
    throw badInput({
      content: say(
        'Le fichier ne contient aucune ligne de lieux : seulement la ligne des noms de colonnes.',
        'The file holds no place: only the line of column names.',
      ),
    });
  }
  return rows.map(({ record, info }) => ({ line: info.lines, record }));
}

/**
 * Reads the rows of a CSV (`,` `;` or tab between columns) or JSON file (a list, or an object holding one),
 * given as bytes (any encoding, detected) or text.
 */
export function readRecords(
  content: Buffer | string,
  format?: ImportFormat | null,
): { format: ImportFormat; encoding: string; records: SourceRecord[] } {
  const { text, encoding } = decodeFile(content);
  const detected: ImportFormat = format ?? (/^\s*[[{]/.test(text) ? 'json' : 'csv');
  return { format: detected, encoding, records: detected === 'json' ? readJson(text) : readCsv(text) };
}

/** A record of either version → Maillage's fields (v0 columns and labels mapped to v1.0.2). */
export function recordToFields(record: Record<string, unknown>): Partial<PlaceFields> {
  const raw: Partial<Record<keyof PlaceFields, unknown>> = {};
  for (const column of STANDARD_COLUMNS) {
    const value = record[column];
    if (value !== undefined && value !== null && value !== '') raw[PROPERTY_OF[column]] = value;
  }
  // Spreadsheets drop the leading zero of "05000": completed only when "05000" is the commune's (place-territory.ts).
  if (typeof raw.codePostal === 'number') raw.codePostal = String(raw.codePostal);
  if (/^\d{4}$/.test(String(raw.codePostal ?? ''))) {
    const codeInsee = raw.codeInsee === undefined ? null : String(raw.codeInsee).trim();
    const commune = raw.commune === undefined ? null : String(raw.commune).trim();
    raw.codePostal = completedPostcode({ codePostal: String(raw.codePostal), codeInsee, commune }) ?? raw.codePostal;
  }
  if (raw.services !== undefined) raw.services = servicesFromAnyVersion(raw.services);
  if (raw.modalitesAccompagnement !== undefined) raw.modalitesAccompagnement = accompagnementFromAnyVersion(raw.modalitesAccompagnement);
  if (isV0(record)) {
    for (const [property, value] of Object.entries(v0Fields(record))) {
      if ((raw as Record<string, unknown>)[property] === undefined && value !== undefined && value !== '')
        (raw as Record<string, unknown>)[property] = value;
    }
  }
  return normalizePlaceFields(raw);
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Writes what a row says into a place, field by field: a field takes the row's value when the row's
 * `date_maj` is newer than the date of every other source that gave that field (and not older than what
 * this same source gave before); a value nobody's source gave (typed in Maillage) counts with the place's
 * own `date_maj`. An older source fills only what the place lacks. Returns the properties changed.
 */
function merge(
  place: Organization,
  fields: Partial<PlaceFields>,
  records: SourceState[],
  own: SourceState | null,
): Array<keyof PlaceFields> {
  const incoming = fields.dateMaj ?? null;
  const changed: Array<keyof PlaceFields> = [];
  for (const [property, value] of Object.entries(fields) as Array<[keyof PlaceFields, unknown]>) {
    if (property === 'standardId' || property === 'dateMaj' || isEmpty(value)) continue;
    const current = (place as unknown as Record<string, unknown>)[property];
    if (same(current, value)) continue;
    const others = records.filter((record) => record !== own && record.fields.includes(property));
    let otherDate = others.reduce<string | null>(
      (newest, record) => (record.dateMaj && (!newest || record.dateMaj > newest) ? record.dateMaj : newest),
      null,
    );
    if (!others.length && !isEmpty(current) && !(own && own.fields.includes(property))) otherDate = place.dateMaj ?? null;
    const ownDate = own && own.fields.includes(property) ? own.dateMaj : null;
    const wins =
      isEmpty(current) || ((!otherDate || (!!incoming && incoming > otherDate)) && (!ownDate || (!!incoming && incoming >= ownDate)));
    if (!wins) continue;
    (place as unknown as Record<string, unknown>)[property] = value;
    changed.push(property);
  }
  if (incoming && (!place.dateMaj || incoming > place.dateMaj)) place.dateMaj = incoming;
  if (changed.length) place.departement = departementOfPlace(place);
  return changed;
}

const RESUME_MAX = 280;

/** The résumé cut at the last word that fits, with "…" (at most 280 characters in all). */
export function shortenAtWord(text: string, max = RESUME_MAX): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1); // leaves room for "…"
  const cut = /\s/.test(text[max - 1]) ? room : room.replace(/\s+\S*$/, '');
  // A single word as long as the room is cut inside it rather than emptied.
  return `${(cut.length >= max / 2 ? cut : room).replace(/[\s,;:.–-]+$/u, '')}…`;
}

/**
 * The standard's résumé holds 280 characters; older files (v0 allowed 500) write longer ones. The whole text
 * goes to the detailed presentation (before the file's own, when it has one) and the résumé is shortened.
 */
function shortenResume(fields: Partial<PlaceFields>): Text[] {
  const resume = fields.presentationResume;
  if (!resume || resume.length <= RESUME_MAX) return [];
  const detail = fields.presentationDetail;
  const kept = !detail ? 'placed' : detail.includes(resume) ? 'already' : 'prepended';
  if (kept === 'placed') fields.presentationDetail = resume;
  else if (kept === 'prepended') fields.presentationDetail = `${resume}\n\n${detail}`;
  fields.presentationResume = shortenAtWord(resume);
  const where = {
    placed: say('le texte entier est gardé dans la présentation détaillée', 'the whole text is kept in the detailed presentation'),
    already: say('la présentation détaillée contient déjà le texte entier', 'the detailed presentation already holds the whole text'),
    prepended: say(
      'le texte entier est ajouté au début de la présentation détaillée',
      'the whole text is added at the start of the detailed presentation',
    ),
  }[kept];
  return [
    say(
      `présentation courte : elle avait ${resume.length} caractères (280 au plus) ; ${where.fr}, et la présentation courte est coupée à ${fields.presentationResume.length} caractères.`,
      `short presentation: it had ${resume.length} characters (280 at most); ${where.en}, and the short presentation is cut to ${fields.presentationResume.length} characters.`,
    ),
  ];
}

/** A sentence put after a colon, where French (and English) go on in lower case: "nom : le champ…", not "nom : Le champ…". */
function afterColon(text: string): string {
  // "SIRET", "INSEE", "OpenStreetMap": a word in capitals or a name keeps them.
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

function reasonsOf(fields: Partial<PlaceFields>): Text[] {
  return [...missingRequired(fields), ...placeProblems(fields)]
    .filter((problem, index, all) => all.findIndex((other) => other.field === problem.field) === index)
    .map((problem) =>
      say(`${FIELD_LABEL[problem.field]} : ${afterColon(problem.text.fr)}`, `${problem.field}: ${afterColon(problem.text.en)}`),
    );
}

export interface ImportOptions {
  format?: ImportFormat | null;
  /** Places imported by a network's admin join that network. */
  networkId?: string | null;
  /** Who collected the data, for the rows that do not say it in a `source` column (the web form, `--source`). */
  source?: string | null;
  /** Called after each batch of rows. */
  onProgress?: (progress: ImportProgress) => void;
}

/** Rows looked up and written together: a few statements for 500 rows, whatever the directory's size. */
const BATCH = 500;

interface Prepared {
  line: number;
  name: string | null;
  sourceId: string | null;
  source: string | null;
  fields: Partial<PlaceFields>;
  notes: Text[];
  reasons: Text[];
}

/** One row read and checked against the standard (no database). */
function prepare({ line, record }: SourceRecord, defaultSource: string | null, report: ImportReport): Prepared {
  if (!isObject(record)) {
    const what = kindOfValue(record);
    const reason = say(
      `cet élément n’est pas un lieu (un objet { … } était attendu) : c’est ${what.fr}.`,
      `this item is not a place (an object was expected): it is ${what.en}.`,
    );
    return { line, name: null, sourceId: null, source: null, fields: {}, notes: [], reasons: [reason] };
  }
  if (isV0(record)) report.v0Rows += 1;
  const fields = recordToFields(record);
  if (!fields.source && defaultSource) fields.source = defaultSource;
  const notes = shortenResume(fields);
  const reasons = reasonsOf(fields);
  if (!fields.source) {
    reasons.push(
      say(
        'source : indiquez qui a collecté les données de ce lieu (colonne « source », ou la source du fichier).',
        'source: say who collected the data of this place (column "source", or the source of the file).',
      ),
    );
  }
  if (fields.pivot && /^0+$/.test(fields.pivot)) fields.pivot = null; // "00000000000000": no SIRET known
  return { line, name: fields.name || null, sourceId: fields.standardId ?? null, source: fields.source ?? null, fields, notes, reasons };
}

/** How a row found its place: its own record in the source, Maillage's own id, or a place of another record. */
type Found = { via: 'record' | 'own' | 'link'; id: string } | { via: 'new'; id: string };

interface PlaceState {
  entity: Organization;
  records: SourceState[];
  isNew: boolean;
}

interface ImportContext {
  tx: EntityManager;
  actor: User | null;
  network: Organization | null;
  editable: Set<string> | null;
  report: ImportReport;
}

/** Text of a file's source name as stored (the column holds 200 characters). */
const sourceName = (value: string | null | undefined) => value?.trim().slice(0, 200) || null;

/**
 * Who may import: platform admins (anywhere, also `npm run cli -- import-places`), and a network's admins
 * for their network — they may then update only places of their network or places they edit.
 * `actor` null is the command line. A place's identity is its (source, id): see docs/architecture.md.
 */
export async function importPlaces(
  em: EntityManager,
  actor: User | null,
  content: Buffer | string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  if (actor && actor.role !== Role.ADMIN) {
    if (!options.networkId) {
      throw forbidden(
        say(
          'Seuls les administrateurs de la plateforme, ou d’un réseau pour son réseau, peuvent importer des lieux.',
          "Only platform admins, or a network's admins for their network, can import places.",
        ),
      );
    }
    await requireOrganizationAdmin(em, options.networkId, actor);
  }
  const network = options.networkId ? await getOrganization(em, options.networkId) : null;
  if (network && network.kind !== OrganizationKind.RESEAU) {
    throw badInput({ networkId: say('Cette organisation n’est pas un réseau.', 'This organization is not a network.') });
  }
  const { format, encoding, records } = readRecords(content, options.format);
  if (records.length > MAX_ROWS) {
    throw badInput({
      content: say(
        `Un import ne peut pas dépasser ${MAX_ROWS.toLocaleString('fr-FR')} lieux : coupez le fichier en plusieurs.`,
        `An import cannot exceed ${MAX_ROWS.toLocaleString('en')} places.`,
      ),
    });
  }
  const defaultSource = sourceName(options.source);
  if (!defaultSource && !records.some(({ record }) => isObject(record) && sourceName(String(record.source ?? '')))) {
    throw badInput({
      source: say(
        'Ce fichier ne dit pas qui a collecté les données (pas de colonne « source ») : indiquez la source du fichier, par exemple « Cartographie nationale » ou le nom de votre réseau.',
        'This file does not say who collected the data (no "source" column): give the source of the file.',
      ),
    });
  }

  return em.transactional(async (tx) => {
    // One import at a time: two at once would not see each other's new places and could double them.
    await query(tx, sql`select pg_advisory_xact_lock(hashtext('maillage.import_places'))`);
    const editable = actor && actor.role !== Role.ADMIN ? await editablePlaceIds(tx, actor, network!) : null;
    const report: ImportReport = {
      format,
      encoding,
      source: defaultSource,
      v0Rows: 0,
      total: records.length,
      created: 0,
      updated: 0,
      linked: 0,
      unchanged: 0,
      rejected: 0,
      rows: [],
      rejectedRows: [],
      notedRows: [],
    };
    const context: ImportContext = { tx, actor, network, editable, report };
    for (let start = 0; start < records.length; start += BATCH) {
      const batch = records.slice(start, start + BATCH).map((record) => prepare(record, defaultSource, report));
      await importBatch(context, batch);
      // The batch is written: later batches find its places in SQL, and its entities leave memory.
      tx.clear();
      const { created, updated, linked, unchanged, rejected } = report;
      options.onProgress?.({
        read: Math.min(start + BATCH, records.length),
        total: records.length,
        created,
        updated,
        linked,
        unchanged,
        rejected,
      });
    }
    return report;
  });
}

async function importBatch(context: ImportContext, batch: Prepared[]): Promise<void> {
  const { tx, network, actor, editable, report } = context;
  const valid = batch.filter((row) => !row.reasons.length);
  const key = (row: Prepared) => recordKey(row.source!, row.sourceId!);

  // 1. Where each row's place is: its record, Maillage's own id, a place within 100 m, or none.
  const bySource = await placesBySourceId(
    tx,
    valid.map((row) => ({ source: row.source!, sourceId: row.sourceId! })),
  );
  const unknown = valid.filter((row) => !bySource.has(key(row)));
  const own = await ownPlaceIds(
    tx,
    unknown.map((row) => row.sourceId!),
  );
  const sought = unknown.filter((row) => !own.has(row.sourceId!.toLowerCase()));
  const located = (row: Prepared) => row.fields.latitude != null && row.fields.longitude != null;
  const near = await placesNear(
    tx,
    sought.filter(located).map((row) => ({ k: row.line, lat: row.fields.latitude!, lng: row.fields.longitude! })),
  );
  const byPivot = await placesByPivot(
    tx,
    sought.filter((row) => !located(row) && row.fields.pivot).map((row) => row.fields.pivot!),
  );

  const found = new Map<Prepared, Found>();
  const seen = new Map<string, string>(); // this batch's (source, id) → place id
  // Places this batch creates, by name and by pivot, for the rows after them.
  const created = new Map<string, Candidate[]>();
  const createdIds = new Set<string>();
  const candidateOf = new Map<string, Candidate>();
  for (const row of valid) {
    const recorded = seen.get(key(row)) ?? bySource.get(key(row));
    const soughtRow: Sought = {
      source: row.source!,
      name: row.fields.name!,
      pivot: row.fields.pivot ?? null,
      latitude: row.fields.latitude ?? null,
      longitude: row.fields.longitude ?? null,
      adresse: row.fields.adresse ?? null,
      codePostal: row.fields.codePostal ?? null,
    };
    let match: Found;
    if (recorded) match = { via: 'record', id: recorded };
    else if (own.has(row.sourceId!.toLowerCase())) match = { via: 'own', id: row.sourceId!.toLowerCase() };
    else {
      const createdHere = [...(created.get(`n:${nameKey(soughtRow.name)}`) ?? []), ...(created.get(`p:${soughtRow.pivot}`) ?? [])];
      const candidates = [...(located(row) ? (near.get(row.line) ?? []) : byPivot), ...createdHere];
      const best = bestMatch(
        soughtRow,
        candidates.map((candidate) => candidateOf.get(candidate.id) ?? candidate),
      );
      match = best ? { via: 'link', id: best.id } : { via: 'new', id: randomUUID() };
      // The rows after this one see the place as known to this source too.
      if (best) candidateOf.set(best.id, { ...best, sources: [...best.sources, row.source!] });
    }
    if (match.via === 'new') {
      const candidate: Candidate = { id: match.id, ...soughtRow, sources: [row.source!] };
      for (const index of [`n:${nameKey(candidate.name)}`, candidate.pivot && `p:${candidate.pivot}`]) {
        if (index) created.set(index, [...(created.get(index) ?? []), candidate]);
      }
      createdIds.add(candidate.id);
      candidateOf.set(candidate.id, candidate);
    }
    if (match.via !== 'own') seen.set(key(row), match.id);
    found.set(row, match);
  }

  // 2. The known places of the batch, their sources, and free slugs for the new ones.
  const knownIds = [...new Set([...found.values()].filter((match) => match.via !== 'new').map((match) => match.id))];
  const existingIds = knownIds.filter((id) => !createdIds.has(id));
  const states = new Map<string, PlaceState>();
  if (existingIds.length) {
    const sources = await sourcesOf(tx, existingIds);
    for (const entity of await tx.find(Organization, { id: { $in: existingIds } })) {
      states.set(entity.id, { entity, records: sources.get(entity.id) ?? [], isNew: false });
    }
  }
  const newRows = valid.filter((row) => found.get(row)!.via === 'new');
  const slugs = await freeSlugs(
    tx,
    newRows.map((row) => baseSlug(row.fields.name!, row.fields.commune)),
  );
  const slugOf = new Map(newRows.map((row, index) => [row, slugs[index]]));

  // 3. The rows, in the file's order.
  const writes = new Map<string, { organizationId: string; record: SourceState }>();
  for (const row of batch) {
    const match = found.get(row);
    let reasons = row.reasons;
    const target = match && match.via !== 'new' ? states.get(match.id) : undefined;
    if (match && match.via !== 'new' && !target && !createdIds.has(match.id)) {
      reasons = [say('ce lieu vient d’être supprimé : réessayez l’import.', 'this place was just deleted: try the import again.')];
    }
    const placeId = match && match.via !== 'new' ? (target?.entity.id ?? match.id) : null;
    if (match && placeId && editable && !editable.has(placeId) && !createdIds.has(placeId)) {
      const name = target?.entity.name ?? row.name ?? '';
      reasons = [
        say(
          `ce lieu existe déjà dans Maillage (« ${name} ») et ne fait pas partie de votre réseau : demandez à ses administrateurs de le mettre à jour.`,
          `this place already exists ("${name}") outside your network.`,
        ),
      ];
    }
    if (!match || reasons.length) {
      report.rejected += 1;
      report.rejectedRows.push({ line: row.line, name: row.name, reasons });
      report.rows.push({
        line: row.line,
        name: row.name,
        sourceId: row.sourceId,
        outcome: 'rejected',
        place: null,
        fields: [],
        reasons,
        notes: row.notes,
      });
      continue;
    }
    if (row.notes.length) report.notedRows.push({ line: row.line, name: row.name, notes: row.notes });

    let state = states.get(match.id);
    // The place as it was found (a newer source may rename it).
    const before = state ? { id: state.entity.id, slug: state.entity.slug, name: state.entity.name } : null;
    let changed: Array<keyof PlaceFields> = [];
    if (!state) {
      // A new place (or one this batch created a few rows earlier: then `state` exists), written in one
      // statement with the batch's others (insertPlaces): the ORM's unit of work is slow for thousands.
      const organization = Object.assign(new Organization(), row.fields, {
        id: match.id,
        name: row.fields.name!,
        slug: slugOf.get(row)!,
        kind: OrganizationKind.LIEU,
        departement: departementOfPlace(row.fields),
      });
      editable?.add(organization.id);
      state = { entity: organization, records: [], isNew: true };
      states.set(match.id, state);
    } else {
      const own = state.records.find((record) => record.source === row.source && record.sourceId === row.sourceId) ?? null;
      changed = merge(state.entity, row.fields, state.records, own);
      if (network && !state.isNew) await addToNetworkDirectly(tx, network, state.entity, actor);
    }

    // This source's record of the place: the date and fields of its newest row.
    if (match.via !== 'own') {
      const given = (Object.keys(row.fields) as Array<keyof PlaceFields>).filter(
        (property) => property !== 'standardId' && property !== 'dateMaj' && !isEmpty(row.fields[property]),
      );
      const previous = state.records.find((record) => record.source === row.source && record.sourceId === row.sourceId);
      const incoming = row.fields.dateMaj ?? null;
      if (!previous) {
        const record = { source: row.source!, sourceId: row.sourceId!, dateMaj: incoming, fields: given };
        state.records.push(record);
        writes.set(key(row), { organizationId: state.entity.id, record });
      } else if (!previous.dateMaj || (incoming && incoming >= previous.dateMaj)) {
        if (previous.dateMaj !== incoming || !same([...previous.fields].sort(), [...given].sort())) {
          previous.dateMaj = incoming;
          previous.fields = given;
          writes.set(key(row), { organizationId: state.entity.id, record: previous });
        }
      }
    }

    const outcome: RowOutcome =
      match.via === 'new' ? 'created' : match.via === 'link' ? 'linked' : changed.length ? 'updated' : 'unchanged';
    report[outcome] += 1;
    report.rows.push({
      line: row.line,
      name: row.name,
      sourceId: row.sourceId,
      outcome,
      place: before ?? { id: state.entity.id, slug: state.entity.slug, name: state.entity.name },
      fields: changed.map((property) => FIELD_LABEL[property]),
      reasons: [],
      notes: row.notes,
    });
  }

  const newPlaces = [...states.values()].filter((state) => state.isNew).map((state) => state.entity);
  await insertPlaces(tx, newPlaces);
  if (network) for (const place of newPlaces) await addToNetworkDirectly(tx, network, tx.getReference(Organization, place.id), actor);
  await tx.flush();
  if (writes.size) {
    const rows = [...writes.values()].map(({ organizationId, record }) => ({ organizationId, ...record }));
    await execute(
      tx,
      sql`insert into place_source (id, organization_id, source, source_id, date_maj, fields, imported_at)
          select gen_random_uuid(), r."organizationId", r.source, r."sourceId", r."dateMaj", r.fields, now()
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("organizationId" uuid, source text, "sourceId" text, "dateMaj" date, fields text[])
          on conflict (source, source_id) do update set organization_id = excluded.organization_id, date_maj = excluded.date_maj,
            fields = excluded.fields, imported_at = now(), updated_at = now()`,
    );
  }
  // The hours of the places written, for "open now" (the trigger marked those whose hours changed).
  await compileOpeningsOf(
    tx,
    [...states.values()].map((state) => state.entity.id),
  );
}

/** The columns a new place is written with: the standard's fields, and what Maillage adds. */
const INSERTED = [
  ...new Set<string>(
    ['id', 'slug', 'kind', 'departement', ...Object.values(PROPERTY_OF)].map((property) =>
      property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    ),
  ),
];

/** New places in one statement; the lists the file left out are empty, as the table's defaults say. */
async function insertPlaces(em: EntityManager, places: Organization[]): Promise<void> {
  if (!places.length) return;
  const rows = places.map((place) => {
    const row: Record<string, unknown> = {};
    for (const column of INSERTED) {
      const value = (place as unknown as Record<string, unknown>)[column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
      row[column] = value ?? null;
    }
    for (const property of LIST_PROPERTIES) {
      const column = property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      row[column] ??= [];
    }
    return row;
  });
  const columns = sql.raw(INSERTED.map((column) => `"${column}"`).join(', '));
  await execute(
    em,
    sql`insert into organization (${columns}) select ${columns} from jsonb_populate_recordset(null::organization, ${JSON.stringify(rows)}::jsonb)`,
  );
}

/** Places a network admin may update by import: those of the network, and those they edit themselves. */
async function editablePlaceIds(em: EntityManager, actor: User, network: Organization): Promise<Set<string>> {
  const rows = await query<{ id: string }>(
    em,
    sql`select member_id as id from network_membership where network_id = ${network.id} and status = ${NetworkMembershipStatus.ACCEPTED}
        union select organization_id from membership where user_id = ${actor.id} and role in (${MemberRole.ADMIN}, ${MemberRole.EDITOR})`,
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * Import of places in the standard (CSV or JSON; v1.0.2 or the older v0 real sources still publish).
 * Every rejected row is reported with its line and its reasons; a place is never doubled:
 * the same `id`, the same real `pivot`, or the same name within about 100 m is the same place.
 */
import { parse } from 'csv-parse/sync';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from '../../db/sql.js';
import { badInput, forbidden } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { slugify } from '../../shared/slug.js';
import { departementOfPlace } from '../../shared/territory.js';
import { Role, type User } from '../comptes/user.entity.js';
import { MemberRole } from './membership.entity.js';
import { NetworkMembershipStatus } from './network-membership.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';
import { addToNetworkDirectly } from './networks.service.js';
import { getOrganization, requireOrganizationAdmin } from './organisations.service.js';
import {
  FIELD_LABEL,
  missingRequired,
  normalizePlaceFields,
  placeProblems,
  PROPERTY_OF,
  STANDARD_COLUMNS,
  type PlaceFields,
} from './standard.js';
import { completedPostcode } from './place-territory.js';
import { accompagnementFromAnyVersion, isV0, servicesFromAnyVersion, V0_COLUMNS, v0Fields } from './standard-v0.js';
import { decodeFile } from './import-file.js';

export type ImportFormat = 'csv' | 'json';

export interface RejectedRow {
  /** CSV: the line in the file (the header is line 1). JSON: the position in the list (from 1). */
  line: number;
  name: string | null;
  reasons: Text[];
}

/** A row taken with a change its author should know about (a résumé shortened…). */
export interface NotedRow {
  line: number;
  name: string | null;
  notes: Text[];
}

export interface ImportReport {
  format: ImportFormat;
  /** The encoding the file was read in ("utf-8", "windows-1252"…). */
  encoding: string;
  /** How many rows were in the older v0 shape. */
  v0Rows: number;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedRows: RejectedRow[];
  notedRows: NotedRow[];
}

interface SourceRecord {
  line: number;
  /** An object; in a JSON list, possibly anything else (then the row is rejected). */
  record: unknown;
}

const MAX_ROWS = 20_000;
const SAME_PLACE_METRES = 100;

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
        `Le séparateur de colonnes « ${other} » n'est pas reconnu : utilisez la virgule, le point-virgule ou la tabulation.`,
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

const nameKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function metresBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

interface Known {
  id: string;
  standardId: string | null;
  pivot: string | null;
  name: string;
  latitude: number | null;
  longitude: number | null;
  entity?: Organization;
}

/** Where the places already known are, to recognize a place under another source's id. */
class PlaceIndex {
  private readonly byStandardId = new Map<string, Known>();
  private readonly byPivot = new Map<string, Known>();
  private readonly byName = new Map<string, Known[]>();
  readonly slugs = new Set<string>();

  add(place: Known): void {
    if (place.standardId) this.byStandardId.set(place.standardId, place);
    if (place.pivot && !/^0+$/.test(place.pivot)) this.byPivot.set(place.pivot, place);
    const key = nameKey(place.name);
    this.byName.set(key, [...(this.byName.get(key) ?? []), place]);
  }

  find(fields: Partial<PlaceFields>): { place: Known; sameSource: boolean } | undefined {
    if (fields.standardId && this.byStandardId.has(fields.standardId))
      return { place: this.byStandardId.get(fields.standardId)!, sameSource: true };
    const other = this.findFromAnotherSource(fields);
    return other ? { place: other, sameSource: false } : undefined;
  }

  private findFromAnotherSource(fields: Partial<PlaceFields>): Known | undefined {
    if (fields.pivot && this.byPivot.has(fields.pivot)) return this.byPivot.get(fields.pivot);
    if (fields.name && fields.latitude != null && fields.longitude != null) {
      const point = { latitude: fields.latitude, longitude: fields.longitude };
      return (this.byName.get(nameKey(fields.name)) ?? []).find(
        (place) =>
          place.latitude != null &&
          place.longitude != null &&
          metresBetween(point, { latitude: place.latitude, longitude: place.longitude }) <= SAME_PLACE_METRES,
      );
    }
    return undefined;
  }

  uniqueSlug(name: string, commune: string | null | undefined): string {
    const base = slugify(commune ? `${name} ${commune}` : name);
    let slug = base;
    for (let n = 2; this.slugs.has(slug); n++) slug = `${base}-${n}`;
    this.slugs.add(slug);
    return slug;
  }
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merges what a file says into a known place. A newer `date_maj` replaces what the file gives;
 * an older or equal one only fills what the place lacks. From another source (matched by pivot or
 * by name and position), lists are united: each source knows part of what the place offers.
 * Returns whether anything changed.
 */
function merge(place: Organization, fields: Partial<PlaceFields>, sameSource: boolean): boolean {
  const newer = !!fields.dateMaj && (!place.dateMaj || fields.dateMaj > place.dateMaj);
  let changed = false;
  for (const [property, value] of Object.entries(fields) as Array<[keyof PlaceFields, unknown]>) {
    // The id, a placeholder pivot and Maillage's own defaults in the export are not news about the place.
    if (property === 'standardId' && (place.standardId || value === place.id)) continue;
    if (property === 'dateMaj') continue;
    if (isEmpty(value)) continue;
    const current = (place as unknown as Record<string, unknown>)[property];
    if (!sameSource && Array.isArray(current) && Array.isArray(value)) {
      const union = [...new Set([...current, ...value])];
      if (!same(current, union)) {
        (place as unknown as Record<string, unknown>)[property] = union;
        changed = true;
      }
      continue;
    }
    if ((newer || isEmpty(current)) && !same(current, value)) {
      (place as unknown as Record<string, unknown>)[property] = value;
      changed = true;
    }
  }
  if (changed || newer) {
    if (newer) place.dateMaj = fields.dateMaj!;
    place.departement = departementOfPlace(place);
  }
  return changed || newer;
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

function reasonsOf(fields: Partial<PlaceFields>): Text[] {
  return [...missingRequired(fields), ...placeProblems(fields)]
    .filter((problem, index, all) => all.findIndex((other) => other.field === problem.field) === index)
    .map((problem) => say(`${FIELD_LABEL[problem.field]} : ${problem.text.fr}`, `${problem.field}: ${problem.text.en}`));
}

export interface ImportOptions {
  format?: ImportFormat | null;
  /** Places imported by a network's admin join that network. */
  networkId?: string | null;
}

/**
 * Who may import: platform admins (anywhere, also `npm run cli -- import-places`), and a network's admins
 * for their network — they may then update only places of their network or places they edit.
 * `actor` null is the command line.
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
          "Seuls les administrateurs de la plateforme, ou d'un réseau pour son réseau, peuvent importer des lieux.",
          "Only platform admins, or a network's admins for their network, can import places.",
        ),
      );
    }
    await requireOrganizationAdmin(em, options.networkId, actor);
  }
  const network = options.networkId ? await getOrganization(em, options.networkId) : null;
  if (network && network.kind !== OrganizationKind.RESEAU) {
    throw badInput({ networkId: say("Cette organisation n'est pas un réseau.", 'This organization is not a network.') });
  }
  const { format, encoding, records } = readRecords(content, options.format);
  if (records.length > MAX_ROWS) {
    throw badInput({
      content: say(
        `Un import ne peut pas dépasser ${MAX_ROWS} lieux : coupez le fichier en plusieurs.`,
        `An import cannot exceed ${MAX_ROWS} places.`,
      ),
    });
  }

  return em.transactional(async (tx) => {
    // One import at a time: two at once would not see each other's new places and could double them.
    await query(tx, sql`select pg_advisory_xact_lock(hashtext('maillage.import_places'))`);
    const index = new PlaceIndex();
    const known = await query<Known & { slug: string }>(
      tx,
      sql`select id, coalesce(standard_id, id::text) as "standardId", pivot, name, latitude, longitude, slug from organization`,
    );
    for (const place of known) {
      index.add(place);
      index.slugs.add(place.slug);
    }
    const editable = actor && actor.role !== Role.ADMIN ? await editablePlaceIds(tx, actor, network!) : null;

    const report: ImportReport = {
      format,
      encoding,
      v0Rows: 0,
      total: records.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejectedRows: [],
      notedRows: [],
    };
    const matches: Array<{ place: Known; sameSource: boolean; fields: Partial<PlaceFields> }> = [];
    for (const { line, record } of records) {
      if (!isObject(record)) {
        const what = kindOfValue(record);
        report.rejected += 1;
        report.rejectedRows.push({
          line,
          name: null,
          reasons: [
            say(
              `cet élément n'est pas un lieu (un objet { … } était attendu) : c'est ${what.fr}.`,
              `this item is not a place (an object was expected): it is ${what.en}.`,
            ),
          ],
        });
        continue;
      }
      if (isV0(record)) report.v0Rows += 1;
      const fields = recordToFields(record);
      const notes = shortenResume(fields);
      const reasons = reasonsOf(fields);
      if (fields.pivot && /^0+$/.test(fields.pivot)) fields.pivot = null; // "00000000000000": no SIRET known
      const match = reasons.length ? undefined : index.find(fields);
      const place = match?.place;
      if (place && editable && !editable.has(place.id)) {
        reasons.push(
          say(
            `ce lieu existe déjà dans Maillage (« ${place.name} ») et ne fait pas partie de votre réseau : demandez à ses administrateurs de le mettre à jour.`,
            `this place already exists ("${place.name}") outside your network.`,
          ),
        );
      }
      if (reasons.length) {
        report.rejected += 1;
        report.rejectedRows.push({ line, name: fields.name || null, reasons });
        continue;
      }
      if (notes.length) report.notedRows.push({ line, name: fields.name || null, notes });
      if (match) {
        matches.push({ ...match, fields });
        continue;
      }
      const organization = tx.create(Organization, {
        name: fields.name!,
        slug: index.uniqueSlug(fields.name!, fields.commune),
        kind: OrganizationKind.LIEU,
      });
      Object.assign(organization, fields);
      organization.departement = departementOfPlace(fields);
      if (network) await addToNetworkDirectly(tx, network, organization, actor);
      const created: Known = {
        id: organization.id,
        standardId: organization.standardId ?? null,
        pivot: organization.pivot ?? null,
        name: organization.name,
        latitude: organization.latitude ?? null,
        longitude: organization.longitude ?? null,
        entity: organization,
      };
      index.add(created);
      if (editable) editable.add(organization.id);
      report.created += 1;
    }

    // The places matched are loaded once, then merged in the file's order.
    const existingIds = [...new Set(matches.filter((m) => !m.place.entity).map((m) => m.place.id))];
    const loaded = new Map((existingIds.length ? await tx.find(Organization, { id: { $in: existingIds } }) : []).map((o) => [o.id, o]));
    for (const { place, sameSource, fields } of matches) {
      const organization = place.entity ?? loaded.get(place.id)!;
      if (merge(organization, fields, sameSource)) report.updated += 1;
      else report.unchanged += 1;
      if (network && !place.entity) await addToNetworkDirectly(tx, network, organization, actor);
    }
    await tx.flush();
    return report;
  });
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

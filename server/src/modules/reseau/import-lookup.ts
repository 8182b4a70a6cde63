/**
 * How the import finds the places it already knows, one batch of rows at a time, in SQL: by the row's
 * identity in its source (place_source), by Maillage's own id (its export coming back), by the places
 * within about 100 m (the gist index `organization_point_index`), by pivot when a row has no position.
 * Nothing here reads the whole directory: memory stays flat however many places Maillage holds.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, type Sql } from '../../db/sql.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { slugify } from '../../shared/slug.js';

export const SAME_PLACE_METRES = 100;

export const nameKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function metresBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

const recordKey = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;
export { recordKey };

/** A place that a row may be the same as. */
export interface Candidate {
  id: string;
  name: string;
  pivot: string | null;
  latitude: number | null;
  longitude: number | null;
  adresse: string | null;
  codePostal: string | null;
  /** The sources that already know it. */
  sources: string[];
}

/** What a row says about where and what it is, to compare with a candidate. */
export interface Sought {
  source: string;
  name: string;
  pivot: string | null;
  latitude: number | null;
  longitude: number | null;
  adresse: string | null;
  codePostal: string | null;
}

const CANDIDATE_COLUMNS = sql`o.id, o.name, o.pivot, o.latitude, o.longitude, o.adresse, o.code_postal as "codePostal",
  array(select s.source from place_source s where s.organization_id = o.id order by s.source)::text[] as sources`;

/** The places known under these (source, id) identities: key → place id. */
export async function placesBySourceId(em: EntityManager, keys: Array<{ source: string; sourceId: string }>): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await query<{ source: string; sourceId: string; organizationId: string }>(
    em,
    sql`select s.source, s.source_id as "sourceId", s.organization_id as "organizationId"
        from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as r(source text, "sourceId" text)
        join place_source s on s.source = r.source and s.source_id = r."sourceId"`,
  );
  return new Map(rows.map((row) => [recordKey(row.source, row.sourceId), row.organizationId]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are Maillage's own (its export gives each place's own id): those that exist. */
export async function ownPlaceIds(em: EntityManager, ids: string[]): Promise<Set<string>> {
  const uuids = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  if (!uuids.length) return new Set();
  const rows = await query<{ id: string }>(em, sql`select id from organization where id = any(${pgTextArray(uuids)}::uuid[])`);
  return new Set(rows.map((row) => row.id));
}

/**
 * The places within 100 m of each point, in one statement through the gist index: `earth_box` is the
 * indexed test (the expression of migration 20261201140000, `maillage_earth_point`), the distance the exact one.
 */
export function placesNearStatement(points: Array<{ k: number; lat: number; lng: number }>): Sql {
  return sql`select r.k, ${CANDIDATE_COLUMNS}
    from jsonb_to_recordset(${JSON.stringify(points)}::jsonb) as r(k int, lat float8, lng float8)
    join organization o on o.latitude is not null and o.longitude is not null
      and earth_box(maillage_earth_point(r.lat, r.lng), ${SAME_PLACE_METRES}) @> maillage_earth_point(o.latitude, o.longitude)
      and earth_distance(maillage_earth_point(r.lat, r.lng), maillage_earth_point(o.latitude, o.longitude)) <= ${SAME_PLACE_METRES}`;
}

export async function placesNear(
  em: EntityManager,
  points: Array<{ k: number; lat: number; lng: number }>,
): Promise<Map<number, Candidate[]>> {
  const near = new Map<number, Candidate[]>();
  if (!points.length) return near;
  for (const { k, ...candidate } of await query<Candidate & { k: number }>(em, placesNearStatement(points))) {
    near.set(k, [...(near.get(k) ?? []), candidate]);
  }
  return near;
}

/** Places with these pivots (index on `pivot`), for rows without a position. */
export async function placesByPivot(em: EntityManager, pivots: string[]): Promise<Candidate[]> {
  const wanted = [...new Set(pivots)];
  if (!wanted.length) return [];
  return query<Candidate>(em, sql`select ${CANDIDATE_COLUMNS} from organization o where o.pivot = any(${pgTextArray(wanted)}::text[])`);
}

const addressKey = (adresse: string | null) => (adresse ? nameKey(adresse) : null);

/**
 * Whether a row is the same place as a candidate: the same name within 100 m, or the same pivot within
 * 100 m (places of one SIRET farther apart are distinct, as the standard's `id` says). A source that
 * already gave the candidate under another id meant another place, unless the name is the same. Without a
 * position, the same pivot, postcode and address.
 */
export function isSamePlace(row: Sought, candidate: Candidate): boolean {
  const sameName = nameKey(row.name) === nameKey(candidate.name);
  const samePivot = !!row.pivot && row.pivot === candidate.pivot && !candidate.sources.includes(row.source);
  if (row.latitude != null && row.longitude != null && candidate.latitude != null && candidate.longitude != null) {
    const close =
      metresBetween(
        { latitude: row.latitude, longitude: row.longitude },
        { latitude: candidate.latitude, longitude: candidate.longitude },
      ) <= SAME_PLACE_METRES;
    return close && (sameName || samePivot);
  }
  return (
    (sameName || samePivot) &&
    !!row.codePostal &&
    row.codePostal === candidate.codePostal &&
    !!addressKey(row.adresse) &&
    addressKey(row.adresse) === addressKey(candidate.adresse)
  );
}

/** The nearest candidate that is the same place, the same name first. */
export function bestMatch(row: Sought, candidates: Candidate[]): Candidate | undefined {
  const matching = candidates.filter((candidate) => isSamePlace(row, candidate));
  const distance = (candidate: Candidate) =>
    row.latitude != null && row.longitude != null && candidate.latitude != null && candidate.longitude != null
      ? metresBetween(
          { latitude: row.latitude, longitude: row.longitude },
          { latitude: candidate.latitude, longitude: candidate.longitude },
        )
      : 0;
  const rank = (candidate: Candidate) => (nameKey(candidate.name) === nameKey(row.name) ? 0 : 1);
  return matching.sort((a, b) => rank(a) - rank(b) || distance(a) - distance(b))[0];
}

export interface SourceState {
  source: string;
  sourceId: string;
  dateMaj: string | null;
  fields: string[];
}

/** The sources of these places, each with its date and the fields it gave. */
export async function sourcesOf(em: EntityManager, ids: string[]): Promise<Map<string, SourceState[]>> {
  const sources = new Map<string, SourceState[]>(ids.map((id) => [id, []]));
  if (!ids.length) return sources;
  const rows = await query<SourceState & { organizationId: string }>(
    em,
    sql`select organization_id as "organizationId", source, source_id as "sourceId", date_maj::text as "dateMaj", fields
        from place_source where organization_id = any(${pgTextArray(ids)}::uuid[])`,
  );
  for (const { organizationId, ...state } of rows) sources.get(organizationId)?.push(state);
  return sources;
}

/** The base slug of a new place: its name and commune. */
export const baseSlug = (name: string, commune: string | null | undefined) => slugify(commune ? `${name} ${commune}` : name);

/**
 * A free slug for each base, in order (two bases alike get `x` and `x-2`), checked in SQL on the
 * unique index: the bases and their next numbers, then further numbers for the few that are all taken.
 */
export async function freeSlugs(em: EntityManager, bases: string[]): Promise<string[]> {
  const taken = new Set<string>();
  const result: string[] = [];
  let from = 1;
  let pending = bases.map((base, index) => ({ base, index }));
  const slots = new Array<string>(bases.length);
  while (pending.length) {
    const to = from === 1 ? 10 : from * 10;
    const tried = [...new Set(pending.flatMap(({ base }) => numbered(base, from, to)))];
    const rows = await query<{ slug: string }>(em, sql`select slug from organization where slug = any(${pgTextArray(tried)}::text[])`);
    for (const row of rows) taken.add(row.slug);
    const next: typeof pending = [];
    for (const item of pending) {
      const free = numbered(item.base, from, to).find((slug) => !taken.has(slug));
      if (free) {
        taken.add(free);
        slots[item.index] = free;
      } else next.push(item);
    }
    pending = next;
    from = to;
  }
  result.push(...slots);
  return result;
}

/** `base`, `base-2`… for the numbers in [from, to). */
function numbered(base: string, from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => (from + i === 1 ? base : `${base}-${from + i}`));
}

/**
 * The directory's read side: places and people found by text, by the standard's enumerations,
 * by territory, by distance and "open now" — each list is one SQL statement returning plain rows
 * shaped like the GraphQL types (plus one to find which places are open, and one to locate a commune).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { normalizeTag } from '../../shared/tags.js';
import { normalizeDepartement } from '../../shared/territory.js';
import type { OrganizationKind } from './organization.entity.js';
import { isOpenAt } from './opening-hours.js';
import { canonicalValue, ENUMERATED_FIELDS, type EnumeratedField } from './standard.js';

/** The text searched, also indexed by migration `reseau` (keep both identical). */
export const ORGANIZATION_DOCUMENT = `to_tsvector('fr_unaccent'::regconfig, coalesce(o.name, '') || ' ' || coalesce(o.commune, '') || ' ' || coalesce(o.presentation_resume, '') || ' ' || coalesce(o.structure_parente, ''))`;
/** The point of a place, also indexed by migration `reseau`. */
const ORGANIZATION_POINT = 'll_to_earth(o.latitude, o.longitude)';

/** Column of the organization table → property of the GraphQL type. */
export const ORGANIZATION_COLUMNS: Array<[string, string]> = [
  ['id', 'id'], ['created_at', 'createdAt'], ['updated_at', 'updatedAt'], ['name', 'name'], ['slug', 'slug'], ['kind', 'kind'],
  ['logo_url', 'logoUrl'], ['standard_id', 'standardId'], ['pivot', 'pivot'], ['commune', 'commune'], ['code_postal', 'codePostal'],
  ['code_insee', 'codeInsee'], ['departement', 'departement'], ['adresse', 'adresse'], ['complement_adresse', 'complementAdresse'],
  ['latitude', 'latitude'], ['longitude', 'longitude'], ['typologie', 'typologie'], ['telephone', 'telephone'], ['courriels', 'courriels'],
  ['site_web', 'siteWeb'], ['horaires', 'horaires'], ['presentation_resume', 'presentationResume'], ['presentation_detail', 'presentationDetail'],
  ['source', 'source'], ['itinerance', 'itinerance'], ['structure_parente', 'structureParente'], ['date_maj::text', 'dateMaj'],
  ['services', 'services'], ['publics_specifiquement_adresses', 'publicsSpecifiquementAdresses'],
  ['prise_en_charge_specifique', 'priseEnChargeSpecifique'], ['frais_a_charge', 'fraisACharge'],
  ['dispositif_programmes_nationaux', 'dispositifProgrammesNationaux'], ['formations_labels', 'formationsLabels'],
  ['autres_formations_labels', 'autresFormationsLabels'], ['modalites_acces', 'modalitesAcces'],
  ['modalites_accompagnement', 'modalitesAccompagnement'], ['fiche_acces_libre', 'ficheAccesLibre'], ['prise_rdv', 'priseRdv'],
];
export const ORGANIZATION_SELECT = ORGANIZATION_COLUMNS.map(([column, property]) => `o.${column} as "${property}"`).join(', ');

const ARRAY_COLUMN: Record<EnumeratedField, string> = {
  services: 'services', publicsSpecifiquementAdresses: 'publics_specifiquement_adresses', priseEnChargeSpecifique: 'prise_en_charge_specifique',
  fraisACharge: 'frais_a_charge', dispositifProgrammesNationaux: 'dispositif_programmes_nationaux', formationsLabels: 'formations_labels',
  modalitesAcces: 'modalites_acces', modalitesAccompagnement: 'modalites_accompagnement', itinerance: 'itinerance',
};

export interface NearArgs {
  lat?: number | null;
  lng?: number | null;
  latitude?: number | null;
  longitude?: number | null;
  /** A commune's name or postcode: the centre of the places there. */
  commune?: string | null;
  radiusKm?: number | null;
}

export type OrganizationFilters = Partial<Record<EnumeratedField, string[] | null>> & {
  search?: string | null;
  kind?: OrganizationKind | null;
  typologie?: string[] | null;
  commune?: string | null;
  codePostal?: string | null;
  departement?: string | null;
  networkId?: string | null;
  near?: NearArgs | null;
  openNow?: boolean | null;
};

/** "mediatheque sav" → `mediatheque:* & sav:*`: every word, accents and case ignored, as a prefix (search while typing). */
export function prefixQuery(search: string): string | null {
  const words = search.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 12).map((word) => `${word.toLowerCase()}:*`).join(' & ');
}

export interface PlaceRow {
  id: string;
  distanceKm?: number | null;
  networkSummaries?: Array<{ id: string; name: string; slug: string }>;
  [property: string]: unknown;
}

class Sql {
  readonly where: string[] = [];
  readonly params: unknown[] = [];
  add(condition: string, ...params: unknown[]): void {
    this.where.push(condition);
    this.params.push(...params);
  }
}

/** The centre of a point or of a commune, and the radius (10 km by default, 200 at most). */
async function resolveNear(em: EntityManager, near: NearArgs): Promise<{ lat: number; lng: number; radiusM: number }> {
  const radiusKm = near.radiusKm ?? 10;
  if (!(radiusKm > 0 && radiusKm <= 200)) throw badInput({ radiusKm: say('Le rayon doit être compris entre 0 et 200 km.', 'The radius must be between 0 and 200 km.') });
  const lat = near.lat ?? near.latitude;
  const lng = near.lng ?? near.longitude;
  if (lat != null && lng != null) {
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      throw badInput({ lat: say('Ce point n’existe pas (latitude entre -90 et 90, longitude entre -180 et 180).', 'This point does not exist.') });
    }
    return { lat, lng, radiusM: radiusKm * 1000 };
  }
  const commune = near.commune?.trim();
  if (!commune) throw badInput({ near: say('Indiquez un point (latitude et longitude) ou une commune.', 'Give a point or a commune.') });
  const [center] = await em.getConnection().execute<Array<{ lat: number | null; lng: number | null }>>(
    `select avg(latitude) as lat, avg(longitude) as lng from organization
      where latitude is not null and (code_postal = ? or lower(immutable_unaccent(commune)) = lower(immutable_unaccent(?)))`,
    [commune, commune],
  );
  if (center?.lat == null || center.lng == null) {
    throw badInput({ commune: say(`Nous ne connaissons pas de lieu à « ${commune} » : essayez le code postal ou une commune voisine.`, `No place is known in "${commune}".`) });
  }
  return { lat: Number(center.lat), lng: Number(center.lng), radiusM: radiusKm * 1000 };
}

/** The ids of the places open at `now` (Europe/Paris), read from their `horaires` with the opening_hours library. */
async function openPlaceIds(em: EntityManager, now: Date): Promise<string[]> {
  const rows = await em.getConnection().execute<Array<{ id: string; horaires: string }>>(`select id, horaires from organization where horaires is not null`);
  return rows.filter((row) => isOpenAt(row.horaires, now)).map((row) => row.id);
}

function checkedValues(field: EnumeratedField, values: string[]): string[] {
  return values.map((value) => {
    const canonical = canonicalValue(field, value);
    if (!canonical) throw badInput({ [field]: say(`« ${value} » n'est pas une valeur du standard pour ce filtre.`, `"${value}" is not a value of this filter.`) });
    return canonical;
  });
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The one statement of a directory page (`?` placeholders), once the point is known and, for
 * "open now", the open places: exported for the benchmark's plain-`pg` floor.
 */
export function organizationSearchStatement(
  filters: OrganizationFilters,
  page: { limit: number; offset: number },
  resolved: { center?: { lat: number; lng: number; radiusM: number } | null; openIds?: string[] | null } = {},
): Statement & { where: string; whereParams: unknown[] } {
  const sql = new Sql();
  const tsQuery = filters.search ? prefixQuery(filters.search) : null;
  if (tsQuery) {
    sql.add(`${ORGANIZATION_DOCUMENT} @@ to_tsquery('fr_unaccent', ?)`, tsQuery);
  }
  if (filters.kind) sql.add('o.kind = ?', filters.kind);
  for (const field of ENUMERATED_FIELDS) {
    const values = filters[field];
    if (values?.length) sql.add(`o.${ARRAY_COLUMN[field]} @> array(select jsonb_array_elements_text(?::jsonb))`, JSON.stringify(checkedValues(field, values)));
  }
  if (filters.typologie?.length) sql.add('o.typologie @> array(select jsonb_array_elements_text(?::jsonb))', JSON.stringify(filters.typologie.map((t) => t.toUpperCase())));
  if (filters.commune?.trim()) sql.add('lower(immutable_unaccent(o.commune)) = lower(immutable_unaccent(?))', filters.commune.trim());
  if (filters.codePostal?.trim()) sql.add('o.code_postal = ?', filters.codePostal.trim());
  if (filters.departement?.trim()) sql.add('o.departement = ?', normalizeDepartement(filters.departement));
  if (filters.networkId) {
    sql.add(`exists (select 1 from network_membership nm where nm.member_id = o.id and nm.network_id = ? and nm.status = 'accepted')`, filters.networkId);
  }
  if (resolved.openIds) sql.add('o.id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])', JSON.stringify(resolved.openIds));

  let distance = 'null::float8';
  let rank = '0::real';
  const selectParams: unknown[] = [];
  let order = 'm.name asc, m.id asc';
  if (resolved.center) {
    const { lat, lng, radiusM } = resolved.center;
    sql.add(`o.latitude is not null and earth_box(ll_to_earth(?, ?), ?) @> ${ORGANIZATION_POINT} and earth_distance(ll_to_earth(?, ?), ${ORGANIZATION_POINT}) <= ?`, lat, lng, radiusM, lat, lng, radiusM);
    distance = `round((earth_distance(ll_to_earth(?, ?), ${ORGANIZATION_POINT}) / 1000)::numeric, 2)::float8`;
    selectParams.push(lat, lng);
    order = 'm.distance_km asc, m.name asc, m.id asc';
  } else if (tsQuery) {
    rank = `ts_rank(${ORGANIZATION_DOCUMENT}, to_tsquery('fr_unaccent', ?))`;
    selectParams.push(tsQuery);
    order = 'm.rank desc, m.name asc, m.id asc';
  }

  // The page is chosen on narrow rows; the columns and networks are read for its rows only.
  const where = sql.where.length ? `where ${sql.where.join(' and ')}` : '';
  const statement = `
    with matching as (
      select o.id, o.name, ${distance} as distance_km, ${rank} as rank from organization o ${where}
    ), page as (
      select m.id, m.distance_km, count(*) over () as total_count, row_number() over (order by ${order}) as position
      from matching m
      order by position
      limit ? offset ?
    )
    select ${ORGANIZATION_SELECT}, page.distance_km as "distanceKm",
      coalesce((select json_agg(json_build_object('id', n.id, 'name', n.name, 'slug', n.slug, 'kind', n.kind) order by n.name)
                  from network_membership nm join organization n on n.id = nm.network_id
                 where nm.member_id = o.id and nm.status = 'accepted'), '[]'::json) as "networkSummaries",
      page.total_count
    from page join organization o on o.id = page.id
    order by page.position`;
  return { sql: statement, params: [...selectParams, ...sql.params, page.limit, page.offset], where, whereParams: sql.params };
}

/** One page of the directory of organizations, with the total, in one SQL statement (plus the open-now and commune look-ups). */
export async function searchOrganizations(
  em: EntityManager,
  filters: OrganizationFilters,
  page: { limit: number; offset: number },
  now: Date = new Date(),
): Promise<{ rows: PlaceRow[]; total: number }> {
  const center = filters.near ? await resolveNear(em, filters.near) : null;
  const openIds = filters.openNow ? await openPlaceIds(em, now) : null;
  const statement = organizationSearchStatement(filters, page, { center, openIds });
  const rows = await em.getConnection().execute<Array<PlaceRow & { total_count: string }>>(statement.sql, statement.params);
  const total = rows.length ? Number(rows[0].total_count) : page.offset > 0 ? await countOrganizations(em, statement.where, statement.whereParams) : 0;
  return { rows: rows.map(({ total_count: _total, ...row }) => row), total };
}

/** `?` placeholders (Knex) → `$1, $2…` (plain `pg`). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Only when a page past the end is asked for: the total still has to be right. */
async function countOrganizations(em: EntityManager, where: string, params: unknown[]): Promise<number> {
  const [row] = await em.getConnection().execute<Array<{ count: string }>>(`select count(*) as count from organization o ${where}`, params);
  return Number(row.count);
}

export interface PeopleFilters {
  search?: string | null;
  tag?: string | null;
  metier?: string | null;
  departement?: string | null;
  organizationId?: string | null;
  near?: NearArgs | null;
  id?: string | null;
}

export interface PersonRow {
  id: string;
  displayName: string;
  metier: string | null;
  commune: string | null;
  departement: string | null;
  expertiseTags: string[];
  languages: string[];
  bio: string | null;
  showEmail: boolean;
  email: string;
  distanceKm: number | null;
  organizations: Array<{ role: string; organization: { id: string; name: string; slug: string; kind: string } }>;
}

const PERSON_DOCUMENT = `to_tsvector('fr_unaccent'::regconfig, u.display_name || ' ' || coalesce(u.commune, '') || ' ' || coalesce(u.bio, '') || ' ' || array_to_string(u.expertise_tags, ' '))`;

/**
 * People of the directory: active accounts, with their public profile and organizations.
 * A person is "near" a point when one of their organizations is.
 */
export async function searchPeople(
  em: EntityManager,
  filters: PeopleFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: PersonRow[]; total: number }> {
  const sql = new Sql();
  sql.add(`u.status = 'active'`);
  if (filters.id) sql.add('u.id = ?', filters.id);
  const tsQuery = filters.search ? prefixQuery(filters.search.replace(/-/g, ' ')) : null;
  if (tsQuery) sql.add(`${PERSON_DOCUMENT} @@ to_tsquery('fr_unaccent', ?)`, tsQuery);
  if (filters.tag?.trim()) sql.add('? = any(u.expertise_tags)', normalizeTag(filters.tag));
  if (filters.metier) sql.add('u.metier = ?', filters.metier);
  if (filters.departement?.trim()) sql.add('u.departement = ?', normalizeDepartement(filters.departement));
  if (filters.organizationId) sql.add('exists (select 1 from membership m where m.user_id = u.id and m.organization_id = ?)', filters.organizationId);
  let distance = 'null::float8';
  const distanceParams: unknown[] = [];
  let order = 'u.display_name asc, u.id asc';
  if (filters.near) {
    const { lat, lng, radiusM } = await resolveNear(em, filters.near);
    distance = `(select round((min(earth_distance(ll_to_earth(?, ?), ${ORGANIZATION_POINT})) / 1000)::numeric, 2)::float8
                  from membership m join organization o on o.id = m.organization_id where m.user_id = u.id and o.latitude is not null)`;
    distanceParams.push(lat, lng);
    sql.add(`exists (select 1 from membership m join organization o on o.id = m.organization_id
                      where m.user_id = u.id and o.latitude is not null and earth_distance(ll_to_earth(?, ?), ${ORGANIZATION_POINT}) <= ?)`, lat, lng, radiusM);
    order = '"distanceKm" asc, u.display_name asc, u.id asc';
  }
  const statement = `
    select u.id, u.display_name as "displayName", u.metier, u.commune, u.departement, u.expertise_tags as "expertiseTags",
      u.languages, u.bio, u.show_email as "showEmail", u.email, ${distance} as "distanceKm",
      coalesce((select json_agg(json_build_object('role', m.role, 'organization',
                  json_build_object('id', o.id, 'name', o.name, 'slug', o.slug, 'kind', o.kind)) order by o.name)
                  from membership m join organization o on o.id = m.organization_id where m.user_id = u.id), '[]'::json) as organizations,
      count(*) over () as total_count
    from app_user u
    where ${sql.where.join(' and ')}
    order by ${order}
    limit ? offset ?`;
  const rows = await em.getConnection().execute<Array<PersonRow & { total_count: string }>>(statement, [...distanceParams, ...sql.params, page.limit, page.offset]);
  return { rows: rows.map(({ total_count: _total, ...row }) => row), total: rows.length ? Number(rows[0].total_count) : 0 };
}

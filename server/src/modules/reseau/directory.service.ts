/**
 * The directory's read side: places and people found by text, by the standard's enumerations,
 * by territory, by distance and "open now" — each list is one SQL statement returning plain rows
 * shaped like the GraphQL types (plus one to locate a commune, and for "open now" one to check the hours are compiled).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql, whereAll, type Sql } from '../../db/sql.js';
import {
  afterCursor,
  boundedCount,
  countBounded,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type KeysetWindow,
  type SortKey,
} from '../../graphql/connection.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { normalizeTag } from '../../shared/tags.js';
import { normalizeDepartement } from '../../shared/territory.js';
import { memberProfiles } from '../comptes/comptes.read.js';
import type { OrganizationKind } from './organization.entity.js';
import { compileOpenings, openAtCondition } from './place-openings.js';
import { canonicalTypologie, canonicalValue, ENUMERATED_FIELDS, type EnumeratedField } from './standard.js';

/**
 * The text searched: name (A); commune, postcode, typologies and their labels (B); the standard's values
 * and the words people use for them (C); presentations (D). Also indexed (migration `directory_search`:
 * keep both identical, or the index is not used).
 */
const ORGANIZATION_DOCUMENT = sql.raw(
  'public.organization_search_document(o.name, o.commune, o.code_postal, o.typologie, o.services, o.publics_specifiquement_adresses, ' +
    'o.prise_en_charge_specifique, o.frais_a_charge, o.dispositif_programmes_nationaux, o.formations_labels, o.autres_formations_labels, ' +
    'o.modalites_acces, o.modalites_accompagnement, o.itinerance, o.presentation_resume, o.presentation_detail, o.structure_parente)',
);
/** How much each weight counts in the relevance (D, C, B, A): the name first, the presentations last. */
const RANK_WEIGHTS = sql.raw(`'{0.05, 0.2, 0.4, 1.0}'::float4[]`);

/** "st nazaire" = "Saint-Nazaire" = "SAINT NAZAIRE": the commune as people write it (also indexed, migration `directory_search`). */
function communeMatches(column: Sql, commune: string): Sql {
  return sql`public.organization_commune_key(${column}) = public.organization_commune_key(${commune})`;
}
/** The point of a place, also indexed (migration `earth_point`: keep both identical, or the index is not used). */
const ORGANIZATION_POINT = sql.raw('maillage_earth_point(o.latitude, o.longitude)');

/** Column of the organization table → property of the GraphQL type. */
const ORGANIZATION_COLUMNS: Array<[string, string]> = [
  ['id', 'id'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['name', 'name'],
  ['slug', 'slug'],
  ['kind', 'kind'],
  ['logo_url', 'logoUrl'],
  ['logo_file_id', 'logoFileId'],
  ['logo_alt', 'logoAlt'],
  ['standard_id', 'standardId'],
  ['pivot', 'pivot'],
  ['commune', 'commune'],
  ['code_postal', 'codePostal'],
  ['code_insee', 'codeInsee'],
  ['departement', 'departement'],
  ['adresse', 'adresse'],
  ['complement_adresse', 'complementAdresse'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['typologie', 'typologie'],
  ['telephone', 'telephone'],
  ['courriels', 'courriels'],
  ['site_web', 'siteWeb'],
  ['horaires', 'horaires'],
  ['presentation_resume', 'presentationResume'],
  ['presentation_detail', 'presentationDetail'],
  ['source', 'source'],
  ['itinerance', 'itinerance'],
  ['structure_parente', 'structureParente'],
  ['date_maj::text', 'dateMaj'],
  ['services', 'services'],
  ['publics_specifiquement_adresses', 'publicsSpecifiquementAdresses'],
  ['prise_en_charge_specifique', 'priseEnChargeSpecifique'],
  ['frais_a_charge', 'fraisACharge'],
  ['dispositif_programmes_nationaux', 'dispositifProgrammesNationaux'],
  ['formations_labels', 'formationsLabels'],
  ['autres_formations_labels', 'autresFormationsLabels'],
  ['modalites_acces', 'modalitesAcces'],
  ['modalites_accompagnement', 'modalitesAccompagnement'],
  ['fiche_acces_libre', 'ficheAccesLibre'],
  ['prise_rdv', 'priseRdv'],
];
/**
 * A name as people look for it in an alphabetical list: case and accents ignored ("Accueil" before
 * "ATTJ", "École" among the "E"). The expression of the directory's name indexes (migration
 * 20261208100000_directory_alphabetical); the database's own collation is the bytes' order.
 */
const SORT_NAME = (column: 'o.name' | 'u.display_name') => sql.raw(`immutable_unaccent(lower(${column}))`);

const ORGANIZATION_SELECT = sql.raw(ORGANIZATION_COLUMNS.map(([column, property]) => `o.${column} as "${property}"`).join(', '));

const ARRAY_COLUMN: Record<EnumeratedField, string> = {
  services: 'services',
  publicsSpecifiquementAdresses: 'publics_specifiquement_adresses',
  priseEnChargeSpecifique: 'prise_en_charge_specifique',
  fraisACharge: 'frais_a_charge',
  dispositifProgrammesNationaux: 'dispositif_programmes_nationaux',
  formationsLabels: 'formations_labels',
  modalitesAcces: 'modalites_acces',
  modalitesAccompagnement: 'modalites_accompagnement',
  itinerance: 'itinerance',
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

/** "St" and "Ste" as people abbreviate them in a commune's name. */
const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte' };

/**
 * "mediatheque sav" → `mediatheque:* & sav:*`: every word, accents and case ignored, as a prefix (search while typing);
 * with `weight` ("A"), only words of that weight (the name) match.
 */
export function prefixQuery(search: string, weight = ''): string | null {
  const words = search.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((word) => word.toLowerCase())
    .map((word) => `${ABBREVIATIONS[word] ?? word}:*${weight}`)
    .join(' & ');
}

export interface PlaceRow {
  id: string;
  distanceKm?: number | null;
  networkSummaries?: Array<{ id: string; name: string; slug: string }>;
  [property: string]: unknown;
}

/** The centre of a point or of a commune, and the radius (10 km by default, 200 at most). */
export async function resolveNear(em: EntityManager, near: NearArgs): Promise<{ lat: number; lng: number; radiusM: number }> {
  const radiusKm = near.radiusKm ?? 10;
  if (!(radiusKm > 0 && radiusKm <= 200))
    throw badInput({ radiusKm: say('Le rayon doit être compris entre 0 et 200 km.', 'The radius must be between 0 and 200 km.') });
  const lat = near.lat ?? near.latitude;
  const lng = near.lng ?? near.longitude;
  if (lat != null && lng != null) {
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      throw badInput({
        lat: say('Ce point n’existe pas (latitude entre -90 et 90, longitude entre -180 et 180).', 'This point does not exist.'),
      });
    }
    return { lat, lng, radiusM: radiusKm * 1000 };
  }
  const commune = near.commune?.trim();
  if (!commune) throw badInput({ near: say('Indiquez un point (latitude et longitude) ou une commune.', 'Give a point or a commune.') });
  const center = await queryOne<{ lat: number | null; lng: number | null }>(
    em,
    sql`select avg(latitude) as lat, avg(longitude) as lng from organization
         where latitude is not null and (code_postal = ${commune} or ${communeMatches(sql`commune`, commune)})`,
  );
  if (center?.lat == null || center.lng == null) {
    throw badInput({
      commune: say(
        `Nous ne connaissons pas de lieu à « ${commune} » : essayez le code postal ou une commune voisine.`,
        `No place is known in "${commune}".`,
      ),
    });
  }
  return { lat: Number(center.lat), lng: Number(center.lng), radiusM: radiusKm * 1000 };
}

function checkedValues(field: EnumeratedField, values: string[]): string[] {
  return values.map((value) => {
    const canonical = canonicalValue(field, value);
    if (!canonical)
      throw badInput({
        [field]: say(`« ${value} » n’est pas une valeur du standard pour ce filtre.`, `"${value}" is not a value of this filter.`),
      });
    return canonical;
  });
}

/** A json array of text bound as one value: `= any(…)` and `@>` take it whole (a bare array would be spread into a list). */
function textArray(values: readonly string[]): Sql {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * The order of the directory: nearest first around a point, else most relevant first for words,
 * else by name; then by name and the id, which breaks the last ties.
 *
 * Nearest first is ordered by the exact straight-line distance to the point (`m.chord`, the GiST
 * index's own `<->` on the places' earth points, in the same order as the distance along the
 * surface), places at one position by name: the index hands the places nearest first and the page
 * stops after its rows, however many places the circle holds. (Ordered by the distance shown,
 * rounded to 10 m, every place of the circle had to be read and sorted.)
 */
function organizationOrder(near: boolean, tsQuery: string | null): SortKey[] {
  const byName: SortKey[] = [
    { expression: sql`m.sort_name`, direction: 'asc' },
    { expression: sql`m.id`, direction: 'asc' },
  ];
  if (near) return [{ expression: sql`m.chord`, direction: 'asc' }, ...byName];
  if (tsQuery) return [{ expression: sql`m.rank`, direction: 'desc' }, ...byName];
  return byName;
}

/** `m.keyset_0, m.keyset_1…`: the cursor's keys carried from the page to the rows read for it. */
function keysetCarried(keys: readonly SortKey[]): Sql {
  return sql.raw(keys.map((_, i) => `m.keyset_${i}`).join(', '));
}

/**
 * The one statement of a directory page, once the point is known and, for "open now", the instant
 * (its places' hours compiled): exported for the benchmark's plain-`pg` floor (`statement.toPg()`). The page is keyset
 * (docs/read-models.md): the rows after the cursor in the list's order (distance, relevance or
 * name, then the id), one more than asked. `listed` (the rows the total counts) serves to count when a
 * page past the end is asked for.
 */
export function organizationSearchStatement(
  filters: OrganizationFilters,
  window: KeysetWindow,
  resolved: { center?: { lat: number; lng: number; radiusM: number } | null; openAt?: Date | null } = {},
): { statement: Sql; listed: Sql } {
  const conditions: Sql[] = [];
  const tsQuery = filters.search ? prefixQuery(filters.search) : null;
  if (tsQuery) conditions.push(sql`${ORGANIZATION_DOCUMENT} @@ to_tsquery('fr_unaccent', ${tsQuery})`);
  if (filters.kind) conditions.push(sql`o.kind = ${filters.kind}`);
  for (const field of ENUMERATED_FIELDS) {
    const values = filters[field];
    if (values?.length) conditions.push(sql`o.${sql.raw(ARRAY_COLUMN[field])} @> ${textArray(checkedValues(field, values))}`);
  }
  if (filters.typologie?.length) conditions.push(sql`o.typologie @> ${textArray(filters.typologie.map(canonicalTypologie))}`);
  if (filters.commune?.trim()) conditions.push(communeMatches(sql`o.commune`, filters.commune.trim()));
  if (filters.codePostal?.trim()) conditions.push(sql`o.code_postal = ${filters.codePostal.trim()}`);
  if (filters.departement?.trim()) conditions.push(sql`o.departement = ${normalizeDepartement(filters.departement)}`);
  if (filters.networkId) {
    conditions.push(
      sql`exists (select 1 from network_membership nm where nm.member_id = o.id and nm.network_id = ${filters.networkId} and nm.status = 'accepted')`,
    );
  }
  // Open at that instant: its hours compiled into `place_opening` (reseau/place-openings.ts). Near a point,
  // the place's `place_opening` row is joined instead, and the circle read on that row's position (below).
  const openNear = !!(resolved.openAt && resolved.center);
  if (resolved.openAt && !openNear) conditions.push(openAtCondition(resolved.openAt));

  let distance = sql`null::float8`;
  let chord = sql`null::float8`;
  let rank = sql`0::real`;
  const order = organizationOrder(!!resolved.center, tsQuery);
  if (resolved.center) {
    const { lat, lng, radiusM } = resolved.center;
    if (openNear) {
      // The GiST index on `place_opening.position` holds the open instants and the place's id: the places of the
      // circle open at that instant are found without reading either table (migration 20261207100000).
      conditions.push(
        sql`po.position is not null and earth_box(ll_to_earth(${lat}, ${lng}), ${radiusM}) @> po.position
            and sec_to_gc(cube_distance(ll_to_earth(${lat}, ${lng}), po.position)) <= ${radiusM} and po.open_at @> ${resolved.openAt}::timestamptz`,
      );
      chord = sql`(po.position <-> ll_to_earth(${lat}, ${lng}))`;
    } else {
      conditions.push(
        sql`o.latitude is not null and earth_box(ll_to_earth(${lat}, ${lng}), ${radiusM}) @> ${ORGANIZATION_POINT} and earth_distance(ll_to_earth(${lat}, ${lng}), ${ORGANIZATION_POINT}) <= ${radiusM}`,
      );
      // The order: the index's own distance (cube `<->`, a straight line through the earth), nearest first.
      chord = sql`(${ORGANIZATION_POINT} <-> ll_to_earth(${lat}, ${lng}))`;
    }
    // Never null here: only places with a position match.
    distance = sql`round((earth_distance(ll_to_earth(${lat}, ${lng}), ${ORGANIZATION_POINT}) / 1000)::numeric, 2)::float8`;
  } else if (tsQuery) {
    // Every word in the name comes first, then the weights (a word of the name counts most).
    const inName = prefixQuery(filters.search!, 'A');
    rank = sql`(ts_rank(${RANK_WEIGHTS}, ${ORGANIZATION_DOCUMENT}, to_tsquery('fr_unaccent', ${tsQuery}))
                + case when ${ORGANIZATION_DOCUMENT} @@ to_tsquery('fr_unaccent', ${inName}) then 10 else 0 end)::real`;
  }

  // The page is chosen on narrow rows (the sort keys, the total of the whole list); the columns
  // and networks are read for its rows only.
  const where = whereAll(conditions);
  const places = openNear ? sql`organization o join place_opening po on po.organization_id = o.id` : sql`organization o`;
  const listed = sql`select 1 from ${places} ${where}`;
  const after = whereAll([afterCursor(order, window)]);
  // Nearest first: the GiST index hands the places out in the order of `chord` alone, so the first
  // rows by chord (with every place tied with the last of them) are read that way, then put in the
  // page's whole order. Asked for the whole order at once, the planner read and sorted every place
  // of the circle (8,000 around Nantes at 1,000,000 places, 0.2–9 s with "open now").
  const candidates = resolved.center
    ? sql`(select * from matching m ${after} order by m.chord fetch first ${window.limit + 1} rows with ties) m`
    : sql`matching m ${after}`;
  const statement = sql`
    with matching as (
      select o.id, ${SORT_NAME('o.name')} as sort_name, ${distance} as distance_km, ${chord} as chord, ${rank} as rank
        from ${places} ${where}
    ), page as (
      select m.id, m.sort_name, m.distance_km, m.chord, m.rank, ${keysetColumns(order)}
        from ${candidates}
       ${keysetOrder(order)}
       limit ${window.limit + 1}
    )
    select ${ORGANIZATION_SELECT}, m.distance_km as "distanceKm",
      coalesce((select json_agg(json_build_object('id', n.id, 'name', n.name, 'slug', n.slug, 'kind', n.kind) order by n.name)
                  from network_membership nm join organization n on n.id = nm.network_id
                 where nm.member_id = o.id and nm.status = 'accepted'), '[]'::json) as "networkSummaries",
      ${boundedCount(listed)} as total_count, ${keysetCarried(order)}
    from page m join organization o on o.id = m.id
    ${keysetOrder(order)}`;
  return { statement, listed };
}

/** One page of the directory of organizations, with the total, in one SQL statement (plus the open-now and commune look-ups). */
export async function searchOrganizations(
  em: EntityManager,
  filters: OrganizationFilters,
  args: { first?: number | null; after?: string | null },
  now: Date = new Date(),
): Promise<Connection<PlaceRow>> {
  // The same order as the statement's (a point is always resolved when `near` is given).
  const window = keysetWindow(args, organizationOrder(!!filters.near, filters.search ? prefixQuery(filters.search) : null));
  const center = filters.near ? await resolveNear(em, filters.near) : null;
  // Usually one index probe that finds nothing to compile (each place's hours are compiled ahead).
  if (filters.openNow) await compileOpenings(em, now);
  const { statement, listed } = organizationSearchStatement(filters, window, { center, openAt: filters.openNow ? now : null });
  const rows = await query<PlaceRow & { total_count: number }>(em, statement);
  // Only for a page past the end, which has no row to carry the total (bounded, like the page's).
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, listed) : 0;
  return keysetConnection(rows, window, total);
}

export interface PeopleFilters {
  search?: string | null;
  /** Words of the name only: "Nantes" finds a Nantes among the names, not everyone living there. */
  name?: string | null;
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
  /** The skills with their labels (`tag_card`; null for a skill no question has used yet), in the person's order. */
  skills: Array<{ slug: string; label: string | null; createdAt: string | null }>;
  languages: string[];
  bio: string | null;
  showEmail: boolean;
  email: string;
  distanceKm: number | null;
  organizations: Array<{ role: string; organization: { id: string; name: string; slug: string; kind: string } }>;
}

const PERSON_DOCUMENT = sql`to_tsvector('fr_unaccent'::regconfig, u.display_name || ' ' || coalesce(u.commune, '') || ' ' || coalesce(u.bio, '') || ' ' || array_to_string(u.expertise_tags, ' '))`;
/** The name alone, read as the people directory's words are (accents and case ignored, each word as a prefix). */
const PERSON_NAME_DOCUMENT = sql`to_tsvector('fr_unaccent'::regconfig, u.display_name)`;

/** A hyphenated name is its words ("Jean-Pierre" = "jean pierre"): `prefixQuery` of what was typed. */
const wordsQuery = (typed: string | null | undefined): string | null => (typed ? prefixQuery(typed.replace(/-/g, ' ')) : null);

/** By name, or nearest first around a point; the id breaks ties. */
function peopleOrder(near: boolean): SortKey[] {
  const byName: SortKey[] = [
    { expression: sql`p.sort_name`, direction: 'asc' },
    { expression: sql`p.id`, direction: 'asc' },
  ];
  return near ? [{ expression: sql`p."distanceKm"`, direction: 'asc' }, ...byName] : byName;
}

/**
 * People of the directory: active accounts, with their public profile and organizations, one
 * keyset page (docs/read-models.md) in one statement. A person is "near" a point when one of their
 * organizations is; their distance is that of the nearest one.
 */
export async function searchPeople(
  em: EntityManager,
  filters: PeopleFilters,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<PersonRow>> {
  const order = peopleOrder(!!filters.near);
  const window = keysetWindow(args, order);
  // Listed once their address is confirmed (the predicate of `app_user_directory_name_index`): an account
  // just opened, perhaps by a robot, is not shown to everyone before it can write anything.
  const conditions: Sql[] = [sql`u.status = 'active'`, sql`u.email_verified_at is not null`];
  if (filters.id) conditions.push(sql`u.id = ${filters.id}`);
  const tsQuery = wordsQuery(filters.search);
  if (tsQuery) conditions.push(sql`${PERSON_DOCUMENT} @@ to_tsquery('fr_unaccent', ${tsQuery})`);
  const nameQuery = wordsQuery(filters.name);
  if (nameQuery) conditions.push(sql`${PERSON_NAME_DOCUMENT} @@ to_tsquery('fr_unaccent', ${nameQuery})`);
  if (filters.tag?.trim()) conditions.push(sql`${normalizeTag(filters.tag)} = any(u.expertise_tags)`);
  if (filters.metier) conditions.push(sql`u.metier = ${filters.metier}`);
  if (filters.departement?.trim()) conditions.push(sql`u.departement = ${normalizeDepartement(filters.departement)}`);
  if (filters.organizationId)
    conditions.push(sql`exists (select 1 from membership m where m.user_id = u.id and m.organization_id = ${filters.organizationId})`);
  let distance = sql`null::float8`;
  if (filters.near) {
    const { lat, lng, radiusM } = await resolveNear(em, filters.near);
    // Never null: the condition below keeps only people with a placed organization.
    distance = sql`(select round((min(earth_distance(ll_to_earth(${lat}, ${lng}), ${ORGANIZATION_POINT})) / 1000)::numeric, 2)::float8
                  from membership m join organization o on o.id = m.organization_id where m.user_id = u.id and o.latitude is not null)`;
    conditions.push(sql`exists (select 1 from membership m join organization o on o.id = m.organization_id
                      where m.user_id = u.id and o.latitude is not null and earth_distance(ll_to_earth(${lat}, ${lng}), ${ORGANIZATION_POINT}) <= ${radiusM})`);
  }
  // The inner select filters, computes the distance and the total; the organizations are read for the page's rows only.
  const rows = await query<PersonRow & { total_count: number }>(
    em,
    sql`
    select p.*,
      coalesce((select json_agg(json_build_object('role', m.role, 'organization',
                  json_build_object('id', o.id, 'name', o.name, 'slug', o.slug, 'kind', o.kind)) order by o.name)
                  from membership m join organization o on o.id = m.organization_id where m.user_id = p.id), '[]'::json) as organizations,
      coalesce((select json_agg(json_build_object('slug', s.slug, 'label', t.label, 'createdAt', t.created_at) order by s.n)
                  from unnest(p."expertiseTags") with ordinality s(slug, n) left join tag_card t on t.slug = s.slug), '[]'::json) as skills,
      ${keysetColumns(order)}
    from (select u.id, u.display_name as "displayName", ${SORT_NAME('u.display_name')} as sort_name, u.metier, u.commune, u.departement, u.expertise_tags as "expertiseTags",
                 u.languages, u.bio, u.show_email as "showEmail", u.email, ${distance} as "distanceKm",
                 ${boundedCount(sql`select 1 from ${memberProfiles} u ${whereAll(conditions)}`)} as total_count
            from ${memberProfiles} u
           ${whereAll(conditions)}) p
    ${whereAll([afterCursor(order, window)])}
    ${keysetOrder(order)}
    limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countPeople(em, conditions) : 0;
  return keysetConnection(rows, window, total);
}

/** Only when a page past the end is asked for: the total still has to be right. */
function countPeople(em: EntityManager, conditions: Sql[]): Promise<number> {
  return countBounded(em, sql`select 1 from ${memberProfiles} u ${whereAll(conditions)}`);
}

/** One person's public profile (an active account), or null. */
export async function findPerson(em: EntityManager, id: string): Promise<PersonRow | null> {
  const page = await searchPeople(em, { id }, { first: 1 });
  return page.edges[0]?.node ?? null;
}

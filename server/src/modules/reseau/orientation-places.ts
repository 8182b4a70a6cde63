/**
 * What the orientation (modules/orienter) reads of the places: the nearest places that offer a service,
 * and one place's fiche. Reseau owns the `organization` table, so these reads live here
 * (docs/conventions.md, rule 4); each is one bounded statement on the point index.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql, whereAll } from '../../db/sql.js';
import { OrganizationKind } from './organization.entity.js';

/** A place as the orientation ranks it and the fiche shows it. */
export interface PlaceForOrientation {
  id: string;
  slug: string;
  name: string;
  adresse: string | null;
  complementAdresse: string | null;
  commune: string | null;
  codePostal: string | null;
  departement: string | null;
  latitude: number | null;
  longitude: number | null;
  telephone: string | null;
  horaires: string | null;
  priseRdv: string | null;
  ficheAccesLibre: string | null;
  services: string[];
  itinerance: string[];
  priseEnChargeSpecifique: string[];
  fraisACharge: string[];
  modalitesAcces: string[];
  modalitesAccompagnement: string[];
  /** Kilometres from the person's point (null on a fiche read by its slug). */
  distanceKm: number | null;
}

const PLACE_COLUMNS = sql.raw(`o.id, o.slug, o.name, o.adresse, o.complement_adresse as "complementAdresse", o.commune,
  o.code_postal as "codePostal", o.departement, o.latitude, o.longitude, o.telephone, o.horaires, o.prise_rdv as "priseRdv",
  o.fiche_acces_libre as "ficheAccesLibre", o.services, o.itinerance, o.prise_en_charge_specifique as "priseEnChargeSpecifique",
  o.frais_a_charge as "fraisACharge", o.modalites_acces as "modalitesAcces", o.modalites_accompagnement as "modalitesAccompagnement"`);

/** The point of a place, as indexed (migration `earth_point`: keep both identical, or the index is not used). */
const PLACE_POINT = sql.raw('maillage_earth_point(o.latitude, o.longitude)');

/** Places that say they welcome nobody are never proposed. */
const WELCOMES_PUBLIC = sql`not (o.modalites_acces @> array['Ce lieu n''accueille pas de public']::text[])`;

export interface NearestPlacesQuery {
  lat: number;
  lng: number;
  /** The standard's services, any of which the place offers. */
  services: readonly string[];
  /** At most this far. */
  maxKm: number;
  limit: number;
  /** Only places that travel (`Itinérant`) or help from a distance (`À distance`). */
  comesToThePerson?: boolean;
}

/**
 * The nearest places offering one of `services`, nearest first: a nearest-neighbour scan of the point index
 * (`<->` on the cube), cut at `maxKm` by the index's box and at `limit` rows, so no statement reads the whole directory.
 */
export async function nearestPlacesOffering(em: EntityManager, near: NearestPlacesQuery): Promise<PlaceForOrientation[]> {
  const centre = sql`ll_to_earth(${near.lat}, ${near.lng})`;
  const radiusM = near.maxKm * 1000;
  const rows = await query<PlaceForOrientation>(
    em,
    sql`select ${PLACE_COLUMNS}, round((earth_distance(${centre}, ${PLACE_POINT}) / 1000)::numeric, 2)::float8 as "distanceKm"
          from organization o
         ${whereAll([
           sql`o.latitude is not null and o.longitude is not null`,
           sql`o.kind <> ${OrganizationKind.RESEAU}`,
           sql`o.services && array(select jsonb_array_elements_text(${JSON.stringify(near.services)}::jsonb))`,
           WELCOMES_PUBLIC,
           sql`earth_box(${centre}, ${radiusM}) @> ${PLACE_POINT} and earth_distance(${centre}, ${PLACE_POINT}) <= ${radiusM}`,
           near.comesToThePerson ? sql`('Itinérant' = any(o.itinerance) or 'À distance' = any(o.modalites_accompagnement))` : null,
         ])}
         order by ${PLACE_POINT} <-> ${centre}, o.id
         limit ${near.limit}`,
  );
  return rows;
}

/** One place's fiche by its slug (null when unknown or a network, which welcomes nobody itself). */
export async function placeForFiche(em: EntityManager, slug: string): Promise<PlaceForOrientation | null> {
  const place = await queryOne<PlaceForOrientation>(
    em,
    sql`select ${PLACE_COLUMNS}, null::float8 as "distanceKm" from organization o where o.slug = ${slug} and o.kind <> ${OrganizationKind.RESEAU}`,
  );
  return place ?? null;
}

/** The point of an organization (a helper's own place, the start of the "mode accompagnant"), if it has one. */
export async function organizationPoint(em: EntityManager, id: string): Promise<{ name: string; lat: number; lng: number } | null> {
  const row = await queryOne<{ name: string; lat: number | null; lng: number | null }>(
    em,
    sql`select name, latitude as lat, longitude as lng from organization where id = ${id}`,
  );
  return row && row.lat != null && row.lng != null ? { name: row.name, lat: row.lat, lng: row.lng } : null;
}

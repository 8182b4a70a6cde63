import { sql, type Sql } from '../../../db/sql.js';
import { departementsNear } from '../../../shared/departement-centres.js';
import { pgTextArray } from '../../../shared/pg-array.js';
import type { HomeFilter } from './accueil-provider.js';

/**
 * SQL condition for a row with a département column and (optionally) latitude/longitude columns:
 * true when no place is asked; otherwise the row must match the département, or be within the radius.
 * A row without coordinates (questions and time-bank posts have none) matches "near" when its
 * département's chef-lieu is within the radius, so "près de chez moi" does not empty those sections.
 * The column names are written in the provider's code ("e.latitude"), never taken from a request.
 */
export function placeCondition(filter: HomeFilter, columns: { departement: string; lat?: string; lng?: string }): Sql {
  const departement = sql.raw(columns.departement);
  if (filter.near) {
    const nearby = pgTextArray(departementsNear(filter.near, filter.near.radiusKm).map((entry) => entry.code));
    if (!columns.lat || !columns.lng) return sql`${departement} = any(${nearby}::text[])`;
    const lat = sql.raw(columns.lat);
    const lng = sql.raw(columns.lng);
    return sql`(case when ${lat} is not null and ${lng} is not null
                  then earth_distance(ll_to_earth(${lat}, ${lng}), ll_to_earth(${filter.near.lat}, ${filter.near.lng})) <= ${filter.near.radiusKm * 1000}
                  else ${departement} = any(${nearby}::text[]) end)`;
  }
  if (filter.departement) return sql`${departement} = ${filter.departement}`;
  return sql`true`;
}

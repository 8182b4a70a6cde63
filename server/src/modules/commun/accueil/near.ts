import { departementsNear } from '../../../shared/departement-centres.js';
import { pgTextArray } from '../../../shared/pg-array.js';
import type { HomeFilter } from './accueil-provider.js';

/**
 * SQL condition for a row with a département column and (optionally) latitude/longitude columns:
 * true when no place is asked; otherwise the row must match the département, or be within the radius.
 * A row without coordinates (questions and time-bank posts have none) matches "near" when its
 * département's chef-lieu is within the radius, so "près de chez moi" does not empty those sections.
 */
export function placeCondition(filter: HomeFilter, columns: { departement: string; lat?: string; lng?: string }): { sql: string; params: unknown[] } {
  if (filter.near) {
    const nearby = pgTextArray(departementsNear(filter.near, filter.near.radiusKm).map((entry) => entry.code));
    if (!columns.lat || !columns.lng) return { sql: `${columns.departement} = any(?::text[])`, params: [nearby] };
    return {
      sql: `(case when ${columns.lat} is not null and ${columns.lng} is not null
                  then earth_distance(ll_to_earth(${columns.lat}, ${columns.lng}), ll_to_earth(?, ?)) <= ?
                  else ${columns.departement} = any(?::text[]) end)`,
      params: [filter.near.lat, filter.near.lng, filter.near.radiusKm * 1000, nearby],
    };
  }
  if (filter.departement) return { sql: `${columns.departement} = ?`, params: [filter.departement] };
  return { sql: 'true', params: [] };
}

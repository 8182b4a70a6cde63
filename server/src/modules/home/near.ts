import type { HomeFilter } from './home-provider.js';

/**
 * SQL condition for a row with a département column and (optionally) latitude/longitude columns:
 * true when no place is asked; otherwise the row must match the département, or be within the radius.
 * Rows without coordinates never match a "near" filter.
 */
export function placeCondition(filter: HomeFilter, columns: { departement: string; lat?: string; lng?: string }): { sql: string; params: unknown[] } {
  if (filter.near) {
    if (!columns.lat || !columns.lng) return { sql: 'false', params: [] };
    return {
      sql: `(${columns.lat} is not null and earth_distance(ll_to_earth(${columns.lat}, ${columns.lng}), ll_to_earth(?, ?)) <= ?)`,
      params: [filter.near.lat, filter.near.lng, filter.near.radiusKm * 1000],
    };
  }
  if (filter.departement) return { sql: `${columns.departement} = ?`, params: [filter.departement] };
  return { sql: 'true', params: [] };
}

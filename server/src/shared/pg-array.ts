/**
 * A PostgreSQL array literal (`{"a","b"}`) to bind as ONE parameter (`?::text[]`).
 * Knex expands a JavaScript array into a comma list, which `= any(…)` cannot take.
 */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * The `capped` value of a count message (`{capped, select, yes {{count, number}+ …} other {…}}`):
 * "yes" when the API counted a list up to its cap (COUNT_CAP, docs/read-models.md), shown "1 000+".
 */
export function capped(list: { totalCountCapped?: boolean | null }): 'yes' | 'no' {
  return list.totalCountCapped ? 'yes' : 'no';
}

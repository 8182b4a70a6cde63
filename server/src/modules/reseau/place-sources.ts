import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from '../../db/sql.js';

/** The sources of a place (place_source), newest data first; none for a place created in Maillage. */
export function placeSources(
  em: EntityManager,
  organizationId: string,
): Promise<Array<{ source: string; sourceId: string; dateMaj: string | null }>> {
  return query(
    em,
    sql`select source, source_id as "sourceId", date_maj::text as "dateMaj" from place_source
        where organization_id = ${organizationId} order by date_maj desc nulls last, source, source_id`,
  );
}

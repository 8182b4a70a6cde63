import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql, type Sql } from '../../db/sql.js';

/**
 * Fixed-window counters in PostgreSQL: shared by every app process, so a limit holds
 * however many processes run behind the load balancer.
 */
function windowStart(windowSeconds: number): Sql {
  return sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
}

/** Adds a hit to `key` and returns the hits of the current window. */
export async function hit(em: EntityManager, key: string, windowSeconds: number): Promise<number> {
  const row = await queryOne<{ hits: number }>(
    em,
    sql`insert into rate_limit (key, window_start, hits) values (${key}, ${windowStart(windowSeconds)}, 1)
        on conflict (key, window_start) do update set hits = rate_limit.hits + 1
        returning hits`,
  );
  return row!.hits;
}

/** Old windows are useless; removed now and then. */
export async function purgeOldCounters(em: EntityManager): Promise<void> {
  await execute(em, sql`delete from rate_limit where window_start < now() - interval '1 day'`);
}

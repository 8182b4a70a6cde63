import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Fixed-window counters in PostgreSQL: shared by every app process, so a limit holds
 * however many processes run behind the load balancer.
 */
function windowSql(windowSeconds: number): string {
  return `to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
}

/** Adds a hit to `key` and returns the hits of the current window. */
export async function hit(em: EntityManager, key: string, windowSeconds: number): Promise<number> {
  const rows = await em.getConnection().execute<{ hits: number }[]>(
    `insert into rate_limit (key, window_start, hits) values (?, ${windowSql(windowSeconds)}, 1)
     on conflict (key, window_start) do update set hits = rate_limit.hits + 1
     returning hits`,
    [key],
  );
  return rows[0].hits;
}

/** The hits of the current window, without adding one. */
export async function hits(em: EntityManager, key: string, windowSeconds: number): Promise<number> {
  const rows = await em
    .getConnection()
    .execute<{ hits: number }[]>(`select hits from rate_limit where key = ? and window_start = ${windowSql(windowSeconds)}`, [key]);
  return rows[0]?.hits ?? 0;
}

/** Old windows are useless; removed now and then. */
export async function purgeOldCounters(em: EntityManager): Promise<void> {
  await em.getConnection().execute(`delete from rate_limit where window_start < now() - interval '1 day'`);
}

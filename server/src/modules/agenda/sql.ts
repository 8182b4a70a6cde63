import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Plain SQL on the EntityManager's own connection: inside `em.transactional()` it runs in that
 * transaction (the bare `getConnection().execute` would take another pooled connection, outside it).
 */
export async function sql<T = Array<Record<string, unknown>>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T> {
  return (await em.getConnection().execute(text, params, 'all', em.getTransactionContext())) as T;
}

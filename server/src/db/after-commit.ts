import { TransactionContext, type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';

/**
 * Work that must follow a commit and never a rollback, outside the database: a message to another process, an
 * object deleted from the file store. `afterCommit(em, work)` runs `work` once the outermost transaction `em` writes
 * in has committed (MikroORM nests savepoints under it), forgets it if that transaction rolls back, and runs it at
 * once outside a transaction. A failure is logged, never thrown at the request that has already committed.
 * `afterCommitSubscriber` is in every ORM's options (db/orm.ts).
 */
export function afterCommit(em: EntityManager, work: () => void | Promise<void>, what: string): Promise<void> {
  const transaction = rootTransaction(em);
  if (!transaction) return run(work, what);
  const waiting = pending.get(transaction) ?? [];
  waiting.push({ work, what });
  pending.set(transaction, waiting);
  return Promise.resolve();
}

interface Waiting {
  work: () => void | Promise<void>;
  /** Said in the log when it fails, e.g. "file not removed from the store". */
  what: string;
}

/** Work waiting for the commit of its outermost transaction. */
const pending = new WeakMap<object, Waiting[]>();

async function run(work: () => void | Promise<void>, what: string): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn({ err: error }, what);
  }
}

/** The outermost transaction `em` writes in, or null outside one. */
function rootTransaction(em: EntityManager): object | null {
  const current = em.isInTransaction() ? em : (TransactionContext.getEntityManager(em.name) as EntityManager | undefined);
  let transaction = (current?.getTransactionContext() ?? null) as object | null;
  // A savepoint keeps its parent under a private symbol of @mikro-orm/knex (AbstractSqlConnection.begin);
  // the hooks below run only for the outermost transaction.
  for (let depth = 0; transaction && depth < 20; depth++) {
    const parentKey = Object.getOwnPropertySymbols(transaction).find((key) => key.description === 'parentTransaction');
    if (!parentKey) break;
    transaction = (transaction as Record<symbol, object>)[parentKey];
  }
  return transaction;
}

export const afterCommitSubscriber: EventSubscriber = {
  async afterTransactionCommit({ transaction }: TransactionEventArgs) {
    const waiting = transaction ? pending.get(transaction as object) : undefined;
    if (!waiting) return;
    pending.delete(transaction as object);
    for (const { work, what } of waiting) await run(work, what);
  },
  afterTransactionRollback({ transaction }: TransactionEventArgs) {
    if (transaction) pending.delete(transaction as object);
  },
};

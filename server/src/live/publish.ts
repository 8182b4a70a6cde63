import { TransactionContext, type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { execute, sql } from '../db/sql.js';
import { logger } from '../logger.js';
import { pgTextArray } from '../shared/pg-array.js';
import { currentTransport, encodeMessage, type LiveMessage } from './bus.js';

/**
 * Tells every app process that `topic` changed, once the change is committed (docs/architecture.md,
 * "Live updates"). Call it with the EntityManager of the change, after its writes:
 * - over PostgreSQL, `pg_notify` runs in the change's own transaction, and PostgreSQL delivers it at
 *   commit and drops it at rollback;
 * - over Redis, the message waits for the commit of the outermost transaction (dropped at rollback;
 *   a savepoint rolled back inside a committed transaction still sends its messages).
 * A subscriber always re-reads the database, so a message about something that did not happen sends
 * at most the same value again: never anything false.
 */
export async function publishLive(em: EntityManager, topic: string, id?: string): Promise<void> {
  await publishLiveMany(em, [id ? { topic, id } : { topic }]);
}

/** Several messages in one statement (a notification to many members). */
export async function publishLiveMany(em: EntityManager, messages: readonly LiveMessage[]): Promise<void> {
  const transport = currentTransport();
  if (!transport || messages.length === 0) return;
  const payloads = messages.map(encodeMessage);
  if (transport.kind === 'postgres') {
    await execute(em, sql`select pg_notify(${transport.channel}, payload) from unnest(${pgTextArray(payloads)}::text[]) as payload`);
    return;
  }
  const send = () => {
    for (const message of messages)
      transport.send(message).catch((error: unknown) => logger.warn({ err: error, topic: message.topic }, 'live update not sent'));
  };
  const transaction = rootTransaction(em);
  if (!transaction) return send();
  const waiting = pendingAfterCommit.get(transaction) ?? [];
  waiting.push(send);
  pendingAfterCommit.set(transaction, waiting);
}

/** Messages waiting for the commit of their outermost transaction (Redis transport). */
const pendingAfterCommit = new WeakMap<object, Array<() => void>>();

/** The outermost transaction `em` writes in (MikroORM nests savepoints under it), or null outside one. */
function rootTransaction(em: EntityManager): object | null {
  const current = em.isInTransaction() ? em : (TransactionContext.getEntityManager(em.name) as EntityManager | undefined);
  let transaction = (current?.getTransactionContext() ?? null) as object | null;
  // A savepoint keeps its parent under a private symbol of @mikro-orm/knex (AbstractSqlConnection.begin);
  // hooks run only for the outermost transaction.
  for (let depth = 0; transaction && depth < 20; depth++) {
    const parentKey = Object.getOwnPropertySymbols(transaction).find((key) => key.description === 'parentTransaction');
    if (!parentKey) break;
    transaction = (transaction as Record<symbol, object>)[parentKey];
  }
  return transaction;
}

const hooked = new WeakSet<MikroORM>();

/** Sends the Redis messages of a transaction once it is committed; forgets them when it rolls back. */
export function sendAfterCommit(orm: MikroORM): void {
  if (hooked.has(orm)) return;
  hooked.add(orm);
  const subscriber: EventSubscriber = {
    afterTransactionCommit({ transaction }: TransactionEventArgs) {
      const waiting = transaction ? pendingAfterCommit.get(transaction as object) : undefined;
      if (!waiting) return;
      pendingAfterCommit.delete(transaction as object);
      for (const send of waiting) send();
    },
    afterTransactionRollback({ transaction }: TransactionEventArgs) {
      if (transaction) pendingAfterCommit.delete(transaction as object);
    },
  };
  orm.em.getEventManager().registerSubscriber(subscriber);
}

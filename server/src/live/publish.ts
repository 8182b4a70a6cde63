import type { EntityManager } from '@mikro-orm/postgresql';
import { afterCommit } from '../db/after-commit.js';
import { execute, sql, type Sql } from '../db/sql.js';
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
  if (transport.kind === 'postgres') {
    await execute(em, sql`select ${pgNotifyAll(transport.channel, null, messages)}`);
    return;
  }
  // Sent once the change is committed (db/after-commit.ts), at once outside a transaction.
  await afterCommit(
    em,
    () => {
      for (const message of messages)
        transport.send(message).catch((error: unknown) => logger.warn({ err: error, topic: message.topic }, 'live update not sent'));
    },
    'live update not sent',
  );
}

/**
 * The messages a statement sends itself, so that they cost no statement of their own (delivered at commit,
 * dropped at rollback, like `publishLiveMany`'s): over PostgreSQL, a scalar expression `pg_notify`ing the
 * text payloads `payloadRows` selects (one column, bus.ts's encoding) and `messages`; null over Redis or
 * with no bus (send them with `publishLiveMany` after the statement).
 */
export function liveNotifyInStatement(payloadRows: Sql | null, messages: readonly LiveMessage[] = []): Sql | null {
  const transport = currentTransport();
  return transport?.kind === 'postgres' ? pgNotifyAll(transport.channel, payloadRows, messages) : null;
}

function pgNotifyAll(channel: string, payloadRows: Sql | null, messages: readonly LiveMessage[]): Sql {
  const encoded = sql`select unnest(${pgTextArray(messages.map(encodeMessage))}::text[])`;
  return sql`(select count(pg_notify(${channel}, payload))::int
                from (${payloadRows ? sql`${payloadRows} union all ${encoded}` : encoded}) as sent(payload))`;
}

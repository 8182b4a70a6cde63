/**
 * fedify's key-value store and message queue on PostgreSQL, through the SQL gateway: cached remote
 * documents and keys, activity idempotence, and the deliveries waiting to go out or be handled. Kept
 * in the database, they survive a restart and every process of the site shares them.
 */
import type {
  KvKey,
  KvStore,
  KvStoreSetOptions,
  MessageQueue,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from '@fedify/fedify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Temporal } from '@js-temporal/polyfill';
import { execute, queryOne, sql } from '../../db/sql.js';
import { logger } from '../../logger.js';
import { pgTextArray } from '../../shared/pg-array.js';

function milliseconds(duration: Temporal.Duration | undefined): number {
  return duration ? Math.max(0, Math.round(duration.total({ unit: 'millisecond' }))) : 0;
}

export class PostgresKvStore implements KvStore {
  constructor(private readonly orm: MikroORM) {}

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await queryOne<{ value: T }>(
      this.orm.em.fork(),
      sql`select value from federation_kv where key = ${pgTextArray([...key])}::text[] and (expires_at is null or expires_at > now())`,
    );
    return row?.value;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const ttl = milliseconds(options?.ttl);
    const expiresAt = ttl > 0 ? new Date(Date.now() + ttl) : null;
    await execute(
      this.orm.em.fork(),
      sql`insert into federation_kv (key, value, expires_at) values (${pgTextArray([...key])}::text[], ${JSON.stringify(value)}::jsonb, ${expiresAt})
           on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`,
    );
  }

  async delete(key: KvKey): Promise<void> {
    await execute(this.orm.em.fork(), sql`delete from federation_kv where key = ${pgTextArray([...key])}::text[]`);
  }
}

/** How long a claimed message stays out of the others' reach: a process that dies mid-delivery leaves it to the next one after that. */
const LEASE = '5 minutes';

export class PostgresMessageQueue implements MessageQueue {
  constructor(
    private readonly orm: MikroORM,
    private readonly pollMs = 500,
  ) {}

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const deliverAt = new Date(Date.now() + milliseconds(options?.delay));
    await execute(
      this.orm.em.fork(),
      sql`insert into federation_queue (message, deliver_at) values ${sql.join(messages.map((message) => sql`(${JSON.stringify(message)}::jsonb, ${deliverAt})`))}`,
    );
  }

  /** Takes the messages that are due, one at a time, until `signal` aborts; fedify retries a failed delivery by enqueueing it again later. */
  async listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    const signal = options?.signal;
    while (!signal?.aborted) {
      let job: { id: string; message: unknown } | undefined;
      try {
        job = await queryOne<{ id: string; message: unknown }>(
          this.orm.em.fork(),
          sql`update federation_queue set locked_until = now() + ${LEASE}::interval
               where id = (select id from federation_queue where deliver_at <= now() and (locked_until is null or locked_until < now())
                           order by deliver_at, id limit 1 for update skip locked)
               returning id, message`,
        );
      } catch (error) {
        logger.warn({ err: error }, 'federation queue: could not read the next message');
      }
      if (!job) {
        await pause(this.pollMs, signal);
        continue;
      }
      try {
        await handler(job.message);
      } catch (error) {
        logger.error({ err: error }, 'federation queue: a message failed');
      }
      await execute(this.orm.em.fork(), sql`delete from federation_queue where id = ${job.id}`).catch((error: unknown) =>
        logger.error({ err: error }, 'federation queue: could not remove a handled message'),
      );
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

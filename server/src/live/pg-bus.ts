import pg from 'pg';
import { logger } from '../logger.js';
import { deliver, deliverResync, type LiveMessage, type LiveTransport } from './bus.js';

const RETRY_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

/** A NOTIFY channel is an SQL identifier: checked here, since it is written into `LISTEN`. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`LIVE_CHANNEL "${channel}": lower-case letters, digits and _ (at most 63)`);
  return channel;
}

/**
 * PostgreSQL LISTEN/NOTIFY: ONE dedicated connection per process listens (a pooled connection cannot:
 * LISTEN belongs to a session). Publishing is `pg_notify` inside the change's transaction (publish.ts).
 * When the connection drops (database restart, network), it reconnects with growing pauses and then
 * asks every subscriber to send its current value again, since messages may have been missed.
 */
export async function startPgBus(databaseUrl: string, channel: string): Promise<LiveTransport> {
  checkChannel(channel);
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'maillage-live' });
    next.on('notification', (notice) => {
      if (notice.channel === channel && notice.payload) deliver(notice.payload);
    });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'live updates: the PostgreSQL listener lost its connection');
      lost(next);
    });
    next.on('end', () => lost(next));
    await next.connect();
    // Not SQL built from a request: the channel is checked above and comes from the configuration.
    await next.query(`LISTEN "${channel}"`);
    client = next;
  };

  const lost = (which: pg.Client) => {
    if (client !== which && client !== null) return;
    client = null;
    which.removeAllListeners('notification');
    void which.end().catch(() => undefined);
    if (!closed) scheduleRetry();
  };

  const scheduleRetry = () => {
    if (retryTimer || closed) return;
    const pause = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        () => {
          logger.info({ attempts: attempt }, 'live updates: the PostgreSQL listener is back');
          attempt = 0;
          deliverResync();
        },
        (error: unknown) => {
          // One line when the connection is lost and one when it is back: retries are logged only in debug.
          logger.debug({ err: error, retryInMs: RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] }, 'live updates: reconnecting failed');
          scheduleRetry();
        },
      );
    }, pause);
    retryTimer.unref();
  };

  await connect();
  return {
    kind: 'postgres',
    channel,
    async send(_message: LiveMessage) {
      throw new Error('over PostgreSQL, live updates are sent with pg_notify in the transaction (publishLive)');
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

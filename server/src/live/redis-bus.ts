import { Redis } from 'ioredis';
import { logger } from '../logger.js';
import { deliver, deliverResync, encodeMessage, type LiveMessage, type LiveTransport } from './bus.js';

/**
 * Redis pub/sub (REDIS_URL): one connection publishes, one listens (a subscribed Redis connection can
 * do nothing else). ioredis reconnects by itself and subscribes again; once it is back, every
 * subscriber sends its current value again, since messages may have been missed meanwhile.
 */
export async function startRedisBus(redisUrl: string, channel: string): Promise<LiveTransport> {
  const options = { maxRetriesPerRequest: 2, connectionName: 'maillage-live', lazyConnect: true };
  const publisher = new Redis(redisUrl, options);
  const subscriber = new Redis(redisUrl, options);
  for (const [connection, role] of [
    [publisher, 'publisher'],
    [subscriber, 'subscriber'],
  ] as const) {
    connection.on('error', (error: Error) => logger.warn({ err: error, role }, 'live updates: Redis connection error'));
  }
  subscriber.on('message', (from: string, payload: string) => {
    if (from === channel) deliver(payload);
  });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(channel);
  // 'ready' comes again after each reconnection (the first one has passed by now).
  subscriber.on('ready', () => {
    logger.info('live updates: Redis is back');
    deliverResync();
  });
  return {
    kind: 'redis',
    channel,
    async send(message: LiveMessage) {
      await publisher.publish(channel, encodeMessage(message));
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

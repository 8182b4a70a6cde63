import { logger } from '../logger.js';
import { useTransport } from './bus.js';
import { startPgBus } from './pg-bus.js';
import { startRedisBus } from './redis-bus.js';

export interface LiveBusOptions {
  databaseUrl: string;
  /** REDIS_URL: Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl?: string;
  /** LIVE_CHANNEL: the NOTIFY or Redis channel, shared by every process of one site. */
  channel: string;
}

/** Starts this process's live bus (main.ts); the function it returns stops it, before the pool closes. */
export async function startLiveBus(options: LiveBusOptions): Promise<() => Promise<void>> {
  const transport = options.redisUrl
    ? await startRedisBus(options.redisUrl, options.channel)
    : await startPgBus(options.databaseUrl, options.channel);
  useTransport(transport);
  logger.info({ transport: transport.kind, channel: transport.channel }, 'live updates ready');
  return async () => {
    useTransport(null);
    await transport.close();
  };
}

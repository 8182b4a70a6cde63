import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { databaseOutage, RETRY_AFTER_SECONDS } from '../db/outage.js';
import { query, sql } from '../db/sql.js';
import type { Context } from './context.js';
import { logger } from '../logger.js';

/**
 * An operation that failed because the database is down (formatError turned the error into
 * SERVICE_UNAVAILABLE) answers HTTP 503 with Retry-After: clients and proxies know to retry.
 * During an outage, an operation that went through checks whether the database answers again
 * (db/outage.ts then logs the end of the outage, once).
 */
export function outageStatus(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (!errors.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            if (databaseOutage.down && contextValue.em) {
              await query(contextValue.em.fork(), sql`select 1`).then(
                () => databaseOutage.reachable(),
                () => undefined,
              );
            }
            return;
          }
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** An operation slower than `slowMs` is logged once, with its name and duration (SLOW_MS). */
export function slowOperations<TContext extends BaseContext>(slowMs: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, request }) {
          const durationMs = Math.round(performance.now() - started);
          if (durationMs <= slowMs) return;
          logger.warn({ operationName: operationName ?? request.operationName ?? null, durationMs }, 'slow GraphQL operation');
        },
      };
    },
  };
}

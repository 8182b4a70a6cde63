import { pino } from 'pino';
import { currentRequestId } from './http/request-id.js';

/** The longest text a log field keeps: an error quoting a request's value (an SQL statement, its parameters) stays one short line. */
const MAX_TEXT = 2000;
const MAX_ITEMS = 20;

/** A copy of `value` with long texts cut and long lists shortened, a few levels deep. */
export function clampForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}… (${value.length} characters)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => clampForLog(item, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… (${value.length} items)`] : items;
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clampForLog(item, depth + 1)]));
}

/**
 * Structured JSON logs (one line per event), as operators of a real deployment expect. Requests are
 * never logged with their bodies, and errors are cut to a readable size whatever they quote.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info'),
  base: { app: 'maillage' },
  // Every line written while serving a request carries its id (http/request-id.ts).
  mixin: () => {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
  serializers: { err: (error: Error) => clampForLog(pino.stdSerializers.err(error)) },
});

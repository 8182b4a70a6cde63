import { ConnectionException } from '@mikro-orm/core';
import { logger } from '../logger.js';

/** Error codes of Node's sockets that mean "the database cannot be reached". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** PostgreSQL's SQLSTATEs of a server that is shutting down, starting or refusing connections (class 08: connection exceptions). */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What pg and knex say when a connection dies or none can be had in time. */
const MESSAGES = [
  /Connection terminated/i,
  /Timeout acquiring a connection/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /is not currently accepting connections/i,
];

/**
 * Whether `error` (or what caused it) says the database is unavailable — an outage to wait out,
 * not a bug: the API then answers SERVICE_UNAVAILABLE (503, Retry-After) instead of an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof ConnectionException) return true;
    if (typeof current !== 'object') return false;
    const { code, message, cause, originalError } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = cause ?? originalError;
  }
  return false;
}

/** Seconds a client should wait before retrying during an outage (the `Retry-After` header). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * "The database is down since T": one log line when an outage starts, one when it ends,
 * however many requests fail in between.
 */
export class DatabaseOutage {
  private downSince: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether an outage is going on. */
  get down(): boolean {
    return this.downSince !== null;
  }

  /** A request failed because the database is unavailable. */
  failed(error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = this.now();
    const err = error instanceof Error ? error : new Error(String(error));
    logger.error({ err }, 'database unavailable: requests answer 503 until it is reachable again');
  }

  /** The database answered a statement. */
  reachable(): void {
    if (this.downSince === null) return;
    const seconds = Math.round((this.now() - this.downSince) / 100) / 10;
    this.downSince = null;
    logger.info({ outageSeconds: seconds }, `database reachable again after ${seconds} s`);
  }
}

/** The process's one view of its database. */
export const databaseOutage = new DatabaseOutage();

/**
 * The one way raw SQL runs in Maillage (docs/sql.md).
 *
 *   const rows = await query<Row>(em, sql`select id, title from question where author_id = ${userId}`);
 *
 * - Values are always bound, never pasted into the text: `${value}` becomes a parameter.
 * - A nested `sql` fragment is inlined with its own values (conditions built piece by piece);
 *   `sql.raw()` is for text that comes from code (identifiers of a plug declaration), never from a request.
 * - It runs on the current transaction's connection: the transaction of `em` itself, or else the one
 *   `em.transactional()` opened around the caller. A bare `em.getConnection().execute()` would take
 *   another pooled connection, outside the transaction (and can deadlock the pool under load).
 *
 * `tests/rules/house-rules.test.ts` fails when raw SQL runs any other way.
 */
import { appendFileSync } from 'node:fs';
import { TransactionContext } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** A statement or a piece of one: text around bound values. Build it with the `sql` tag only. */
export class Sql {
  /** `strings.length === values.length + 1`, as in a template literal; values are never Sql. */
  private constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
    /** Run with bound values as a prepared statement (see `prepared()`). Only the statement run counts, not its fragments. */
    readonly isPrepared = false,
  ) {}

  static of(strings: readonly string[], values: readonly unknown[]): Sql {
    const text: string[] = [strings[0]];
    const flat: unknown[] = [];
    values.forEach((value, i) => {
      if (value instanceof Sql) {
        // Inline the fragment: its first piece joins ours, its values come in order.
        text[text.length - 1] += value.strings[0];
        value.values.forEach((inner, j) => {
          flat.push(inner);
          text.push(value.strings[j + 1]);
        });
        text[text.length - 1] += strings[i + 1];
      } else {
        flat.push(value);
        text.push(strings[i + 1]);
      }
    });
    return new Sql(text, flat);
  }

  /**
   * The same statement, prepared once per connection and then run with its values bound: PostgreSQL parses it
   * once and keeps a generic plan when that plan is no worse. For the statements every request or every
   * transfer runs (the session lookup, a posting), where parsing and planning cost more than running.
   * Its values bind as node-postgres binds them (give every value a type the statement makes clear, a cast
   * where needed); a JavaScript array is refused (bind `pgTextArray()`), a `Date` goes as UTC.
   */
  prepared(): Sql {
    return new Sql(this.strings, this.values, true);
  }

  /** True when the fragment has no text at all (`sql.empty`). */
  get isEmpty(): boolean {
    return this.values.length === 0 && this.strings[0].trim() === '';
  }

  /** The text with `$1, $2…` for node-postgres (the benchmarks' floor runs the very same statement). */
  toPg(): { text: string; values: unknown[] } {
    return { text: this.strings.reduce((text, piece, i) => `${text}$${i}${piece}`), values: [...this.values] };
  }
}

type SqlTag = {
  (strings: TemplateStringsArray, ...values: unknown[]): Sql;
  /** Text written in the code (a table or column name from a plug declaration): never a request's value. */
  raw(text: string): Sql;
  /** `a, b, c` (or another separator) from fragments. */
  join(parts: readonly Sql[], separator?: Sql): Sql;
  /** Nothing: a condition that does not apply. */
  empty: Sql;
};

export const sql: SqlTag = Object.assign((strings: TemplateStringsArray, ...values: unknown[]) => Sql.of(strings, values), {
  raw: (text: string) => Sql.of([text], []),
  join(parts: readonly Sql[], separator: Sql = Sql.of([', '], [])): Sql {
    const pieces = parts.flatMap((part, i) => (i === 0 ? [part] : [separator, part]));
    return Sql.of(['', ...pieces.map(() => '')], pieces);
  },
  empty: Sql.of([''], []),
});

/** `where a and b` from the conditions that apply, or nothing when none does. */
export function whereAll(conditions: ReadonlyArray<Sql | null | undefined | false>): Sql {
  const applying = conditions.filter((c): c is Sql => c instanceof Sql && !c.isEmpty);
  return applying.length === 0 ? sql.empty : sql`where ${sql.join(applying, sql` and `)}`;
}

/** The EntityManager whose transaction is current: `em`'s own, or the one opened around the caller. */
function current(em: EntityManager): EntityManager {
  if (em.isInTransaction()) return em;
  return (TransactionContext.getEntityManager(em.name) as EntityManager | undefined) ?? em;
}

/**
 * MAILLAGE_SQL_CAPTURE=<file>: every statement (text with `$n`, values) appended as a JSON line, so the
 * benchmarks replay and EXPLAIN exactly what the app ran (docs/bench.md). Off unless set.
 */
const captureFile = process.env.MAILLAGE_SQL_CAPTURE || undefined;

/**
 * The statement as PostgreSQL receives it: each value quoted by MikroORM's platform, as its own `execute()`
 * would (strings escaped, dates in UTC, arrays as `a, b, c` lists, objects as JSON). Sent with the simple
 * protocol: a one-off statement needs no Parse/Bind round of its own.
 */
function inlined(em: EntityManager, statement: Sql): string {
  const { strings, values } = statement;
  if (values.length === 0) return strings[0];
  const platform = em.getPlatform();
  let text = strings[0];
  for (let i = 0; i < values.length; i++) text += platform.quoteValue(values[i]) + strings[i + 1];
  return text;
}

interface PgConnection {
  query(query: { text: string; values: unknown[]; name?: string }): Promise<PgResult | PgResult[]>;
}

/**
 * Names of the prepared statements, by text. node-postgres prepares a name once per connection; the names
 * stay few (a prepared statement's text is fixed but for the number of items of a list), and past
 * `MOST_PREPARED` texts a statement runs unnamed (parsed each time) rather than fill every connection.
 */
const preparedNames = new Map<string, string>();
const MOST_PREPARED = 200;

function preparedQuery(statement: Sql): { text: string; values: unknown[]; name?: string } {
  const { text, values } = statement.toPg();
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MOST_PREPARED) preparedNames.set(text, (name = `maillage_${preparedNames.size + 1}`));
  return { text, values: values.map(bindable), name };
}

function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) throw new TypeError('a prepared statement binds no JavaScript array: bind pgTextArray(values) with a cast');
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
interface PgResult {
  rows: unknown[];
  rowCount: number | null;
}

/**
 * Runs on a connection of MikroORM's own pool (knex's), straight through node-postgres: the transaction's
 * connection when there is one, else a pooled one for this statement alone. MikroORM's `execute()` would
 * build a knex `raw` and its runner around the same call, a tenth of a short request's time (docs/bench.md).
 * knex's `query` event is still emitted, so whatever listens to every statement (the tests count them) sees these.
 */
async function run(em: EntityManager, statement: Sql): Promise<PgResult> {
  if (!(statement instanceof Sql)) throw new TypeError('SQL runs only as a sql`…` statement');
  const target = current(em);
  const query = statement.isPrepared ? preparedQuery(statement) : { text: inlined(target, statement), values: [] };
  if (captureFile) appendFileSync(captureFile, JSON.stringify({ ...statement.toPg(), prepared: statement.isPrepared }) + '\n');
  const transaction = target.getTransactionContext<Knex.Transaction>();
  const client = transaction?.client ?? target.getConnection().getKnex().client;
  const connection = (await client.acquireConnection()) as PgConnection;
  try {
    if (transaction?.isCompleted()) throw new Error('SQL after the end of its transaction');
    client.emit('query', { sql: query.text, bindings: query.values });
    const result = await connection.query(query);
    // Several statements in one text (no values) answer one result each: the last one counts.
    return Array.isArray(result) ? result[result.length - 1] : result;
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Rows of plain statements carry timestamps as PostgreSQL's text (MikroORM's driver settings): the API wants dates. */
export function asDate(value: Date | string): Date;
export function asDate(value: Date | string | null): Date | null;
export function asDate(value: Date | string | null): Date | null {
  return value == null ? null : value instanceof Date ? value : new Date(value);
}

/** Every row of a statement. */
export async function query<T = Record<string, unknown>>(em: EntityManager, statement: Sql): Promise<T[]> {
  return (await run(em, statement)).rows as T[];
}

/** The first row of a statement, or undefined. */
export async function queryOne<T = Record<string, unknown>>(em: EntityManager, statement: Sql): Promise<T | undefined> {
  const rows = await query<T>(em, statement);
  return rows[0];
}

/** A statement run for its effect: the number of rows it changed. */
export async function execute(em: EntityManager, statement: Sql): Promise<number> {
  return (await run(em, statement)).rowCount ?? 0;
}

/** How the connection pool is used right now (read by /metrics): connections in use, idle, and requests waiting for one. */
export function poolUse(em: EntityManager): { used: number; free: number; pending: number } {
  const pool = (em.getConnection().getKnex().client as { pool?: PoolStats }).pool;
  return { used: pool?.numUsed() ?? 0, free: pool?.numFree() ?? 0, pending: pool?.numPendingAcquires() ?? 0 };
}

interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

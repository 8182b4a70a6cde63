import type { ClassType } from 'type-graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql, whereAll, type Sql } from '../db/sql.js';
import { badInput } from './errors.js';
import { say } from '../i18n/lang.js';
import { MaxLength } from './input-limits.js';

/** `first` / `after` of every list (cursor connections, docs/read-models.md). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items (1 to 100, 20 by default).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  @MaxLength(1000)
  after?: string | null;
}

// Plain data types: `simpleResolvers` skips type-graphql's per-field middleware machinery,
// which is most of the cost of a long list.
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Exact up to COUNT_CAP; beyond it, COUNT_CAP and `totalCountCapped` (docs/read-models.md, "The total"). */
  totalCount: number;
  totalCountCapped: boolean;
}

/**
 * Builds the `XConnection` and `XEdge` GraphQL types for a node type.
 * Usage: `@ObjectType() export class UserConnection extends connectionOf(User) {}`.
 */
export function connectionOf<T extends object>(nodeType: ClassType<T>) {
  @ObjectType(`${nodeType.name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description: `How many items the list has, exact up to ${COUNT_CAP}; beyond, ${COUNT_CAP} and \`totalCountCapped\`.`,
    })
    totalCount!: number;

    @Field(() => Boolean, { description: `True when the list has more than ${COUNT_CAP} items (shown "${COUNT_CAP}+").` })
    totalCountCapped!: boolean;
  }
  return ConnectionType;
}

export const DEFAULT_PAGE_SIZE = 20;

/**
 * Totals are counted up to this many rows, never over a whole table: a list of a million rows
 * costs the same to count as one of a thousand, and the page says "1 000+".
 */
export const COUNT_CAP = 1000;

/**
 * The total of a list as a scalar subquery (an InitPlan, run once per statement): the rows of
 * `listed` counted up to COUNT_CAP + 1, so one more than the cap says "more than the cap".
 * `listed` must select plain rows (no window function), so PostgreSQL reads only what it counts.
 */
export function boundedCount(listed: Sql): Sql {
  return sql`(select count(*)::int from (select 1 from (${listed}) listed limit ${COUNT_CAP + 1}) counted)`;
}

/** The bounded total alone: for a page past the end, which has no row to carry it. */
export async function countBounded(em: EntityManager, listed: Sql): Promise<number> {
  return (await queryOne<{ total: number }>(em, sql`select ${boundedCount(listed)} as total`))?.total ?? 0;
}
export const MAX_PAGE_SIZE = 100;

/** `first`, checked: 1 to MAX_PAGE_SIZE. */
function pageWindowSize(args: { first?: number | null }): { limit: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ first: say(`Demandez entre 1 et ${MAX_PAGE_SIZE} éléments.`, `Ask for 1 to ${MAX_PAGE_SIZE} items.`) });
  }
  return { limit: first };
}

/*
 * Keyset pages (docs/read-models.md). A list is ordered by a few sort keys, the last of which is
 * unique (the id); the cursor holds the keys of the last row seen, and the next page is the rows
 * strictly after them in that order: `where (keys) after (cursor) order by keys limit first + 1`.
 * Unlike an offset, the page stays right when rows are added in front of it, and an index on the
 * keys reads only the rows of the page.
 */

/** A sort key as PostgreSQL prints it (`::text`): exact for timestamps (microseconds) and numbers. */
export type KeyValue = string;

export interface SortKey {
  /** An expression over the rows being paged, never null (use `coalesce`). */
  expression: Sql;
  direction: 'asc' | 'desc';
}

export interface KeysetWindow {
  /** Rows to show; the statement asks for one more, to know whether a next page exists. */
  limit: number;
  /** The sort keys of the last row seen, or null for the first page. */
  after: KeyValue[] | null;
}

const KEYSET_PREFIX = 'k:';

export function encodeKeyset(keys: readonly KeyValue[]): string {
  return Buffer.from(KEYSET_PREFIX + JSON.stringify(keys)).toString('base64url');
}

export function decodeKeyset(cursor: string, arity: number): KeyValue[] {
  const invalid = () => badInput({ after: say('Curseur de pagination invalide.', 'Invalid pagination cursor.') });
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith(KEYSET_PREFIX)) throw invalid();
  let keys: unknown;
  try {
    keys = JSON.parse(text.slice(KEYSET_PREFIX.length));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(keys) || keys.length !== arity || !keys.every((key) => typeof key === 'string' && key.length <= 200)) throw invalid();
  return keys as KeyValue[];
}

/** `first` checked, `after` decoded for a list ordered by `keys`. */
export function keysetWindow(args: { first?: number | null; after?: string | null }, keys: readonly SortKey[]): KeysetWindow {
  const { limit } = pageWindowSize(args);
  return { limit, after: args.after ? decodeKeyset(args.after, keys.length) : null };
}

/** The sort keys selected as text (`keyset_0`, `keyset_1`…), for the cursor of each row. */
export function keysetColumns(keys: readonly SortKey[]): Sql {
  return sql.join(keys.map((key, i) => sql`(${key.expression})::text as ${sql.raw(`keyset_${i}`)}`));
}

/**
 * The rows strictly after the cursor in the order of `keys` (mixed directions allowed):
 * `k0 > v0 or (k0 = v0 and k1 > v1) or …`, with `<` for a descending key. Null on the first page.
 */
export function afterCursor(keys: readonly SortKey[], window: KeysetWindow): Sql | null {
  const after = window.after;
  if (!after) return null;
  const branches = keys.map((key, i) => {
    const equalBefore = keys.slice(0, i).map((previous, j) => sql`${previous.expression} = ${after[j]}`);
    const beyond = key.direction === 'asc' ? sql`${key.expression} > ${after[i]}` : sql`${key.expression} < ${after[i]}`;
    return sql`(${sql.join([...equalBefore, beyond], sql` and `)})`;
  });
  return sql`(${sql.join(branches, sql` or `)})`;
}

/** `order by k0 desc, k1 desc…` */
export function keysetOrder(keys: readonly SortKey[]): Sql {
  return sql`order by ${sql.join(keys.map((key) => sql`${key.expression} ${sql.raw(key.direction)}`))}`;
}

/**
 * A page from the rows of a keyset statement (asked with `limit + 1` and `keysetColumns`):
 * the extra row only says that a next page exists.
 */
export function keysetConnection<T extends object>(rows: readonly T[], window: KeysetWindow, totalCount: number): Connection<T> {
  const page = rows.slice(0, window.limit);
  const edges = page.map((node) => ({ cursor: encodeKeyset(keysOf(node)), node }));
  return {
    edges,
    totalCount: Math.min(totalCount, COUNT_CAP),
    totalCountCapped: totalCount > COUNT_CAP,
    pageInfo: { hasNextPage: rows.length > window.limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

function keysOf(row: object): KeyValue[] {
  const keys: KeyValue[] = [];
  const record = row as Record<string, unknown>;
  for (let i = 0; `keyset_${i}` in record; i += 1) keys.push(String(record[`keyset_${i}`]));
  return keys;
}

/**
 * One keyset page of a whole list: `listed` selects every row of the filtered list (plain rows, no
 * window function, so the order can walk an index), and `keys` name its columns through the alias
 * `n`. One statement, whose bounded total (`boundedCount`) is a scalar subquery; a count runs on
 * its own only for a page past the end, which has no row to carry the total.
 */
export async function keysetPage<T extends object>(
  em: EntityManager,
  listed: Sql,
  keys: readonly SortKey[],
  window: KeysetWindow,
): Promise<Connection<T & { total_count: number }>> {
  const rows = await query<T & { total_count: number }>(
    em,
    sql`select n.*, ${keysetColumns(keys)}, ${boundedCount(listed)} as total_count from (${listed}) n
         ${whereAll([afterCursor(keys, window)])}
         ${keysetOrder(keys)}
         limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, listed) : 0;
  return keysetConnection(rows, window, total);
}

/** The same page with each row turned into its GraphQL node. */
export function mapNodes<R, T>(page: Connection<R>, toNode: (row: R) => T): Connection<T> {
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toNode(edge.node) })) };
}

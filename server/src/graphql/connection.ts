import type { ClassType } from 'type-graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors.js';
import { say } from '../i18n/lang.js';

/** `first` / `after` of every list (cursor connections, docs/read-models.md). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items (1 to 100, 20 by default).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
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
  totalCount: number;
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

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Cursors are opaque to clients; inside they hold the offset of the item in the ordered list,
 * which works for every order (relevance, distance, date) with one SQL statement per page.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^o:(\d+)$/.exec(text);
  if (!match) throw badInput({ after: say('Curseur de pagination invalide.', 'Invalid pagination cursor.') });
  return Number(match[1]);
}

/** LIMIT / OFFSET for a page request. */
export function pageWindow(args: { first?: number | null; after?: string | null }): { limit: number; offset: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ first: say(`Demandez entre 1 et ${MAX_PAGE_SIZE} éléments.`, `Ask for 1 to ${MAX_PAGE_SIZE} items.`) });
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { limit: first, offset };
}

/**
 * For one-statement lists: rows carry `total_count` (from `count(*) over ()`); an empty page
 * past the end still needs the total, hence `fallbackTotal`.
 */
export function totalFromRows(rows: Array<{ total_count?: number | string }>, fallbackTotal = 0): number {
  return rows.length ? Number(rows[0].total_count) : fallbackTotal;
}

/** A page of `nodes` (already limited) starting at `offset`, out of `totalCount`. */
export function toConnection<T>(nodes: T[], offset: number, totalCount: number): Connection<T> {
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor(offset + index), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + nodes.length < totalCount,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}

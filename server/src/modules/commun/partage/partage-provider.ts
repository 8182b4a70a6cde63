/**
 * What a section declares so its public pages are found and shared (docs/sections.md, "sharing"):
 * the card image of a shared link, and its part of the sitemap. The commun serves both
 * (`partage.routes.ts`); it never reads a section's tables itself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Sql } from '../../../db/sql.js';

/** What a card image shows: the item's title and up to two short lines (date, place…). */
export interface CardContent {
  title: string;
  lines: string[];
  /** Changes whenever what the card shows changes (the row's `updated_at`): part of its ETag. */
  version: string;
}

export interface CardProvider {
  /** The word in `/cartes/<kind>/<id>.png`: "evenement", "lieu", "question", "projet". */
  kind: string;
  /** The small line above the title: the section as people call it ("Agenda"). */
  label: string;
  /** Background colour of the card (a dark one: the text is white). */
  colour: string;
  /** The item when anyone may see it; `null` when it does not exist, is hidden or private. */
  load(em: EntityManager, id: string): Promise<CardContent | null>;
}

/**
 * A slice of a sitemap part's keys: after `after` (or from `from`, or from the start), before `until`
 * (or to the end). Keys are uuids (v4, random): parts are fixed ranges of the key space.
 */
export interface KeyRange {
  from: string | null;
  after: string | null;
  until: string | null;
}

/** The conditions of a key range on a uuid column (`id`): empty when the range is the whole table. */
export function keyRangeConditions(column: Sql, range: KeyRange): Sql[] {
  return [
    range.after ? sql`${column} > ${range.after}::uuid` : range.from ? sql`${column} >= ${range.from}::uuid` : null,
    range.until ? sql`${column} < ${range.until}::uuid` : null,
  ].filter((condition): condition is Sql => condition !== null);
}

export interface SitemapProvider {
  /** The word in `/sitemaps/<part>-<n>.xml`: "lieux", "evenements"… */
  part: string;
  /**
   * The table whose rows the part lists: the commun reads only the planner's estimate of its size
   * (`pg_class.reltuples`) to decide how many parts there are, never a count.
   */
  table: string;
  /**
   * One statement: the public rows whose key is in `range`, in key order, at most `limit`, with the
   * columns `key` (text), `path` ("/agenda/evenements/…") and `lastmod` (the content's `updated_at`).
   * It must read an index in key order (tests/api/partage.test.ts checks the plan).
   */
  rows(range: KeyRange, limit: number): Sql;
}

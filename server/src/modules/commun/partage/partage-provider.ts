/**
 * What a section declares so its public pages are found and shared (docs/sections.md, "sharing"):
 * the card image of a shared link, and its part of the sitemap. The commun serves both
 * (`partage.routes.ts`); it never reads a section's tables itself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sql } from '../../../db/sql.js';

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

export interface SitemapProvider {
  /** The word in `/sitemaps/<part>-<n>.xml`: "lieux", "evenements"… */
  part: string;
  /**
   * One statement: the public rows whose key comes after `after` (all when null), in key order, at most
   * `limit`, with the columns `key` (text), `path` ("/agenda/evenements/…") and `lastmod` (the content's
   * `updated_at`). It must read an index in key order (tests/api/partage.test.ts checks the plan).
   */
  rows(after: string | null, limit: number): Sql;
  /** One statement: the key `skip` public rows after `after` (0: the first one), column `key`; none at the end. */
  keyAt(after: string | null, skip: number): Sql;
}

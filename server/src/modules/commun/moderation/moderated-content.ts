import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Sql } from '../../../db/sql.js';
import type { Text } from '../../../i18n/lang.js';

/**
 * A kind of content members can report and moderators can hide, declared in the section's
 * `<module>.section.ts` (one entry per kind). Its table needs a nullable
 * `hidden_at timestamptz` and `hidden_reason text` (or the columns named below); the section's
 * public lists, search and counts leave out rows whose `hidden_at` is set.
 * Every name here comes from code, never from a request.
 */
export interface ModeratedContentType {
  /** Name used in the API and in reports: "profile", "entraide.question", "entraide.answer"… */
  type: string;
  /** How a person calls one: "une question", "la présentation d'un profil". */
  label: Text;
  table: string;
  /** Column holding the author's user id. */
  authorColumn: string;
  /** SQL expression over the row: a short text moderators read in the queue. */
  excerptSql: string;
  /** SQL expression over the row: the content's address in the web app. */
  linkSql: string;
  idColumn?: string;
  hiddenAtColumn?: string;
  hiddenReasonColumn?: string;
  /**
   * Who may report one, when not every member may (a private message: only the people of its
   * conversation). Absent: any member. A refused reporter is told the content does not exist.
   */
  canReport?: (em: EntityManager, reporterId: string, contentId: string) => Promise<boolean>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Checks the identifiers of an entry once, so the SQL built from it stays what the code says. */
export function checkContentType(entry: ModeratedContentType): ModeratedContentType {
  for (const name of [
    entry.table,
    entry.authorColumn,
    entry.idColumn ?? 'id',
    entry.hiddenAtColumn ?? 'hidden_at',
    entry.hiddenReasonColumn ?? 'hidden_reason',
  ]) {
    if (!IDENTIFIER.test(name)) throw new Error(`moderated content "${entry.type}": "${name}" is not a plain SQL identifier`);
  }
  return entry;
}

/** The entry's columns, as SQL text (identifiers checked by `checkContentType`). */
export function columnsOf(entry: ModeratedContentType) {
  return {
    table: sql.raw(entry.table),
    id: sql.raw(entry.idColumn ?? 'id'),
    author: sql.raw(entry.authorColumn),
    hiddenAt: sql.raw(entry.hiddenAtColumn ?? 'hidden_at'),
    hiddenReason: sql.raw(entry.hiddenReasonColumn ?? 'hidden_reason'),
  };
}

/** A select of one content type as (content_type, content_id, author_id, excerpt, link, hidden_at, hidden_reason). */
export function contentSelect(entry: ModeratedContentType): Sql {
  const columns = columnsOf(entry);
  return sql`select ${entry.type}::text as content_type, t.${columns.id} as content_id, t.${columns.author} as author_id,
      (${sql.raw(entry.excerptSql)})::text as excerpt, (${sql.raw(entry.linkSql)})::text as link,
      t.${columns.hiddenAt} as hidden_at, t.${columns.hiddenReason} as hidden_reason
    from ${columns.table} t`;
}

/**
 * Read models of comments, invitations and the member picker (docs/read-models.md): one statement each,
 * batched per request by `entraide-social.loaders.ts`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, type Sql } from '../../db/sql.js';
import {
  COUNT_CAP,
  keysetConnection,
  keysetPage,
  keysetWindow,
  mapNodes,
  type Connection,
  type SortKey,
} from '../../graphql/connection.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { hasProfile } from '../comptes/comptes.read.js';
import type { Metier } from '../comptes/user.entity.js';
import { sqlDate, type Viewer } from './entraide.read.js';
import { InvitationStatus, type CommentView, type InvitationView } from './entraide-social.types.js';
import type { MemberCard } from './entraide.types.js';

/** Comments shown at first under a question or an answer; "voir les autres" pages the rest. */
export const COMMENTS_SHOWN = 3;

interface CommentRow {
  id: string;
  question_id: string;
  answer_id: string | null;
  body: string;
  created_at: string | Date;
  edited_at: string | Date | null;
  hidden_at: string | Date | null;
  hidden_reason: string | null;
  author_id: string;
  author_display_name: string;
  author_metier: Metier | null;
  author_commune: string | null;
  author_departement: string | null;
  author_has_profile: boolean;
  total_count: number;
}

const COMMENT_COLUMNS = sql`c.id, c.question_id, c.answer_id, c.body, c.created_at, c.edited_at, c.hidden_at, c.hidden_reason, c.author_id,
  u.display_name as author_display_name, u.metier as author_metier, u.commune as author_commune, u.departement as author_departement,
  ${hasProfile('u')} as author_has_profile`;

/** Hidden comments only for their author and moderators. */
function visibleComment(viewer: Viewer | null, alias = 'c'): Sql {
  const c = sql.raw(alias);
  if (viewer?.moderator) return sql`true`;
  if (viewer) return sql`(${c}.hidden_at is null or ${c}.author_id = ${viewer.id})`;
  return sql`${c}.hidden_at is null`;
}

function toComment(row: CommentRow): CommentView {
  return {
    id: row.id,
    questionId: row.question_id,
    answerId: row.answer_id ?? null,
    body: row.body,
    createdAt: sqlDate(row.created_at),
    editedAt: sqlDate(row.edited_at),
    hiddenAt: sqlDate(row.hidden_at),
    hiddenReason: row.hidden_reason ?? null,
    authorId: row.author_id,
    author: {
      id: row.author_id,
      displayName: row.author_display_name,
      hasProfile: row.author_has_profile,
      metier: row.author_metier ?? null,
      commune: row.author_commune ?? null,
      departement: row.author_departement ?? null,
    },
  };
}

/** A comment target: the question itself (`q:<id>`) or one of its answers (`a:<id>`). */
export type CommentTarget = `q:${string}` | `a:${string}`;

const COMMENT_ORDER: SortKey[] = [
  { expression: sql`n.created_at`, direction: 'asc' },
  { expression: sql`n.id`, direction: 'asc' },
];

/**
 * The first COMMENTS_SHOWN comments of many questions and answers, in one statement (oldest first),
 * each with its bounded total and a cursor that `commentPage` continues from.
 */
export async function firstComments(
  em: EntityManager,
  targets: readonly CommentTarget[],
  viewer: Viewer | null,
): Promise<Map<CommentTarget, Connection<CommentView>>> {
  const questionIds = targets.filter((t) => t.startsWith('q:')).map((t) => t.slice(2));
  const answerIds = targets.filter((t) => t.startsWith('a:')).map((t) => t.slice(2));
  const window = { limit: COMMENTS_SHOWN, after: null };
  const rows = await query<CommentRow & { rank: number }>(
    em,
    sql`select x.* from (
          select ${COMMENT_COLUMNS}, c.created_at::text as keyset_0, c.id::text as keyset_1,
                 row_number() over (partition by c.question_id, c.answer_id order by c.created_at, c.id) as rank,
                 (select count(*)::int from (select 1 from question_comment o
                    where o.question_id = c.question_id and o.answer_id is not distinct from c.answer_id and ${visibleComment(viewer, 'o')}
                    limit ${COUNT_CAP + 1}) counted) as total_count
            from question_comment c join member_card u on u.id = c.author_id
           where ((c.answer_id is null and c.question_id = any(${pgTextArray(questionIds)}::uuid[]))
                  or c.answer_id = any(${pgTextArray(answerIds)}::uuid[]))
             and ${visibleComment(viewer)}
        ) x where x.rank <= ${COMMENTS_SHOWN + 1}
        order by x.created_at, x.id`,
  );
  const byTarget = new Map<CommentTarget, typeof rows>(targets.map((t) => [t, []]));
  for (const row of rows) byTarget.get(row.answer_id ? `a:${row.answer_id}` : `q:${row.question_id}`)?.push(row);
  return new Map(
    [...byTarget].map(([target, list]) => [target, mapNodes(keysetConnection(list, window, list[0]?.total_count ?? 0), toComment)]),
  );
}

/** The comments of one question or answer after a cursor ("voir les autres"), one keyset statement. */
export async function commentPage(
  em: EntityManager,
  target: { questionId: string; answerId: string | null },
  viewer: Viewer | null,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<CommentView>> {
  const window = keysetWindow(args, COMMENT_ORDER);
  const on = target.answerId ? sql`c.answer_id = ${target.answerId}` : sql`c.answer_id is null and c.question_id = ${target.questionId}`;
  const page = await keysetPage<CommentRow>(
    em,
    sql`select ${COMMENT_COLUMNS} from question_comment c join member_card u on u.id = c.author_id where ${on} and ${visibleComment(viewer)}`,
    COMMENT_ORDER,
    window,
  );
  return mapNodes(page, toComment);
}

export async function readComment(em: EntityManager, id: string, viewer: Viewer | null): Promise<CommentView | null> {
  const [row] = await query<CommentRow>(
    em,
    sql`select ${COMMENT_COLUMNS}, 0 as total_count from question_comment c join member_card u on u.id = c.author_id
         where c.id = ${id} and ${visibleComment(viewer)}`,
  );
  return row ? toComment(row) : null;
}

interface InvitationRow {
  question_id: string;
  created_at: string | Date;
  declined_at: string | Date | null;
  answered: boolean;
  id: string;
  display_name: string;
  has_profile: boolean;
  metier: Metier | null;
  commune: string | null;
  departement: string | null;
}

/** The invitations of several questions, oldest first, with whether each invitee answered since. One statement. */
export async function invitationsOf(em: EntityManager, questionIds: readonly string[]): Promise<Map<string, InvitationView[]>> {
  const byQuestion = new Map<string, InvitationView[]>(questionIds.map((id) => [id, []]));
  if (questionIds.length === 0) return byQuestion;
  const rows = await query<InvitationRow>(
    em,
    sql`select i.question_id, i.created_at, i.declined_at, u.id, u.display_name, ${hasProfile('u')} as has_profile, u.metier, u.commune, u.departement,
               exists (select 1 from answer a where a.question_id = i.question_id and a.author_id = i.invitee_id
                        and a.created_at >= i.created_at and a.hidden_at is null) as answered
          from question_invitation i join member_card u on u.id = i.invitee_id
         where i.question_id = any(${pgTextArray(questionIds)}::uuid[])
         order by i.created_at, i.id`,
  );
  for (const row of rows) {
    byQuestion.get(row.question_id)?.push({
      questionId: row.question_id,
      invitedAt: sqlDate(row.created_at),
      status: row.answered ? InvitationStatus.ANSWERED : row.declined_at ? InvitationStatus.DECLINED : InvitationStatus.INVITED,
      member: {
        id: row.id,
        displayName: row.display_name,
        hasProfile: row.has_profile,
        metier: row.metier ?? null,
        commune: row.commune ?? null,
        departement: row.departement ?? null,
      },
    });
  }
  return byQuestion;
}

/** How many suggestions the picker shows. */
export const SUGGESTIONS_MAX = 8;

/**
 * Active members whose name contains what was typed (accents and case ignored), names that start with it
 * first. The trigram index `app_user_display_name_trgm_index` serves the `like`, through member_card.
 */
export async function memberSuggestions(em: EntityManager, typed: string, viewerId: string): Promise<MemberCard[]> {
  const words = typed
    .trim()
    .replace(/^@/, '')
    .replace(/[%_\\]/g, '')
    .replace(/\s+/g, ' ');
  if (words.length < 2) return [];
  const rows = await query<{ id: string; display_name: string; metier: Metier | null; commune: string | null; departement: string | null }>(
    em,
    sql`select u.id, u.display_name, u.metier, u.commune, u.departement
          from member_card u
         where u.status = 'active' and u.id <> ${viewerId}
           and immutable_unaccent(lower(u.display_name)) like '%' || immutable_unaccent(lower(${words})) || '%'
         order by (immutable_unaccent(lower(u.display_name)) like immutable_unaccent(lower(${words})) || '%') desc, u.display_name, u.id
         limit ${SUGGESTIONS_MAX}`,
  );
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    hasProfile: true, // active members only
    metier: row.metier ?? null,
    commune: row.commune ?? null,
    departement: row.departement ?? null,
  }));
}

/**
 * Read models of Entraide: each list is ONE SQL statement returning plain rows shaped like the GraphQL
 * types (DESIGN.md "Facts checked": hydrating entities costs more than the database).
 * Statements use `?` placeholders (Knex); `toPgPlaceholders()` gives the same text for plain `pg`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../../shared/pg-array.js';
import type { Metier } from '../comptes/user.entity.js';
import type { Tag } from '../mots-cles/tag.entity.js';
import { QuestionSort, VoteValue, type AnswerView, type Expertise, type MemberCard, type QuestionView } from './entraide.types.js';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** `?` → `$1, $2…` for node-postgres (the benchmark's floor runs the very same statement). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export interface Viewer {
  id: string;
  moderator: boolean;
}

export interface QuestionFilters {
  search?: string | null;
  tag?: string | null;
  unanswered?: boolean | null;
  accepted?: boolean | null;
  departement?: string | null;
  authorId?: string | null;
  sort?: QuestionSort | null;
}

const SEARCH_QUERY = `websearch_to_tsquery('fr_unaccent', ?)`;

/** The columns of a question row; `?` for the viewer id twice (or none for a visitor). */
function questionColumns(viewer: Viewer | null): Statement {
  const mine = viewer
    ? {
        sql: `(select v.value from question_vote v where v.question_id = q.id and v.voter_id = ?) as my_vote,
      exists (select 1 from question_follow f where f.question_id = q.id and f.user_id = ?) as followed_by_me`,
        params: [viewer.id, viewer.id],
      }
    : { sql: `null::smallint as my_vote, false as followed_by_me`, params: [] };
  return {
    sql: `q.id, q.title, q.body, q.departement, q.commune, q.score, q.up_votes, q.down_votes, q.answer_count,
      q.accepted_answer_id, q.accepted_at, q.closed_at, q.created_at, q.edited_at, q.last_activity_at, q.hidden_at, q.hidden_reason,
      q.author_id, u.display_name as author_display_name, u.metier as author_metier, u.commune as author_commune, u.departement as author_departement,
      q.duplicate_of_id, d.title as duplicate_of_title,
      (select coalesce(json_agg(json_build_object('slug', t.slug, 'label', t.label, 'createdAt', t.created_at) order by array_position(q.tags, t.slug)), '[]')
         from tag t where t.slug = any(q.tags)) as tag_list,
      ${mine.sql}`,
    params: mine.params,
  };
}

const QUESTION_JOINS = `join app_user u on u.id = q.author_id left join question d on d.id = q.duplicate_of_id`;

/** The WHERE of a public list: never hidden questions. */
function listConditions(filters: QuestionFilters): Statement {
  const conditions = ['q.hidden_at is null'];
  const params: unknown[] = [];
  if (filters.search) {
    conditions.push(`q.search_vector @@ ${SEARCH_QUERY}`);
    params.push(filters.search);
  }
  if (filters.tag) {
    conditions.push(`q.tags @> ?::text[]`);
    params.push(pgTextArray([filters.tag]));
  }
  if (filters.unanswered) conditions.push('q.answer_count = 0');
  if (filters.accepted === true) conditions.push('q.accepted_answer_id is not null');
  if (filters.accepted === false) conditions.push('q.accepted_answer_id is null');
  if (filters.departement) {
    conditions.push('q.departement = ?');
    params.push(filters.departement);
  }
  if (filters.authorId) {
    conditions.push('q.author_id = ?');
    params.push(filters.authorId);
  }
  return { sql: conditions.join(' and '), params };
}

interface SortKey {
  expr: string;
  desc: boolean;
}

/** The sort as keys, so the page can be chosen on narrow rows and the columns fetched for those rows only. */
function sortKeys(filters: QuestionFilters): { keys: SortKey[]; params: unknown[] } {
  const sort = filters.sort ?? (filters.search ? QuestionSort.RELEVANCE : QuestionSort.RECENT);
  const recent = [{ expr: 'q.created_at', desc: true }, { expr: 'q.id', desc: false }];
  switch (sort) {
    case QuestionSort.RELEVANCE:
      return filters.search
        ? { keys: [{ expr: `ts_rank_cd(q.search_vector, ${SEARCH_QUERY}, 1)`, desc: true }, { expr: 'q.score', desc: true }, ...recent], params: [filters.search] }
        : { keys: recent, params: [] };
    case QuestionSort.ACTIVE:
      return { keys: [{ expr: 'q.last_activity_at', desc: true }, { expr: 'q.id', desc: false }], params: [] };
    case QuestionSort.VOTES:
      return { keys: [{ expr: 'q.score', desc: true }, ...recent], params: [] };
    case QuestionSort.RECENT:
    default:
      return { keys: recent, params: [] };
  }
}

/**
 * A page of questions and the total, in one statement. The page is chosen on narrow rows (id and sort keys),
 * then only its rows are joined to their author, duplicate target and tags. The total is an uncorrelated
 * scalar subquery, computed once.
 */
export function questionListStatement(filters: QuestionFilters, viewer: Viewer | null, limit: number, offset: number): Statement {
  const where = listConditions(filters);
  const columns = questionColumns(viewer);
  const { keys, params: keyParams } = sortKeys(filters);
  const keyColumns = keys.map((key, i) => `${key.expr} as k${i}`).join(', ');
  const innerOrder = keys.map((key, i) => `k${i}${key.desc ? ' desc' : ''}`).join(', ');
  const outerOrder = keys.map((key, i) => `page.k${i}${key.desc ? ' desc' : ''}`).join(', ');
  return {
    sql: `with page as (
  select q.id, ${keyColumns} from question q where ${where.sql} order by ${innerOrder} limit ? offset ?
)
select (select count(*)::int from question q where ${where.sql}) as total_count, ${columns.sql}
from page join question q on q.id = page.id ${QUESTION_JOINS}
order by ${outerOrder}`,
    params: [...keyParams, ...where.params, limit, offset, ...where.params, ...columns.params],
  };
}

/** Only when a page past the end comes back empty: how many there are. */
function countStatement(filters: QuestionFilters): Statement {
  const where = listConditions(filters);
  return { sql: `select count(*)::int as total_count from question q where ${where.sql}`, params: where.params };
}

/** A SQL row → the GraphQL `Question`. */
export function toQuestionView(row: Record<string, any>): QuestionView {
  const author: MemberCard = {
    id: row.author_id,
    displayName: row.author_display_name,
    metier: (row.author_metier as Metier | null) ?? null,
    commune: row.author_commune ?? null,
    departement: row.author_departement ?? null,
  };
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: (row.tag_list as Array<{ slug: string; label: string; createdAt: string }>).map((tag) => ({ slug: tag.slug, label: tag.label, createdAt: new Date(tag.createdAt) }) as Tag),
    departement: row.departement ?? null,
    commune: row.commune ?? null,
    author,
    authorId: row.author_id,
    score: row.score,
    upVotes: row.up_votes,
    downVotes: row.down_votes,
    answerCount: row.answer_count,
    acceptedAnswerId: row.accepted_answer_id ?? null,
    acceptedAt: sqlDate(row.accepted_at),
    duplicateOf: row.duplicate_of_id ? { id: row.duplicate_of_id, title: row.duplicate_of_title } : null,
    closedAt: sqlDate(row.closed_at),
    createdAt: sqlDate(row.created_at),
    editedAt: sqlDate(row.edited_at),
    lastActivityAt: sqlDate(row.last_activity_at),
    hiddenAt: sqlDate(row.hidden_at),
    hiddenReason: row.hidden_reason ?? null,
    myVote: voteValue(row.my_vote),
    followedByMe: !!row.followed_by_me,
  };
}

/**
 * A timestamptz of a raw row. MikroORM's pg driver keeps them as text ("2026-03-02 13:30:00.5+00");
 * plain node-postgres gives Dates.
 */
export function sqlDate(value: string | Date): Date;
export function sqlDate(value: string | Date | null | undefined): Date | null;
export function sqlDate(value: string | Date | null | undefined): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

export function voteValue(value: number | null | undefined): VoteValue {
  return value === 1 ? VoteValue.UP : value === -1 ? VoteValue.DOWN : VoteValue.NONE;
}

export async function listQuestions(em: EntityManager, filters: QuestionFilters, viewer: Viewer | null, limit: number, offset: number) {
  const statement = questionListStatement(filters, viewer, limit, offset);
  const rows = await em.getConnection().execute<Record<string, any>[]>(statement.sql, statement.params);
  let totalCount: number = rows[0]?.total_count ?? 0;
  if (rows.length === 0 && offset > 0) {
    const count = countStatement(filters);
    totalCount = (await em.getConnection().execute<{ total_count: number }[]>(count.sql, count.params))[0].total_count;
  }
  return { nodes: rows.map(toQuestionView), totalCount };
}

/**
 * One question by id. Hidden ones only for their author and moderators (who see the notice);
 * for everyone else they do not exist.
 */
export async function readQuestion(em: EntityManager, id: string, viewer: Viewer | null): Promise<QuestionView | null> {
  if (!isUuid(id)) return null;
  const columns = questionColumns(viewer);
  const rows = await em.getConnection().execute<Record<string, any>[]>(
    `select ${columns.sql} from question q ${QUESTION_JOINS} where q.id = ?`,
    [...columns.params, id],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.hidden_at && !(viewer && (viewer.moderator || viewer.id === row.author_id))) return null;
  return toQuestionView(row);
}

/**
 * Existing questions close to a title being typed: any of its words (stemmed, accents ignored),
 * or a title that contains it approximately (trigrams). Open questions and answered ones alike.
 */
export async function similarQuestions(em: EntityManager, title: string, limit: number): Promise<QuestionView[]> {
  const text = title.trim();
  if (text.length < 4) return [];
  const columns = questionColumns(null);
  const anyWord = `(select to_tsquery('fr_unaccent', coalesce(string_agg(quote_literal(word), ' | '), ''))
                      from unnest(tsvector_to_array(to_tsvector('fr_unaccent', ?))) as word)`;
  const rows = await em.getConnection().execute<Record<string, any>[]>(
    `with wanted as (select ${anyWord} as query, immutable_unaccent(lower(?)) as typed)
     select ${columns.sql}
     from wanted, question q ${QUESTION_JOINS}
     where q.hidden_at is null and q.duplicate_of_id is null
       and (q.search_vector @@ wanted.query or wanted.typed <% immutable_unaccent(lower(q.title)))
     order by ts_rank_cd(q.search_vector, wanted.query, 1) + word_similarity(wanted.typed, immutable_unaccent(lower(q.title))) desc,
              q.answer_count desc, q.id
     limit ?`,
    [text, text, limit],
  );
  return rows.map(toQuestionView);
}

/** The answers of several questions, for one viewer: accepted first, then by score, then oldest first. */
export async function answersOf(em: EntityManager, questionIds: readonly string[], viewer: Viewer | null): Promise<AnswerView[]> {
  if (questionIds.length === 0) return [];
  const visible = viewer?.moderator ? 'true' : viewer ? '(a.hidden_at is null or a.author_id = ?)' : 'a.hidden_at is null';
  const mine = viewer ? '(select v.value from answer_vote v where v.answer_id = a.id and v.voter_id = ?)' : 'null::smallint';
  const params: unknown[] = [];
  if (viewer) params.push(viewer.id);
  params.push(pgTextArray(questionIds));
  if (viewer && !viewer.moderator) params.push(viewer.id);
  const rows = await em.getConnection().execute<Record<string, any>[]>(
    `select a.id, a.question_id, a.body, a.score, a.up_votes, a.down_votes, a.created_at, a.edited_at, a.hidden_at, a.hidden_reason,
            a.author_id, u.display_name as author_display_name, u.metier as author_metier, u.commune as author_commune, u.departement as author_departement,
            (q.accepted_answer_id = a.id) as is_accepted, ${mine} as my_vote
     from answer a join question q on q.id = a.question_id join app_user u on u.id = a.author_id
     where a.question_id = any(?::uuid[]) and ${visible}
     order by (q.accepted_answer_id = a.id) is true desc, a.score desc, a.created_at, a.id`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    questionId: row.question_id,
    body: row.body,
    score: row.score,
    upVotes: row.up_votes,
    downVotes: row.down_votes,
    isAccepted: !!row.is_accepted,
    createdAt: sqlDate(row.created_at),
    editedAt: sqlDate(row.edited_at),
    hiddenAt: sqlDate(row.hidden_at),
    hiddenReason: row.hidden_reason ?? null,
    myVote: voteValue(row.my_vote),
    authorId: row.author_id,
    author: {
      id: row.author_id,
      displayName: row.author_display_name,
      metier: row.author_metier ?? null,
      commune: row.author_commune ?? null,
      departement: row.author_departement ?? null,
    },
  }));
}

export async function readAnswer(em: EntityManager, answerId: string, viewer: Viewer | null): Promise<AnswerView | null> {
  const rows = await em.getConnection().execute<{ question_id: string }[]>(`select question_id from answer where id = ?`, [answerId]);
  if (!rows[0]) return null;
  return (await answersOf(em, [rows[0].question_id], viewer)).find((answer) => answer.id === answerId) ?? null;
}

/**
 * The evidence of expertise, per member and tag: visible answers on visible questions carrying the tag,
 * those accepted, and the up votes they received. Score = 5 × accepted + up votes.
 * Used by "Qui sait ?" and by every profile, so both always agree.
 */
const EVIDENCE = `select a.author_id as user_id, tag.slug as tag,
         count(*)::int as answers,
         count(*) filter (where q.accepted_answer_id = a.id)::int as accepted_answers,
         coalesce(sum(a.up_votes), 0)::int as up_votes
  from answer a
  join question q on q.id = a.question_id and q.hidden_at is null
  cross join lateral unnest(q.tags) as tag(slug)
  where a.hidden_at is null`;
const SCORE = `(5 * e.accepted_answers + e.up_votes)`;

function toExpertise(row: Record<string, any>): Expertise {
  return {
    tag: { slug: row.tag, label: row.tag_label, createdAt: sqlDate(row.tag_created_at) } as Tag,
    score: row.score,
    acceptedAnswers: row.accepted_answers,
    upVotes: row.up_votes,
    answers: row.answers,
  };
}

export interface ExpertRow {
  member: MemberCard;
  expertise: Expertise;
}

/** Members ranked for one tag, optionally only in some départements. One statement. */
export async function rankExperts(
  em: EntityManager,
  tag: string,
  departements: string[] | null,
  limit: number,
  offset: number,
): Promise<{ rows: ExpertRow[]; totalCount: number }> {
  const params: unknown[] = [pgTextArray([tag]), tag];
  let territory = '';
  if (departements) {
    territory = 'and u.departement = any(?::text[])';
    params.push(pgTextArray(departements));
  }
  params.push(limit, offset);
  const rows = await em.getConnection().execute<Record<string, any>[]>(
    `with e as (${EVIDENCE} and q.tags @> ?::text[] and tag.slug = ? group by a.author_id, tag.slug)
     select e.*, ${SCORE} as score, t.label as tag_label, t.created_at as tag_created_at,
            u.display_name, u.metier, u.commune, u.departement, count(*) over () as total_count
     from e join app_user u on u.id = e.user_id and u.status = 'active' join tag t on t.slug = e.tag
     where (e.accepted_answers > 0 or e.up_votes > 0) ${territory}
     order by score desc, e.accepted_answers desc, e.up_votes desc, u.display_name, u.id
     limit ? offset ?`,
    params,
  );
  return {
    totalCount: Number(rows[0]?.total_count ?? 0),
    rows: rows.map((row) => ({
      member: { id: row.user_id, displayName: row.display_name, metier: row.metier ?? null, commune: row.commune ?? null, departement: row.departement ?? null },
      expertise: toExpertise(row),
    })),
  };
}

/** The expertise of several members at once (profiles, people lists): one statement for all of them. */
export async function expertiseOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, Expertise[]>> {
  const byUser = new Map<string, Expertise[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await em.getConnection().execute<Record<string, any>[]>(
    `with e as (${EVIDENCE} and a.author_id = any(?::uuid[]) group by a.author_id, tag.slug)
     select e.*, ${SCORE} as score, t.label as tag_label, t.created_at as tag_created_at
     from e join tag t on t.slug = e.tag
     where e.accepted_answers > 0 or e.up_votes > 0
     order by score desc, e.accepted_answers desc, t.label`,
    [pgTextArray(userIds)],
  );
  for (const row of rows) byUser.get(row.user_id)?.push(toExpertise(row));
  return byUser;
}

export interface TagStats {
  questionCount: number;
  followerCount: number;
  followedByMe: boolean;
}

/** Questions and followers of several tags, in one statement. */
export async function tagStats(em: EntityManager, slugs: readonly string[], viewerId: string | null): Promise<Map<string, TagStats>> {
  const rows = await em.getConnection().execute<Record<string, any>[]>(
    `select t.slug,
            (select count(*)::int from question q where q.tags @> array[t.slug]::text[] and q.hidden_at is null) as question_count,
            (select count(*)::int from tag_follow f where f.tag_slug = t.slug) as follower_count,
            exists (select 1 from tag_follow f where f.tag_slug = t.slug and f.user_id = ?) as followed_by_me
     from tag t where t.slug = any(?::text[])`,
    [viewerId, pgTextArray(slugs)],
  );
  return new Map(rows.map((row) => [row.slug, { questionCount: row.question_count, followerCount: row.follower_count, followedByMe: row.followed_by_me }]));
}

/** Tags by how much they are used in questions; `search` matches the start of a word, accents ignored. */
export async function listTags(em: EntityManager, search: string | null | undefined, limit: number, offset: number) {
  const params: unknown[] = [];
  let where = '';
  if (search?.trim()) {
    where = `where t.slug like ? or immutable_unaccent(lower(t.label)) like ?`;
    const start = search.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[%_\\]/g, '');
    params.push(`${start.replace(/[^a-z0-9]+/g, '-')}%`, `%${start}%`);
  }
  params.push(limit, offset);
  const rows = await em.getConnection().execute<Record<string, any>[]>(
    `select t.slug, t.label, t.created_at, count(q.id)::int as uses, count(*) over () as total_count
     from tag t left join question q on q.tags @> array[t.slug]::text[] and q.hidden_at is null
     ${where}
     group by t.slug
     order by uses desc, t.label, t.slug
     limit ? offset ?`,
    params,
  );
  return {
    totalCount: Number(rows[0]?.total_count ?? 0),
    nodes: rows.map((row) => ({ slug: row.slug, label: row.label, createdAt: sqlDate(row.created_at) }) as Tag),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

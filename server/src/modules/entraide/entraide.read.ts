/**
 * Read models of Entraide: each list is ONE SQL statement returning plain rows shaped like the GraphQL
 * types (hydrating entities would cost more than the database itself).
 * Statements are built with the `sql` tag; `statement.toPg()` gives the same text for plain `pg` (the benchmark).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql, whereAll, type Sql } from '../../db/sql.js';
import {
  afterCursor,
  boundedCount,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type KeysetWindow,
  keysetPage,
  mapNodes,
  type SortKey,
} from '../../graphql/connection.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { hasProfile } from '../comptes/comptes.read.js';
import type { Metier } from '../comptes/user.entity.js';
import type { Tag } from '../mots-cles/tag.entity.js';
import { QuestionSort, VoteValue, type AnswerView, type Expertise, type MemberCard, type QuestionView } from './entraide.types.js';

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

/** A timestamptz as it comes back: text through MikroORM's driver, a Date through plain node-postgres. */
type SqlTimestamp = string | Date;

/** The author columns every question and answer row carries. */
interface AuthorColumns {
  author_id: string;
  author_display_name: string;
  author_metier: Metier | null;
  author_commune: string | null;
  author_departement: string | null;
  author_has_profile: boolean;
}

/** One row of `questionColumns()`. */
export interface QuestionRow extends AuthorColumns {
  id: string;
  title: string;
  body: string;
  departement: string | null;
  commune: string | null;
  score: number;
  up_votes: number;
  down_votes: number;
  answer_count: number;
  accepted_answer_id: string | null;
  accepted_at: SqlTimestamp | null;
  closed_at: SqlTimestamp | null;
  created_at: SqlTimestamp;
  edited_at: SqlTimestamp | null;
  last_activity_at: SqlTimestamp;
  hidden_at: SqlTimestamp | null;
  hidden_reason: string | null;
  duplicate_of_id: string | null;
  duplicate_of_title: string | null;
  tag_list: Array<{ slug: string; label: string; createdAt: string }>;
  my_vote: number | null;
  followed_by_me: boolean;
}

const searchQuery = (search: string) => sql`websearch_to_tsquery('fr_unaccent', ${search})`;

/** The columns of a question row; the viewer's vote and follow (none for a visitor). */
function questionColumns(viewer: Viewer | null): Sql {
  const mine = viewer
    ? sql`(select v.value from question_vote v where v.question_id = q.id and v.voter_id = ${viewer.id}) as my_vote,
      exists (select 1 from question_follow f where f.question_id = q.id and f.user_id = ${viewer.id}) as followed_by_me`
    : sql`null::smallint as my_vote, false as followed_by_me`;
  return sql`q.id, q.title, q.body, q.departement, q.commune, q.score, q.up_votes, q.down_votes, q.answer_count,
      q.accepted_answer_id, q.accepted_at, q.closed_at, q.created_at, q.edited_at, q.last_activity_at, q.hidden_at, q.hidden_reason,
      q.author_id, u.display_name as author_display_name, u.metier as author_metier, u.commune as author_commune, u.departement as author_departement,
      ${hasProfile('u')} as author_has_profile,
      q.duplicate_of_id, d.title as duplicate_of_title,
      (select coalesce(json_agg(json_build_object('slug', t.slug, 'label', t.label, 'createdAt', t.created_at) order by array_position(q.tags, t.slug)), '[]')
         from tag_card t where t.slug = any(q.tags)) as tag_list,
      ${mine}`;
}

const QUESTION_JOINS = sql`join member_card u on u.id = q.author_id left join question d on d.id = q.duplicate_of_id`;

/** The conditions of a public list (joined by `and`): never hidden questions. */
function listConditions(filters: QuestionFilters): Sql {
  const conditions = [sql`q.hidden_at is null`];
  if (filters.search) conditions.push(sql`q.search_vector @@ ${searchQuery(filters.search)}`);
  if (filters.tag) conditions.push(sql`q.tags @> ${pgTextArray([filters.tag])}::text[]`);
  if (filters.unanswered) conditions.push(sql`q.answer_count = 0`);
  if (filters.accepted === true) conditions.push(sql`q.accepted_answer_id is not null`);
  if (filters.accepted === false) conditions.push(sql`q.accepted_answer_id is null`);
  if (filters.departement) conditions.push(sql`q.departement = ${filters.departement}`);
  if (filters.authorId) conditions.push(sql`q.author_id = ${filters.authorId}`);
  return sql.join(conditions, sql` and `);
}

/**
 * The sort of a question list: the key columns the narrow inner select computes (besides `q.id`), and
 * the keys over them (alias `p`), always ending with the id. Computed keys (the relevance rank) are
 * columns of the inner select, so every page compares exactly what it orders by.
 */
interface QuestionOrder {
  /** `ranked`: the relevance rank, computed for the newest RANKED_CANDIDATES matches only. */
  columns: { sql: Sql; ranked?: boolean };
  keys: SortKey[];
}

/** How many of the newest matches a search ranks by relevance (docs/read-models.md, "Bounded work"). */
export const RANKED_CANDIDATES = 1000;

const BY_ID: SortKey = { expression: sql`p.id`, direction: 'asc' };
const NEWEST: SortKey = { expression: sql`p.created_at`, direction: 'desc' };

function questionOrder(filters: QuestionFilters): QuestionOrder {
  const sort = filters.sort ?? (filters.search ? QuestionSort.RELEVANCE : QuestionSort.RECENT);
  switch (sort) {
    case QuestionSort.RELEVANCE:
      if (filters.search) {
        return {
          columns: {
            sql: sql`ts_rank_cd(q.search_vector, ${searchQuery(filters.search)}, 1) as rank, q.score, q.created_at`,
            ranked: true,
          },
          keys: [{ expression: sql`p.rank`, direction: 'desc' }, { expression: sql`p.score`, direction: 'desc' }, NEWEST, BY_ID],
        };
      }
      return { columns: { sql: sql`q.created_at` }, keys: [NEWEST, BY_ID] };
    case QuestionSort.ACTIVE:
      return { columns: { sql: sql`q.last_activity_at` }, keys: [{ expression: sql`p.last_activity_at`, direction: 'desc' }, BY_ID] };
    case QuestionSort.VOTES:
      return { columns: { sql: sql`q.score, q.created_at` }, keys: [{ expression: sql`p.score`, direction: 'desc' }, NEWEST, BY_ID] };
    case QuestionSort.RECENT:
    default:
      return { columns: { sql: sql`q.created_at` }, keys: [NEWEST, BY_ID] };
  }
}

/** `first` checked and `after` decoded for this sort (a cursor of another sort is refused). */
export function questionWindow(args: { first?: number | null; after?: string | null }, filters: QuestionFilters): KeysetWindow {
  return keysetWindow(args, questionOrder(filters).keys);
}

/**
 * A page of questions (keyset, docs/read-models.md) and the total, in one statement. The page is chosen
 * on narrow rows (id and sort keys) strictly after the cursor, one more than shown (= a next page exists),
 * then only its rows are joined to their author, duplicate target and tags. The total is an uncorrelated
 * scalar subquery over the whole filtered list, computed once.
 */
export function questionListStatement(filters: QuestionFilters, viewer: Viewer | null, window: KeysetWindow): Sql {
  const where = listConditions(filters);
  const { columns, keys } = questionOrder(filters);
  // Ranking reads every match's text: only the newest matches are ranked, so a common word costs
  // the same on a million questions as on ten thousand.
  const candidates = columns.ranked
    ? sql`(select q.id, q.search_vector, q.score, q.created_at from question q where ${where} order by q.created_at desc, q.id limit ${RANKED_CANDIDATES}) q`
    : sql`question q where ${where}`;
  return sql`with page as (
  select p.* from (select q.id, ${columns.sql} from ${candidates}) p
  ${whereAll([afterCursor(keys, window)])}
  ${keysetOrder(keys)}
  limit ${window.limit + 1}
)
select ${boundedCount(sql`select 1 from question q where ${where}`)} as total_count, ${keysetColumns(keys)}, ${questionColumns(viewer)}
from page p join question q on q.id = p.id ${QUESTION_JOINS}
${keysetOrder(keys)}`;
}

/** Only when a page past the end comes back empty: how many there are. */
function countStatement(filters: QuestionFilters): Sql {
  return sql`select ${boundedCount(sql`select 1 from question q where ${listConditions(filters)}`)} as total_count`;
}

/** A SQL row → the GraphQL `Question`. */
export function toQuestionView(row: QuestionRow): QuestionView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tag_list.map((tag) => ({ slug: tag.slug, label: tag.label, createdAt: new Date(tag.createdAt) }) as Tag),
    departement: row.departement ?? null,
    commune: row.commune ?? null,
    author: authorOf(row),
    authorId: row.author_id,
    score: row.score,
    upVotes: row.up_votes,
    downVotes: row.down_votes,
    answerCount: row.answer_count,
    acceptedAnswerId: row.accepted_answer_id ?? null,
    acceptedAt: sqlDate(row.accepted_at),
    duplicateOf: row.duplicate_of_id ? { id: row.duplicate_of_id, title: row.duplicate_of_title ?? '' } : null,
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

function authorOf(row: AuthorColumns): MemberCard {
  return {
    id: row.author_id,
    displayName: row.author_display_name,
    hasProfile: row.author_has_profile,
    metier: row.author_metier ?? null,
    commune: row.author_commune ?? null,
    departement: row.author_departement ?? null,
  };
}

/**
 * A timestamptz of a raw row. MikroORM's pg driver keeps them as text ("2026-03-02 13:30:00.5+00");
 * plain node-postgres gives Dates.
 */
export function sqlDate(value: SqlTimestamp): Date;
export function sqlDate(value: SqlTimestamp | null | undefined): Date | null;
export function sqlDate(value: SqlTimestamp | null | undefined): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

export function voteValue(value: number | null | undefined): VoteValue {
  return value === 1 ? VoteValue.UP : value === -1 ? VoteValue.DOWN : VoteValue.NONE;
}

/** A page of questions (an author id that is not one gives an empty list, without a statement). */
export async function listQuestions(
  em: EntityManager,
  filters: QuestionFilters,
  viewer: Viewer | null,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<QuestionView>> {
  const window = questionWindow(args, filters);
  if (filters.authorId && !isUuid(filters.authorId)) return keysetConnection([], window, 0);
  const rows = await query<QuestionRow & { total_count: number }>(em, questionListStatement(filters, viewer, window));
  let totalCount = rows[0]?.total_count ?? 0;
  if (rows.length === 0 && window.after) {
    const [count] = await query<{ total_count: number }>(em, countStatement(filters));
    totalCount = count.total_count;
  }
  return mapNodes(keysetConnection(rows, window, totalCount), toQuestionView);
}

/** The same page with its rows turned into GraphQL objects (cursors are made from the rows' keys first). */
/**
 * One question by id. Hidden ones only for their author and moderators (who see the notice);
 * for everyone else they do not exist.
 */
export async function readQuestion(em: EntityManager, id: string, viewer: Viewer | null): Promise<QuestionView | null> {
  if (!isUuid(id)) return null;
  const row = await queryOne<QuestionRow>(em, sql`select ${questionColumns(viewer)} from question q ${QUESTION_JOINS} where q.id = ${id}`);
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
  const anyWord = sql`(select to_tsquery('fr_unaccent', coalesce(string_agg(quote_literal(word), ' | '), ''))
                      from unnest(tsvector_to_array(to_tsvector('fr_unaccent', ${text}))) as word)`;
  const rows = await query<QuestionRow>(
    em,
    sql`with wanted as (select ${anyWord} as query, immutable_unaccent(lower(${text})) as typed)
     select ${questionColumns(null)}
     from wanted, question q ${QUESTION_JOINS}
     where q.hidden_at is null and q.duplicate_of_id is null
       and (q.search_vector @@ wanted.query or wanted.typed <% immutable_unaccent(lower(q.title)))
     order by ts_rank_cd(q.search_vector, wanted.query, 1) + word_similarity(wanted.typed, immutable_unaccent(lower(q.title))) desc,
              q.answer_count desc, q.id
     limit ${limit}`,
  );
  return rows.map(toQuestionView);
}

interface AnswerRow extends AuthorColumns {
  id: string;
  question_id: string;
  body: string;
  score: number;
  up_votes: number;
  down_votes: number;
  created_at: SqlTimestamp;
  edited_at: SqlTimestamp | null;
  hidden_at: SqlTimestamp | null;
  hidden_reason: string | null;
  is_accepted: boolean | null;
  my_vote: number | null;
}

/** The answers of several questions, for one viewer: accepted first, then by score, then oldest first. */
export async function answersOf(em: EntityManager, questionIds: readonly string[], viewer: Viewer | null): Promise<AnswerView[]> {
  if (questionIds.length === 0) return [];
  const mine = viewer
    ? sql`(select v.value from answer_vote v where v.answer_id = a.id and v.voter_id = ${viewer.id})`
    : sql`null::smallint`;
  const visible = viewer?.moderator
    ? sql`true`
    : viewer
      ? sql`(a.hidden_at is null or a.author_id = ${viewer.id})`
      : sql`a.hidden_at is null`;
  const rows = await query<AnswerRow>(
    em,
    sql`select a.id, a.question_id, a.body, a.score, a.up_votes, a.down_votes, a.created_at, a.edited_at, a.hidden_at, a.hidden_reason,
            a.author_id, u.display_name as author_display_name, u.metier as author_metier, u.commune as author_commune, u.departement as author_departement,
            ${hasProfile('u')} as author_has_profile,
            (q.accepted_answer_id = a.id) as is_accepted, ${mine} as my_vote
     from answer a join question q on q.id = a.question_id join member_card u on u.id = a.author_id
     where a.question_id = any(${pgTextArray(questionIds)}::uuid[]) and ${visible}
     order by (q.accepted_answer_id = a.id) is true desc, a.score desc, a.created_at, a.id`,
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
    author: authorOf(row),
  }));
}

export async function readAnswer(em: EntityManager, answerId: string, viewer: Viewer | null): Promise<AnswerView | null> {
  const row = await queryOne<{ question_id: string }>(em, sql`select question_id from answer where id = ${answerId}`);
  if (!row) return null;
  return (await answersOf(em, [row.question_id], viewer)).find((answer) => answer.id === answerId) ?? null;
}

/**
 * The evidence of expertise, per member and tag: visible answers on visible questions carrying the tag,
 * those accepted, the up votes they received, and those given after the asker invited them
 * ("Demander aux expert·es"). Score = 5 × accepted + up votes + INVITED_ANSWER_WEIGHT × answers after an invitation.
 * Used by "Qui sait ?" and by every profile, so both always agree.
 */
const EVIDENCE = sql`select a.author_id as user_id, tag.slug as tag,
         count(*)::int as answers,
         count(*) filter (where q.accepted_answer_id = a.id)::int as accepted_answers,
         coalesce(sum(a.up_votes), 0)::int as up_votes,
         count(i.id)::int as invited_answers
  from answer a
  join question q on q.id = a.question_id and q.hidden_at is null
  left join question_invitation i on i.question_id = a.question_id and i.invitee_id = a.author_id and i.created_at <= a.created_at
  cross join lateral unnest(q.tags) as tag(slug)
  where a.hidden_at is null`;
/** An answer given after an invitation counts twice an up vote: the asker chose that person, who answered. */
export const INVITED_ANSWER_WEIGHT = 2;
const SCORE = sql`(5 * e.accepted_answers + e.up_votes + ${sql.raw(String(INVITED_ANSWER_WEIGHT))} * e.invited_answers)`;

interface ExpertiseRow {
  user_id: string;
  tag: string;
  tag_label: string;
  tag_created_at: SqlTimestamp;
  score: number;
  answers: number;
  accepted_answers: number;
  up_votes: number;
  invited_answers: number;
}

function toExpertise(row: ExpertiseRow): Expertise {
  return {
    tag: { slug: row.tag, label: row.tag_label, createdAt: sqlDate(row.tag_created_at) } as Tag,
    score: row.score,
    acceptedAnswers: row.accepted_answers,
    upVotes: row.up_votes,
    answers: row.answers,
    invitedAnswers: row.invited_answers,
  };
}

export interface ExpertRow {
  member: MemberCard;
  expertise: Expertise;
}

/** Best first; the name, then the id, break ties between members of the same evidence. */
const EXPERT_ORDER: SortKey[] = [
  { expression: sql`n.score`, direction: 'desc' },
  { expression: sql`n.accepted_answers`, direction: 'desc' },
  { expression: sql`n.up_votes`, direction: 'desc' },
  { expression: sql`n.display_name`, direction: 'asc' },
  { expression: sql`n.user_id`, direction: 'asc' },
];

type ExpertListRow = ExpertiseRow & {
  display_name: string;
  metier: Metier | null;
  commune: string | null;
  departement: string | null;
  total_count: number;
};

/** The members with evidence for one tag (optionally only in some départements), each with the total. */
function expertRows(tag: string, departements: string[] | null): Sql {
  const territory = departements ? sql`and u.departement = any(${pgTextArray(departements)}::text[])` : sql.empty;
  return sql`with e as (${EVIDENCE} and q.tags @> ${pgTextArray([tag])}::text[] and tag.slug = ${tag} group by a.author_id, tag.slug)
     select e.*, ${SCORE} as score, t.label as tag_label, t.created_at as tag_created_at,
            u.display_name, u.metier, u.commune, u.departement
     from e join member_card u on u.id = e.user_id and u.status = 'active' join tag_card t on t.slug = e.tag
     where (e.accepted_answers > 0 or e.up_votes > 0 or e.invited_answers > 0) ${territory}`;
}

/** A page of the members ranked for one tag (keyset), optionally only in some départements. One statement. */
export async function rankExperts(
  em: EntityManager,
  tag: string,
  departements: string[] | null,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<ExpertRow>> {
  const window = keysetWindow(args, EXPERT_ORDER);
  const page = await keysetPage<ExpertListRow>(em, expertRows(tag, departements), EXPERT_ORDER, window);
  return mapNodes(page, (row) => ({
    member: {
      id: row.user_id,
      displayName: row.display_name,
      hasProfile: true, // active members only
      metier: row.metier ?? null,
      commune: row.commune ?? null,
      departement: row.departement ?? null,
    },
    expertise: toExpertise(row),
  }));
}

/** The expertise of several members at once (profiles, people lists): one statement for all of them. */
export async function expertiseOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, Expertise[]>> {
  const byUser = new Map<string, Expertise[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await query<ExpertiseRow>(
    em,
    sql`with e as (${EVIDENCE} and a.author_id = any(${pgTextArray(userIds)}::uuid[]) group by a.author_id, tag.slug)
     select e.*, ${SCORE} as score, t.label as tag_label, t.created_at as tag_created_at
     from e join tag_card t on t.slug = e.tag
     where e.accepted_answers > 0 or e.up_votes > 0 or e.invited_answers > 0
     order by score desc, e.accepted_answers desc, t.label`,
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
  const rows = await query<{ slug: string; question_count: number; follower_count: number; followed_by_me: boolean }>(
    em,
    sql`select t.slug,
            coalesce((select u.value from question_tag_use u where u.key = t.slug), 0)::int as question_count,
            (select count(*)::int from tag_follower f where f.tag_slug = t.slug) as follower_count,
            exists (select 1 from tag_follower f where f.tag_slug = t.slug and f.user_id = ${viewerId}) as followed_by_me
     from tag_card t where t.slug = any(${pgTextArray(slugs)}::text[])`,
  );
  return new Map(
    rows.map((row) => [
      row.slug,
      { questionCount: row.question_count, followerCount: row.follower_count, followedByMe: row.followed_by_me },
    ]),
  );
}

/** Most used first; the label, then the slug (the key), break ties. */
const TAG_ORDER: SortKey[] = [
  { expression: sql`n.uses`, direction: 'desc' },
  { expression: sql`n.label`, direction: 'asc' },
  { expression: sql`n.slug`, direction: 'asc' },
];

/** Tags with their use in visible questions and the total; `search` matches the start of a word, accents ignored. */
function tagRows(search: string | null | undefined): Sql {
  let where = sql.empty;
  if (search?.trim()) {
    const start = search
      .trim()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[%_\\]/g, '');
    where = sql`where t.slug like ${`${start.replace(/[^a-z0-9]+/g, '-')}%`} or immutable_unaccent(lower(t.label)) like ${`%${start}%`}`;
  }
  // Uses are counted as questions are written (question_tag_use, kept by a trigger), not per view.
  return sql`select t.slug, t.label, t.created_at, coalesce(u.value, 0)::int as uses
     from tag_card t left join question_tag_use u on u.key = t.slug
     ${where}`;
}

/** A page of tags by how much they are used in questions (keyset), in one statement. */
export async function listTags(
  em: EntityManager,
  search: string | null | undefined,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<Tag>> {
  const window = keysetWindow(args, TAG_ORDER);
  const page = await keysetPage<{ slug: string; label: string; created_at: SqlTimestamp; uses: number; total_count: number }>(
    em,
    tagRows(search),
    TAG_ORDER,
    window,
  );
  return mapNodes(page, (row) => ({ slug: row.slug, label: row.label, createdAt: sqlDate(row.created_at) }) as Tag);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

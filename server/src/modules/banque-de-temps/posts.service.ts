import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, whereAll, type Sql } from '../../db/sql.js';
import {
  afterCursor,
  boundedCount,
  countBounded,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type SortKey,
} from '../../graphql/connection.js';
import { conflict, FieldErrors, forbidden, notFound } from '../../graphql/errors.js';
import { isModerator } from '../../graphql/auth.js';
import { say } from '../../i18n/lang.js';
import { ensureTags, spellTags } from '../mots-cles/mots-cles.service.js';
import { normalizeTags } from '../../shared/tags.js';
import { isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { hasProfile } from '../comptes/comptes.read.js';
import type { User } from '../comptes/user.entity.js';
import { PostCategory, PostKind, PostStatus, TimebankPost } from './post.entity.js';
import type { TimebankPostView } from './banque-de-temps.types.js';
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import { assertCharterSignedIfRequired } from '../charte/requirement.service.js';
import type { Viewer } from '../comptes/viewer.js';
import { communeSpelling } from '../../shared/communes.js';

export const POST_NOT_FOUND = say('Cette annonce n’existe pas ou plus.', 'This post does not exist.');

export interface PostInput {
  kind: PostKind;
  title: string;
  description: string;
  category: PostCategory;
  tags?: string[] | null;
  departement?: string | null;
  commune?: string | null;
  availability?: string | null;
}

/** What an offer or a request says, trimmed and checked (publishing and editing alike); its mistakes by field. */
function checkedPost(input: Omit<PostInput, 'kind'>) {
  const title = input.title.trim();
  const description = input.description.trim();
  const departement = normalizeDepartement(input.departement);
  const typedCommune = input.commune?.trim();
  const commune = typedCommune ? communeSpelling({ commune: typedCommune }) : null;
  const availability = input.availability?.trim() || null;
  const tags = spellTags(input.tags ?? []);
  const errors = new FieldErrors();
  if (title.length < 5) errors.add('title', say('Donnez un titre d’au moins 5 caractères.', 'Give a title of at least 5 characters.'));
  if (title.length > 120)
    errors.add('title', say('Le titre ne peut pas dépasser 120 caractères.', 'The title cannot exceed 120 characters.'));
  if (description.length < 10)
    errors.add(
      'description',
      say(
        'Décrivez ce que vous proposez ou cherchez (au moins 10 caractères).',
        'Describe what you offer or look for (at least 10 characters).',
      ),
    );
  if (description.length > 5000)
    errors.add(
      'description',
      say('La description ne peut pas dépasser 5 000 caractères.', 'The description cannot exceed 5,000 characters.'),
    );
  if (tags.length > 8) errors.add('tags', say('Choisissez au plus 8 mots-clés.', 'Choose at most 8 tags.'));
  if (departement && !isDepartement(departement))
    errors.add(
      'departement',
      say('Ce numéro de département n’existe pas (ex. 44, 2A, 974).', 'This département code does not exist (e.g. 44, 2A, 974).'),
    );
  if (commune && commune.length > 120) errors.add('commune', say('Le nom de la commune est trop long.', 'The commune name is too long.'));
  if (availability && availability.length > 200)
    errors.add(
      'availability',
      say('Les disponibilités ne peuvent pas dépasser 200 caractères.', 'Availability cannot exceed 200 characters.'),
    );
  errors.throwIfAny();
  return { title, description, category: input.category, tags, departement, commune, availability };
}

/**
 * Publishing an offer or a request: the one place where "who may publish" is decided
 * (the posting limit, and the charter signature when the platform requires it).
 */
export async function publishPost(em: EntityManager, author: User, input: PostInput): Promise<TimebankPostView> {
  const checked = checkedPost(input);
  await assertCharterSignedIfRequired(em, author);
  await assertCanPost(em, author, 'timebank.post');
  const post = em.create(TimebankPost, {
    ...checked,
    author,
    kind: input.kind,
    tags: await ensureTags(em, checked.tags),
    commune: checked.commune ?? author.commune ?? null,
  });
  await em.flush();
  return (await getPost(em, author, post.id))!;
}

/**
 * Its author corrects an open offer or request (title, description, category, keywords, place,
 * availability); whether it offers or asks stays. Exchanges already proposed keep what was agreed.
 */
export async function updatePost(em: EntityManager, user: User, postId: string, input: Omit<PostInput, 'kind'>): Promise<TimebankPostView> {
  const post = await findPostEntity(em, postId);
  if (post.author.id !== user.id) {
    throw forbidden(
      say('Seule la personne qui a publié l’annonce peut la modifier.', 'Only the person who published the post can edit it.'),
    );
  }
  if (post.status === PostStatus.CLOSED) {
    throw conflict(say('Cette annonce est close : elle ne peut plus être modifiée.', 'This post is closed: it can no longer be edited.'));
  }
  const checked = checkedPost(input);
  em.assign(post, { ...checked, tags: await ensureTags(em, checked.tags) });
  await em.flush();
  return (await getPost(em, user, post.id))!;
}

/** The author (or a moderator) closes an offer or a request: it leaves the open list, exchanges under way go on. */
export async function closePost(em: EntityManager, user: User, postId: string): Promise<TimebankPostView> {
  const post = await findPostEntity(em, postId);
  if (post.author.id !== user.id && !isModerator(user)) {
    throw forbidden(say('Seul l’auteur de l’annonce peut la clore.', 'Only the author of the post can close it.'));
  }
  if (post.status !== PostStatus.CLOSED) {
    post.status = PostStatus.CLOSED;
    post.closedAt = new Date();
    await em.flush();
  }
  return (await getPost(em, user, post.id))!;
}

export async function findPostEntity(em: EntityManager, postId: string): Promise<TimebankPost> {
  const post = /^[0-9a-f-]{36}$/i.test(postId) ? await em.findOne(TimebankPost, { id: postId }) : null;
  if (!post) throw notFound(POST_NOT_FOUND);
  return post;
}

export interface PostFilters {
  search?: string | null;
  kind?: PostKind | null;
  category?: PostCategory | null;
  tag?: string | null;
  departement?: string | null;
  authorId?: string | null;
  includeClosed?: boolean | null;
  id?: string | null;
}

interface PostRow {
  id: string;
  kind: PostKind;
  title: string;
  description: string;
  category: PostCategory;
  tags: string[];
  departement: string | null;
  commune: string | null;
  availability: string | null;
  status: PostStatus;
  created_at: Date | string;
  closed_at: Date | string | null;
  hidden_at: Date | string | null;
  hidden_reason: string | null;
  author_id: string;
  author_name: string;
  author_commune: string | null;
  author_has_profile: boolean;
  total_count: number;
}

/** Newest first; the id breaks ties between posts of the same instant. */
const POST_ORDER: SortKey[] = [
  { expression: sql`p.created_at`, direction: 'desc' },
  { expression: sql`p.id`, direction: 'desc' },
];

/** With a search: most relevant first (the rank is a column of the inner select), then newest. */
const POST_SEARCH_ORDER: SortKey[] = [{ expression: sql`p.rank`, direction: 'desc' }, ...POST_ORDER];

/** The conditions on `timebank_post p` for `filters`, as `viewer` sees them. */
function postFilters(viewer: Viewer | null, filters: PostFilters, search: string | undefined): Sql[] {
  const where: Sql[] = [];
  if (isModerator(viewer)) {
    // moderators see everything
  } else if (viewer) {
    where.push(sql`(p.hidden_at is null or p.author_id = ${viewer.id})`);
  } else {
    where.push(sql`p.hidden_at is null`);
  }
  if (search) {
    where.push(sql`to_tsvector('fr_unaccent', p.title || ' ' || p.description) @@ websearch_to_tsquery('fr_unaccent', ${search})`);
  }
  if (filters.id) {
    where.push(sql`p.id = ${filters.id}`);
  } else if (!filters.includeClosed) {
    where.push(sql`p.status = 'open'`);
  }
  if (filters.kind) where.push(sql`p.kind = ${filters.kind}`);
  if (filters.category) where.push(sql`p.category = ${filters.category}`);
  if (filters.tag) where.push(sql`${normalizeTags([filters.tag])[0] ?? ''} = any(p.tags)`);
  if (filters.departement) where.push(sql`p.departement = ${normalizeDepartement(filters.departement)}`);
  // A malformed id never gets here: every ID argument is checked once (graphql/input-limits.ts).
  if (filters.authorId) where.push(sql`p.author_id = ${filters.authorId}`);
  return where;
}

function toPostView(row: PostRow): TimebankPostView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    category: row.category,
    tags: row.tags,
    departement: row.departement,
    commune: row.commune,
    availability: row.availability,
    status: row.status,
    createdAt: new Date(row.created_at),
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
    hidden: row.hidden_at !== null,
    hiddenReason: row.hidden_reason,
    author: { id: row.author_id, displayName: row.author_name, hasProfile: row.author_has_profile, commune: row.author_commune },
  };
}

/**
 * One page of offers and requests in one SQL statement, with their author and the total count
 * (keyset pages, docs/read-models.md). Hidden posts are left out, except for their author and moderators.
 */
export async function listPosts(
  em: EntityManager,
  viewer: Viewer | null,
  filters: PostFilters,
  page: { first?: number | null; after?: string | null },
): Promise<Connection<TimebankPostView>> {
  const search = filters.search?.trim() || undefined;
  const order = search ? POST_SEARCH_ORDER : POST_ORDER;
  const window = keysetWindow(page, order);
  const where = postFilters(viewer, filters, search);
  const rank = search
    ? sql`ts_rank(to_tsvector('fr_unaccent', p.title || ' ' || p.description), websearch_to_tsquery('fr_unaccent', ${search}))`
    : sql`0::real`;
  // Inner select: the filters and the rank; outer: the page, and the total (bounded, docs/read-models.md).
  const rows = await query<PostRow>(
    em,
    sql`select p.id, p.kind, p.title, p.description, p.category, p.tags, p.departement, p.commune, p.availability, p.status,
            p.created_at, p.closed_at, p.hidden_at, p.hidden_reason, p.author_id, p.author_name, p.author_commune, p.author_has_profile,
            ${boundedCount(listedPosts(where))} as total_count, ${keysetColumns(order)}
       from (select p.*, u.display_name as author_name, u.commune as author_commune, ${hasProfile('u')} as author_has_profile, ${rank} as rank
               from timebank_post p join member_card u on u.id = p.author_id
              ${whereAll(where)}) p
      ${whereAll([afterCursor(order, window)])}
      ${keysetOrder(order)}
      limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countPosts(em, where) : 0;
  const connection = keysetConnection(rows, window, total);
  return { ...connection, edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: toPostView(node) })) };
}

/** Only for a page past the last one, which has no row to carry the total. */
function countPosts(em: EntityManager, where: Sql[]): Promise<number> {
  return countBounded(em, listedPosts(where));
}

/** The rows the total counts. */
function listedPosts(where: Sql[]): Sql {
  return sql`select 1 from timebank_post p join member_card u on u.id = p.author_id ${whereAll(where)}`;
}

export async function getPost(em: EntityManager, viewer: Viewer | null, id: string): Promise<TimebankPostView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { edges } = await listPosts(em, viewer, { id }, { first: 1 });
  return edges[0]?.node ?? null;
}

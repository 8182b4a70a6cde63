/**
 * Read models of Ressources: each list is ONE SQL statement returning plain rows shaped like the GraphQL
 * types (docs/read-models.md). Who may see a resource is one SQL condition (`visibleTo`), the same for a
 * list, a page, a collection, a base and the files' access.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql, whereAll, type Sql } from '../../db/sql.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import {
  afterCursor,
  boundedCount,
  countBounded,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetPage,
  keysetWindow,
  mapNodes,
  type Connection,
  type KeysetWindow,
  type SortKey,
} from '../../graphql/connection.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { hasProfile } from '../comptes/comptes.read.js';
import type { Metier } from '../comptes/user.entity.js';
import type { MemberCard } from '../entraide/entraide.types.js';
import type { Tag } from '../mots-cles/tag.entity.js';
import type { OrganizationKind } from '../reseau/organization.entity.js';
import {
  CollectionVisibility,
  type ResourceBaseView,
  type ResourceCitation,
  type ResourceCollectionView,
  type ResourceFeedbackView,
  type ResourceKind,
  type ResourceLicence,
  type ResourceVersionView,
  type ResourceView,
  type ResourceVisibility,
} from './ressources.types.js';

export interface Viewer {
  id: string;
  /** Moderators and admins see every resource (they moderate them). */
  moderator: boolean;
}

export interface ResourceFilters {
  search?: string | null;
  theme?: string | null;
  public?: string | null;
  level?: number | null;
  kind?: string | null;
  licence?: string | null;
  baseSlug?: string | null;
  tag?: string | null;
}

type SqlTimestamp = string | Date;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A timestamptz of a raw row (text through MikroORM's driver). */
export function sqlDate(value: SqlTimestamp): Date;
export function sqlDate(value: SqlTimestamp | null | undefined): Date | null;
export function sqlDate(value: SqlTimestamp | null | undefined): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

export const searchQuery = (search: string) => sql`websearch_to_tsquery('fr_unaccent', ${search})`;

/**
 * Who may see the resource `r`: everyone when PUBLIC; signed-in members when MEMBRES; the base
 * organization's members when ORGANISATION; always its authors; moderators see all.
 */
export function visibleTo(viewer: Viewer | null, alias = 'r'): Sql {
  const r = sql.raw(alias);
  if (!viewer) return sql`${r}.visibility = 'public'`;
  if (viewer.moderator) return sql`true`;
  return sql`(${r}.visibility in ('public', 'membres') or ${r}.created_by_id = ${viewer.id} or ${r}.author_ids @> array[${viewer.id}]::uuid[]
    or (${r}.visibility = 'organisation' and exists (select 1 from resource_base vb join organization_member vm on vm.organization_id = vb.organization_id
                                              where vb.id = ${r}.base_id and vm.user_id = ${viewer.id})))`;
}

/** Not hidden by moderation, except for its authors and moderators. */
function notHidden(viewer: Viewer | null, alias = 'r'): Sql {
  const r = sql.raw(alias);
  if (!viewer) return sql`${r}.hidden_at is null`;
  if (viewer.moderator) return sql`true`;
  return sql`(${r}.hidden_at is null or ${r}.created_by_id = ${viewer.id} or ${r}.author_ids @> array[${viewer.id}]::uuid[])`;
}

interface ResourceRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  content: string;
  kind: string;
  licence: string;
  visibility: string;
  themes: string[];
  tags: string[];
  publics: string[];
  levels: number[];
  file_ids: string[];
  links: Array<{ url: string; title: string }>;
  feedback_count: number;
  rating_sum: number;
  version_count: number;
  published_at: SqlTimestamp;
  updated_at: SqlTimestamp;
  hidden_at: SqlTimestamp | null;
  hidden_reason: string | null;
  created_by_id: string;
  base_id: string | null;
  base_slug: string | null;
  base_name: string | null;
  base_description: string | null;
  base_organization_id: string | null;
  tag_list: Array<{ slug: string; label: string; createdAt: string }>;
  author_list: Array<{
    id: string;
    displayName: string;
    hasProfile: boolean;
    metier: Metier | null;
    commune: string | null;
    departement: string | null;
  }>;
  organization_list: Array<{ id: string; name: string; slug: string; kind: OrganizationKind }>;
  saved: boolean;
}

/** The columns of a resource row (alias `r`), the viewer's "saved" included. */
function resourceColumns(viewer: Viewer | null): Sql {
  const saved = viewer
    ? sql`exists (select 1 from resource_collection_item i join resource_collection c on c.id = i.collection_id
                  where i.resource_id = r.id and c.owner_id = ${viewer.id})`
    : sql`false`;
  return sql`r.id, r.slug, r.title, r.summary, r.content, r.kind, r.licence, r.visibility, r.themes, r.tags, r.publics, r.levels,
      r.file_ids, r.links, r.feedback_count, r.rating_sum, r.version_count, r.published_at, r.updated_at, r.hidden_at, r.hidden_reason,
      r.created_by_id, r.base_id, b.slug as base_slug, b.name as base_name, b.description as base_description, b.organization_id as base_organization_id,
      (select coalesce(json_agg(json_build_object('slug', t.slug, 'label', t.label, 'createdAt', t.created_at) order by array_position(r.tags, t.slug)), '[]')
         from tag_card t where t.slug = any(r.tags)) as tag_list,
      (select coalesce(json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'hasProfile', ${hasProfile('u')}, 'metier', u.metier, 'commune', u.commune, 'departement', u.departement)
                                order by array_position(r.author_ids, u.id)), '[]')
         from member_card u where u.id = any(r.author_ids)) as author_list,
      (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'slug', o.slug, 'kind', o.kind)
                                order by array_position(r.author_organization_ids, o.id)), '[]')
         from organization_card o where o.id = any(r.author_organization_ids)) as organization_list,
      ${saved} as saved`;
}

const RESOURCE_JOINS = sql`left join resource_base b on b.id = r.base_id`;

export function toResourceView(row: ResourceRow): ResourceView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    contentMarkdown: row.content,
    kind: row.kind as ResourceKind,
    licence: row.licence as ResourceLicence,
    visibility: row.visibility as ResourceVisibility,
    themes: row.themes,
    tags: row.tag_list.map((tag) => ({ slug: tag.slug, label: tag.label, createdAt: new Date(tag.createdAt) }) as Tag),
    publics: row.publics,
    levels: row.levels,
    base: row.base_id
      ? {
          id: row.base_id,
          slug: row.base_slug ?? '',
          name: row.base_name ?? '',
          description: row.base_description ?? '',
          organizationId: row.base_organization_id ?? '',
        }
      : null,
    authors: row.author_list.map((author) => ({ ...author, metier: author.metier ?? null })),
    authorOrganizations: row.organization_list,
    links: row.links,
    feedbackCount: row.feedback_count,
    averageRating: row.feedback_count > 0 ? Math.round((row.rating_sum / row.feedback_count) * 10) / 10 : null,
    versionCount: row.version_count,
    savedInMyCollections: !!row.saved,
    publishedAt: sqlDate(row.published_at),
    updatedAt: sqlDate(row.updated_at),
    hiddenAt: sqlDate(row.hidden_at),
    hiddenReason: row.hidden_reason ?? null,
    fileIds: row.file_ids,
    createdById: row.created_by_id,
    baseOrganizationId: row.base_organization_id ?? null,
  };
}

function listConditions(filters: ResourceFilters, viewer: Viewer | null): Sql {
  const conditions = [sql`r.hidden_at is null`, visibleTo(viewer)];
  if (filters.search) conditions.push(sql`r.search_vector @@ ${searchQuery(filters.search)}`);
  if (filters.theme) conditions.push(sql`r.themes @> ${pgTextArray([filters.theme])}::text[]`);
  if (filters.public) conditions.push(sql`r.publics @> ${pgTextArray([filters.public])}::text[]`);
  if (filters.level) conditions.push(sql`r.levels @> array[${filters.level}]::int[]`);
  if (filters.kind) conditions.push(sql`r.kind = ${filters.kind}`);
  if (filters.licence) conditions.push(sql`r.licence = ${filters.licence}`);
  if (filters.tag) conditions.push(sql`r.tags @> ${pgTextArray([filters.tag])}::text[]`);
  if (filters.baseSlug) conditions.push(sql`r.base_id = (select sb.id from resource_base sb where sb.slug = ${filters.baseSlug})`);
  return sql.join(conditions, sql` and `);
}

/** Newest first (the partial index `resource_visible_published_at_index`). */
const NEWEST: SortKey[] = [
  { expression: sql`r.published_at`, direction: 'desc' },
  { expression: sql`r.id`, direction: 'desc' },
];

/**
 * With a search: the most relevant first, `ts_rank` over the weighted search document (title A, summary and
 * tags B, content and links C, the files' text D: `refreshSearchVector` in ressources.service.ts), so a word of
 * the title comes before the same word only inside an attached PDF; ties by id. The rank is a column of the
 * narrow inner select (`p.rank`), so every page compares exactly what it orders by.
 */
const RELEVANT: SortKey[] = [
  { expression: sql`p.rank`, direction: 'desc' },
  { expression: sql`p.id`, direction: 'desc' },
];

/** A cursor of the other order (newest first / relevance) is refused, as any invalid cursor, rather than failing in SQL. */
function checkedCursor(window: KeysetWindow, ranked: boolean): KeysetWindow {
  const first = window.after?.[0];
  if (first == null) return window;
  const fits = ranked ? /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(first) : /^\d{4}-\d\d-\d\d[ T]/.test(first);
  if (!fits || !isUuid(window.after![1] ?? ''))
    throw badInput({ after: say('Curseur de pagination invalide.', 'Invalid pagination cursor.') });
  return window;
}

/**
 * A page of resources and the bounded total, in ONE statement: the page is chosen on narrow rows, then
 * only its rows are joined to their base, tags, authors and organizations. Without a search, newest first;
 * with one, by relevance: the rank is computed for the matches only (found through the GIN index on
 * `search_vector`), so the cost follows the number of matches, never the size of the table.
 */
export async function listResources(
  em: EntityManager,
  filters: ResourceFilters,
  viewer: Viewer | null,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<ResourceView>> {
  const ranked = !!filters.search;
  const keys = ranked ? RELEVANT : NEWEST;
  const window = checkedCursor(keysetWindow(args, keys), ranked);
  const where = listConditions(filters, viewer);
  const after = afterCursor(keys, window);
  const page = ranked
    ? sql`select p.id, p.rank from (select r.id, ts_rank(r.search_vector, ${searchQuery(filters.search!)}) as rank from resource r where ${where}) p
  ${whereAll([after])} ${keysetOrder(keys)} limit ${window.limit + 1}`
    : sql`select r.id from resource r where ${where} ${after ? sql`and ${after}` : sql.empty}
  ${keysetOrder(keys)} limit ${window.limit + 1}`;
  const rows = await query<ResourceRow & { total_count: number }>(
    em,
    sql`with page as (
  ${page}
)
select ${boundedCount(sql`select 1 from resource r where ${where}`)} as total_count, ${keysetColumns(keys)}, ${resourceColumns(viewer)}
from page p join resource r on r.id = p.id ${RESOURCE_JOINS}
${keysetOrder(keys)}`,
  );
  const total =
    rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, sql`select 1 from resource r where ${where}`) : 0;
  return mapNodes(keysetConnection(rows, window, total), toResourceView);
}

/** One resource by slug or id, if the viewer may see it. */
export async function readResource(
  em: EntityManager,
  key: { slug?: string; id?: string },
  viewer: Viewer | null,
): Promise<ResourceView | null> {
  if (key.id !== undefined && !isUuid(key.id)) return null;
  const which = key.id !== undefined ? sql`r.id = ${key.id}` : sql`r.slug = ${key.slug ?? ''}`;
  const row = await queryOne<ResourceRow>(
    em,
    sql`select ${resourceColumns(viewer)} from resource r ${RESOURCE_JOINS} where ${which} and ${visibleTo(viewer)} and ${notHidden(viewer)}`,
  );
  return row ? toResourceView(row) : null;
}

/** The resources of a collection the viewer may see, most recently added first (one statement). */
export async function collectionResources(
  em: EntityManager,
  collectionId: string,
  viewer: Viewer | null,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<ResourceView>> {
  const keys: SortKey[] = [
    { expression: sql`n.added_at`, direction: 'desc' },
    { expression: sql`n.id`, direction: 'desc' },
  ];
  const window = keysetWindow(args, keys);
  const page = await keysetPage<ResourceRow>(
    em,
    sql`select ${resourceColumns(viewer)}, i.created_at as added_at
          from resource_collection_item i join resource r on r.id = i.resource_id ${RESOURCE_JOINS}
         where i.collection_id = ${collectionId} and r.hidden_at is null and ${visibleTo(viewer)}`,
    keys,
    window,
  );
  return mapNodes(page, toResourceView);
}

interface BaseRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  organization_id: string;
}

function toBaseView(row: BaseRow): ResourceBaseView {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, organizationId: row.organization_id };
}

export async function readBase(
  em: EntityManager,
  key: { slug?: string; id?: string; organizationId?: string },
): Promise<ResourceBaseView | null> {
  const which = key.id
    ? isUuid(key.id)
      ? sql`id = ${key.id}`
      : null
    : key.organizationId
      ? isUuid(key.organizationId)
        ? sql`organization_id = ${key.organizationId}`
        : null
      : sql`slug = ${key.slug ?? ''}`;
  if (!which) return null;
  const row = await queryOne<BaseRow>(em, sql`select id, slug, name, description, organization_id from resource_base where ${which}`);
  return row ? toBaseView(row) : null;
}

/** The resources of a base the viewer may see: bounded count. */
export function baseResourceCount(em: EntityManager, baseId: string, viewer: Viewer | null): Promise<number> {
  return countBounded(em, sql`select 1 from resource r where r.base_id = ${baseId} and r.hidden_at is null and ${visibleTo(viewer)}`);
}

export async function isFollowingBase(em: EntityManager, baseId: string, userId: string): Promise<boolean> {
  const row = await queryOne<{ yes: boolean }>(
    em,
    sql`select exists (select 1 from resource_base_follow where base_id = ${baseId} and user_id = ${userId}) as yes`,
  );
  return !!row?.yes;
}

export async function versionsOf(em: EntityManager, resourceId: string): Promise<ResourceVersionView[]> {
  const rows = await query<{ number: number; note: string; created_at: SqlTimestamp } & Partial<MemberCardRow>>(
    em,
    sql`select v.number, v.note, v.created_at, u.id as member_id, u.display_name, ${hasProfile('u')} as has_profile, u.metier, u.commune, u.departement
          from resource_version v left join member_card u on u.id = v.author_id
         where v.resource_id = ${resourceId} order by v.number desc`,
  );
  return rows.map((row) => ({ number: row.number, note: row.note, at: sqlDate(row.created_at), author: memberOf(row) }));
}

interface MemberCardRow {
  member_id: string | null;
  display_name: string | null;
  has_profile: boolean | null;
  metier: Metier | null;
  commune: string | null;
  departement: string | null;
}

function memberOf(row: Partial<MemberCardRow>): MemberCard | null {
  if (!row.member_id) return null;
  return {
    id: row.member_id,
    displayName: row.display_name ?? '',
    hasProfile: !!row.has_profile,
    metier: row.metier ?? null,
    commune: row.commune ?? null,
    departement: row.departement ?? null,
  };
}

type FeedbackRow = MemberCardRow & { id: string; rating: number; comment: string | null; created_at: SqlTimestamp };

function toFeedbackView(row: FeedbackRow): ResourceFeedbackView {
  return { id: row.id, rating: row.rating, comment: row.comment ?? null, at: sqlDate(row.created_at), author: memberOf(row) };
}

const FEEDBACK_COLUMNS = sql`f.id, f.rating, f.comment, f.created_at, u.id as member_id, u.display_name,
  ${hasProfile('u')} as has_profile, u.metier, u.commune, u.departement`;

/** The feedback of a resource, newest first (keyset, one statement); hidden comments left out. */
export async function feedbackOf(
  em: EntityManager,
  resourceId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<ResourceFeedbackView>> {
  const keys: SortKey[] = [
    { expression: sql`n.created_at`, direction: 'desc' },
    { expression: sql`n.id`, direction: 'desc' },
  ];
  const page = await keysetPage<FeedbackRow>(
    em,
    sql`select ${FEEDBACK_COLUMNS} from resource_feedback f left join member_card u on u.id = f.author_id
         where f.resource_id = ${resourceId} and f.hidden_at is null`,
    keys,
    keysetWindow(args, keys),
  );
  return mapNodes(page, toFeedbackView);
}

export async function myFeedback(em: EntityManager, resourceId: string, userId: string): Promise<ResourceFeedbackView | null> {
  const row = await queryOne<FeedbackRow>(
    em,
    sql`select ${FEEDBACK_COLUMNS} from resource_feedback f left join member_card u on u.id = f.author_id
         where f.resource_id = ${resourceId} and f.author_id = ${userId}`,
  );
  return row ? toFeedbackView(row) : null;
}

export async function citationsOf(em: EntityManager, resourceId: string): Promise<ResourceCitation[]> {
  const rows = await query<{ source_id: string; source_type: string; title: string; url: string }>(
    em,
    sql`select source_id, source_type, title, url from resource_citation where resource_id = ${resourceId} order by created_at desc limit 50`,
  );
  return rows.map((row) => ({ id: row.source_id, sourceType: row.source_type, title: row.title, url: row.url }));
}

interface CollectionRow extends MemberCardRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  visibility: string;
  share_token: string;
  created_at: SqlTimestamp;
  updated_at: SqlTimestamp;
  owner_id: string;
}

const COLLECTION_COLUMNS = sql`c.id, c.slug, c.title, c.description, c.visibility, c.share_token, c.created_at, c.updated_at, c.owner_id,
  u.id as member_id, u.display_name, ${hasProfile('u')} as has_profile, u.metier, u.commune, u.departement`;

function toCollectionView(row: CollectionRow & { resource_count?: number }): ResourceCollectionView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    visibility: row.visibility as CollectionVisibility,
    owner: memberOf(row) ?? { id: row.owner_id, displayName: '', hasProfile: false, metier: null, commune: null, departement: null },
    ownerId: row.owner_id,
    resourceCount: row.resource_count ?? 0,
    createdAt: sqlDate(row.created_at),
    updatedAt: sqlDate(row.updated_at),
    shareToken: row.share_token,
  };
}

function collectionCount(viewer: Viewer | null): Sql {
  return boundedCount(
    sql`select 1 from resource_collection_item ci join resource r on r.id = ci.resource_id where ci.collection_id = c.id and r.hidden_at is null and ${visibleTo(viewer)}`,
  );
}

/** A collection by slug: public ones for everyone, private ones for their owner or with the shared link's key. */
export async function readCollection(
  em: EntityManager,
  key: { slug?: string; id?: string },
  token: string | null,
  viewer: Viewer | null,
): Promise<ResourceCollectionView | null> {
  if (key.id !== undefined && !isUuid(key.id)) return null;
  const which = key.id !== undefined ? sql`c.id = ${key.id}` : sql`c.slug = ${key.slug ?? ''}`;
  const row = await queryOne<CollectionRow & { resource_count: number }>(
    em,
    sql`select ${COLLECTION_COLUMNS}, ${collectionCount(viewer)} as resource_count
          from resource_collection c join member_card u on u.id = c.owner_id where ${which}`,
  );
  if (!row) return null;
  const allowed =
    row.visibility === CollectionVisibility.PUBLIC || viewer?.id === row.owner_id || (token !== null && token === row.share_token);
  return allowed ? toCollectionView(row) : null;
}

/** The viewer's own collections, newest first (a member keeps a handful: at most 200 read). */
export async function collectionsOf(em: EntityManager, viewer: Viewer): Promise<Array<ResourceCollectionView>> {
  const rows = await query<CollectionRow & { resource_count: number }>(
    em,
    sql`select ${COLLECTION_COLUMNS}, ${collectionCount(viewer)} as resource_count
          from resource_collection c join member_card u on u.id = c.owner_id
         where c.owner_id = ${viewer.id} order by c.created_at desc, c.id limit 200`,
  );
  return rows.map(toCollectionView);
}

/** The bases the member publishes in (their organizations where they are admin or editor). */
export async function basesOfEditor(em: EntityManager, userId: string): Promise<ResourceBaseView[]> {
  const rows = await query<BaseRow>(
    em,
    sql`select b.id, b.slug, b.name, b.description, b.organization_id
          from resource_base b join organization_member m on m.organization_id = b.organization_id
         where m.user_id = ${userId} and m.role in ('admin', 'editor') order by b.name, b.id limit 100`,
  );
  return rows.map(toBaseView);
}

/** A page of a base's resources the viewer may see (newest first). */
export function baseResources(
  em: EntityManager,
  baseSlug: string,
  viewer: Viewer | null,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<ResourceView>> {
  return listResources(em, { baseSlug }, viewer, args);
}

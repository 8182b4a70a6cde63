import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql, whereAll, type Sql } from '../../db/sql.js';
import { FieldErrors, badInput } from '../../graphql/errors.js';
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
import { say } from '../../i18n/lang.js';
import { normalizeTags } from '../../shared/tags.js';
import { normalizeDepartement } from '../../shared/territory.js';
import { STAGE_ORDER, type ProjectImage, type ProjectStage } from './project.entity.js';
import type { ProjectsArgs } from './projets.input.js';
import type { ProjectCard } from './projets.types.js';

export const DEFAULT_WEIGHTS = { proximity: 5, tags: 5, stage: 2, recency: 3 } as const;
export const MAX_WEIGHT = 10;
/** Distance at which proximity is worth one half (1 at the point itself, 1/3 at twice this distance). */
export const PROXIMITY_HALF_KM = 20;
/** Age (since the last update) at which recency is worth one half; it halves again every such period. */
export const RECENCY_HALF_LIFE_DAYS = 90;
/** How many projects each candidate set brings to be scored (the nearest, the latest sharing a tag…). */
export const SCORED_CANDIDATES = 500;
/** Within a circle, how many of its latest projects the sets by date are chosen from. */
export const CIRCLE_LATEST = 4 * SCORED_CANDIDATES;

type Weights = { proximity: number; tags: number; stage: number; recency: number };

interface ProjectCardRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  stage: ProjectStage;
  tags: string[];
  commune: string | null;
  departement: string | null;
  latitude: number | null;
  longitude: number | null;
  cover_image: ProjectImage | null;
  created_at: Date;
  updated_at: Date;
  holder_id: string;
  holder_name: string;
  holder_slug: string;
  open_campaign_count: number;
  distance_km: number | string | null;
  s_proximity: number | string;
  s_tags: number | string;
  s_stage: number | string;
  s_recency: number | string;
  score: number | string;
  total_count: number;
}

/**
 * Best score first, then the better text match, the latest update, and the id (unique). The score
 * and the text rank are columns of the inner select (`scored`). The first key is the instant the
 * scores were computed: the same for every row, it travels in the cursor so that the next pages
 * weigh recency from that same instant, and a project never moves from one page to the next.
 */
const PROJECT_ORDER: SortKey[] = [
  { expression: sql`s.scored_at`, direction: 'asc' },
  { expression: sql`s.score`, direction: 'desc' },
  { expression: sql`s.text_rank`, direction: 'desc' },
  { expression: sql`s.updated_at`, direction: 'desc' },
  { expression: sql`s.id`, direction: 'asc' },
];

function checkWeights(args: ProjectsArgs): Weights {
  const errors = new FieldErrors();
  const weights: Weights = { ...DEFAULT_WEIGHTS };
  for (const key of Object.keys(DEFAULT_WEIGHTS) as Array<keyof Weights>) {
    const value = args.weights?.[key];
    if (value == null) continue;
    if (!Number.isInteger(value) || value < 0 || value > MAX_WEIGHT) {
      errors.add(`weights.${key}`, say(`Chaque poids va de 0 à ${MAX_WEIGHT}.`, `Each weight goes from 0 to ${MAX_WEIGHT}.`));
    }
    weights[key] = value;
  }
  if (args.near) {
    if (!(args.near.lat >= -90 && args.near.lat <= 90))
      errors.add('near.lat', say('La latitude doit être comprise entre -90 et 90.', 'Latitude must be between -90 and 90.'));
    if (!(args.near.lng >= -180 && args.near.lng <= 180))
      errors.add('near.lng', say('La longitude doit être comprise entre -180 et 180.', 'Longitude must be between -180 and 180.'));
    if (args.near.radiusKm != null && !(args.near.radiusKm > 0 && args.near.radiusKm <= 2000)) {
      errors.add('near.radiusKm', say('Le rayon va de 1 à 2 000 km.', 'The radius goes from 1 to 2,000 km.'));
    }
  }
  if (args.search && args.search.length > 200)
    errors.add('search', say('La recherche ne peut pas dépasser 200 caractères.', 'The search cannot exceed 200 characters.'));
  errors.throwIfAny();
  // Without a point there is no proximity to weigh.
  if (!args.near) weights.proximity = 0;
  return weights;
}

/**
 * The project list: text search and filters, ranked by a weighted score the person sets.
 * Each criterion scores 0 to 1 and the score is their weighted mean, so doubling one weight
 * moves the projects strong on that criterion up, predictably. One SQL statement per page
 * (keyset pages, docs/read-models.md).
 */
export async function searchProjects(em: EntityManager, args: ProjectsArgs): Promise<Connection<ProjectCard>> {
  const window = keysetWindow(args, PROJECT_ORDER);
  // The first page scores at the database's now(); the next ones at the instant their cursor carries.
  const scoredAt = window.after ? window.after[0] : null;
  if (scoredAt !== null && Number.isNaN(Date.parse(scoredAt)))
    throw badInput({ after: say('Curseur de pagination invalide.', 'Invalid pagination cursor.') });
  const weights = checkWeights(args);
  const tags = normalizeTags(args.tags ?? []);
  const search = args.search?.trim() || null;
  const preferredRank = STAGE_ORDER.indexOf((args.preferredStage ?? 'deploye') as ProjectStage) + 1;
  const totalWeight = weights.proximity + weights.tags + weights.stage + weights.recency;
  const near = args.near ?? null;
  const stages = args.stages?.length ? `{${args.stages.join(',')}}` : null;
  const departement = normalizeDepartement(args.departement);
  const holderId = args.holderId ?? null;
  // Constants of the scoring, written in the statement as before (not bound).
  const proximityHalfKm = sql.raw(String(PROXIMITY_HALF_KM));
  const recencyHalfLifeDays = sql.raw(String(RECENCY_HALF_LIFE_DAYS));

  // The filters, written with bound values so that each can use its index (the location index for
  // the radius, the search index for words); every candidate set below applies them all.
  const point = near ? sql`ll_to_earth(${near.lat}::double precision, ${near.lng}::double precision)` : null;
  const filters = whereAll([
    sql`p.hidden_at is null`,
    search
      ? sql`project_search_document(p.title, p.summary, p.description, p.tags) @@ websearch_to_tsquery('fr_unaccent', ${search}::text)`
      : null,
    near?.radiusKm != null && point
      ? sql`p.latitude is not null and earth_box(${point}, ${near.radiusKm * 1000}::double precision) @> maillage_earth_point(p.latitude, p.longitude)
            and earth_distance(${point}, maillage_earth_point(p.latitude, p.longitude)) <= ${near.radiusKm * 1000}::double precision`
      : null,
    stages ? sql`p.stage::text = any(${stages}::text[])` : null,
    departement ? sql`p.departement = ${departement}::text` : null,
    holderId ? sql`p.holder_id = ${holderId}::uuid` : null,
    args.seekingTesters
      ? sql`exists (select 1 from campaign c
                     where c.project_id = p.id and c.closed_at is null and c.hidden_at is null and c.application_deadline > now())`
      : null,
  ]);
  // Only candidates are scored, each set read through an index and bounded: the nearest ones, the
  // latest sharing a tag, the latest at the preferred stage, the latest of all. A project in none of
  // them is beaten on every criterion by the candidates, so the first pages are the same as a full
  // scoring, whatever the table's size (docs/read-models.md, "Bounded work").
  const preferredStage = STAGE_ORDER[preferredRank - 1];
  // No project of the preferred stage passes a stage filter without it.
  const stageSet = !args.stages?.length || args.stages.includes(preferredStage);
  const asked = sql`array(select jsonb_array_elements_text(${JSON.stringify(tags)}::jsonb))`;
  const nearest = point
    ? sql`select p.id from project p ${filters} order by maillage_earth_point(p.latitude, p.longitude) <-> ${point} limit ${SCORED_CANDIDATES}`
    : null;
  // Within a circle, the sets by date come from one walk of the circle's latest projects (`circle_latest`):
  // the GiST index on the position and the date hands them out in `updated_at <-> now()` order (migration
  // 20261206110000), and the walk stops after CIRCLE_LATEST rows. Asked separately, a set with fewer
  // matches than its limit (a rare tag, a stage no project near there has) read the whole circle.
  const inCircle = near?.radiusKm != null && point !== null;
  const circleLatest = inCircle
    ? sql`circle_latest as materialized (
            select p.id, p.tags, p.stage, p.updated_at from project p ${filters} order by p.updated_at <-> now() limit ${CIRCLE_LATEST}),`
    : sql.empty;
  // The latest projects (of the circle, or of the whole list) that also meet `condition`, given the row's alias.
  const latestOf = (condition: ((row: Sql) => Sql) | null) =>
    inCircle
      ? sql`select l.id from circle_latest l ${whereAll([condition?.(sql.raw('l'))])} order by l.updated_at desc limit ${SCORED_CANDIDATES}`
      : sql`select p.id from project p ${filters} ${condition ? sql`and ${condition(sql.raw('p'))}` : sql.empty}
             order by p.updated_at desc limit ${SCORED_CANDIDATES}`;
  const candidateSets = [
    nearest,
    tags.length ? latestOf((row) => sql`${row}.tags && ${asked}`) : null,
    stageSet ? latestOf((row) => sql`${row}.stage = ${preferredStage}`) : null,
    latestOf(null),
  ].filter((set): set is NonNullable<typeof set> => set !== null);

  // The candidates with their score (the inner select of the page).
  const scored = sql`with asked as (
       select ${near?.lat ?? null}::double precision as lat, ${near?.lng ?? null}::double precision as lng,
              ${asked} as tags,
              case when ${search}::text is null then null else websearch_to_tsquery('fr_unaccent', ${search}::text) end as query,
              coalesce(${scoredAt}::timestamptz, now()) as scored_at
     ),
     ${circleLatest}
     candidates as (${sql.join(
       candidateSets.map((set) => sql`(${set})`),
       sql` union `,
     )}),
     matching as (
       select p.*, d.distance_km, asked.scored_at,
              case when asked.query is null then 0 else ts_rank(project_search_document(p.title, p.summary, p.description, p.tags), asked.query) end as text_rank,
              coalesce(1.0 / (1.0 + d.distance_km / ${proximityHalfKm}), 0) as s_proximity,
              case when cardinality(asked.tags) = 0 then 0
                   else cardinality(array(select unnest(p.tags) intersect select unnest(asked.tags)))::double precision / cardinality(asked.tags) end as s_tags,
              -- In double precision: numeric's power() costs more than the rest of the scoring.
              1.0::float8 - abs(array_position(array['idee','prototype','beta','deploye'], p.stage::text) - ${preferredRank}) / 3.0::float8 as s_stage,
              power(0.5::float8, extract(epoch from (asked.scored_at - p.updated_at))::float8 / (86400.0 * ${recencyHalfLifeDays})::float8) as s_recency
         from candidates c
         -- Each candidate by its key ("limit 1" keeps the subquery apart, so a lookup: on a small table PostgreSQL
         -- would rather scan it all).
         cross join lateral (select * from project p where p.id = c.id limit 1) p
         cross join asked
         cross join lateral (
           select case when asked.lat is null or p.latitude is null then null
                       else earth_distance(ll_to_earth(asked.lat, asked.lng), maillage_earth_point(p.latitude, p.longitude)) / 1000.0 end as distance_km
         ) d
     ),
     scored as (
       select m.*, o.name as holder_name, o.slug as holder_slug,
              case when ${totalWeight} = 0 then 0
                   else (${weights.proximity} * m.s_proximity + ${weights.tags} * m.s_tags + ${weights.stage} * m.s_stage + ${weights.recency} * m.s_recency)
                        / ${totalWeight || 1} end as score
         from matching m
         cross join lateral (select o.name, o.slug from organization_card o where o.id = m.holder_id limit 1) o
     )`;
  // Every match is counted (up to the cap), not only the candidates.
  const listed = sql`select 1 from project p join organization_card o on o.id = p.holder_id ${filters}`;
  const statement = sql`${scored}
     select s.id, s.slug, s.title, s.summary, s.stage, s.tags, s.commune, s.departement, s.latitude, s.longitude,
            s.images -> 0 as cover_image, s.created_at, s.updated_at,
            s.holder_id, s.holder_name, s.holder_slug,
            (select count(*) from campaign c
              where c.project_id = s.id and c.closed_at is null and c.hidden_at is null and c.application_deadline > now())::int as open_campaign_count,
            s.distance_km, s.s_proximity, s.s_tags, s.s_stage, s.s_recency, s.score, ${boundedCount(listed)} as total_count,
            ${keysetColumns(PROJECT_ORDER)}
       -- The page is chosen first, so that its campaigns are counted for its rows only, not for every candidate.
       from (select * from scored s ${whereAll([afterCursor(PROJECT_ORDER, window)])} ${keysetOrder(PROJECT_ORDER)} limit ${window.limit + 1}) s
      ${keysetOrder(PROJECT_ORDER)}`;
  // Within a circle the planner takes it for 0.1 % of the table (the cube operators' fixed estimate)
  // and would read it whole through a bitmap, then sort; told not to, it walks the GiST indexes in their
  // own order and each candidate set stops after its rows (0.8 s → tens of ms at 1,000,000 projects).
  const rows = inCircle
    ? await em.transactional(async (tx) => {
        await execute(tx, sql`set local enable_bitmapscan = off`);
        return query<ProjectCardRow>(tx, statement);
      })
    : await query<ProjectCardRow>(em, statement);
  // Only for a page past the last one, which has no row to carry the total.
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, listed) : 0;
  const toCard = (row: ProjectCardRow): ProjectCard => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    stage: row.stage,
    tags: row.tags,
    commune: row.commune,
    departement: row.departement,
    latitude: row.latitude,
    longitude: row.longitude,
    coverImage: row.cover_image ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    holder: { id: row.holder_id, name: row.holder_name, slug: row.holder_slug },
    openCampaignCount: row.open_campaign_count,
    distanceKm: row.distance_km == null ? null : Number(row.distance_km),
    score: Number(row.score),
    scoreParts: {
      proximity: Number(row.s_proximity),
      tags: Number(row.s_tags),
      stage: Number(row.s_stage),
      recency: Number(row.s_recency),
    },
  });
  const connection = keysetConnection(rows, window, total);
  return { ...connection, edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: toCard(node) })) };
}

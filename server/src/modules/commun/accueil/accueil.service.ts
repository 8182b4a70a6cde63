import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql, type Sql } from '../../../db/sql.js';
import { FieldErrors } from '../../../graphql/errors.js';
import { say, type Lang } from '../../../i18n/lang.js';
import { icu } from '../../../i18n/count.js';
import { UNKNOWN_DEPARTEMENT, isDepartement, normalizeDepartement } from '../../../shared/territory.js';
import { homeFeedProviders, homeFigureProviders, homePersonalProviders } from '../plugs.js';
import { writeCounted, type CountedText, type HomeFeedProvider, type HomeFilter, type HomeItemRow } from './accueil-provider.js';
import type { Viewer } from '../../comptes/viewer.js';

export interface HomeItem extends Omit<HomeItemRow, 'at'> {
  kind: string;
  at: Date;
}

export interface HomeSection {
  kind: string;
  label: string;
  items: HomeItem[];
}

export interface HomeFigure {
  key: string;
  label: string;
  value: number;
}

/** The filter as asked (the radius may be left out: 30 km), checked. */
export function checkHomeFilter(
  input: Omit<HomeFilter, 'near'> & { near?: { lat: number; lng: number; radiusKm?: number | null } | null },
): HomeFilter {
  const errors = new FieldErrors();
  const departement = normalizeDepartement(input.departement);
  if (departement && !isDepartement(departement)) errors.add('departement', UNKNOWN_DEPARTEMENT);
  const near = input.near ? { lat: input.near.lat, lng: input.near.lng, radiusKm: input.near.radiusKm ?? 30 } : null;
  if (near) {
    if (!(near.lat >= -90 && near.lat <= 90) || !(near.lng >= -180 && near.lng <= 180))
      errors.add('near', say('Cette position est invalide.', 'This position is not valid.'));
    if (!(near.radiusKm > 0 && near.radiusKm <= 200))
      errors.add('near', say('Choisissez une distance entre 1 et 200 km.', 'Choose a distance between 1 and 200 km.'));
  }
  errors.throwIfAny();
  return { departement, near };
}

/** The rows made items in place: they are this request's own objects, read once. */
function toItems(kind: string, rows: HomeItemRow[], counted: CountedText | undefined, lang: Lang): HomeItem[] {
  return rows.map((row) =>
    Object.assign(writeCounted(row, counted, lang), { kind, at: row.at instanceof Date ? row.at : new Date(row.at) }),
  );
}

/** How many items each section shows (1 to 20). */
export function itemsPerSection(asked: number): number {
  return Math.min(Math.max(asked, 1), 20);
}

/**
 * Every feed's statement run as one (`union all`): one round trip and one pooled connection for the whole
 * home page, where eight statements at once held eight connections. Each row says which feed it comes from
 * and its rank in that feed's order by date (a union promises no order of its own). Prepared: its text is the
 * same on every visit (for each kind of filter), and parsing this union cost PostgreSQL more than running it
 * (1.3 → 0.8 ms of a backend's CPU).
 */
async function readFeeds(
  em: EntityManager,
  feeds: ReadonlyArray<{ statement: Sql; soonestFirst?: boolean; counted?: CountedText }>,
): Promise<HomeItemRow[][]> {
  const items: Array<Array<HomeItemRow & { n: string | number }>> = feeds.map(() => []);
  if (feeds.length === 0) return items;
  const parts = feeds.map(
    ({ statement, soonestFirst, counted }, index) =>
      sql`select ${index}::int as feed, row_number() over (order by f.at ${sql.raw(soonestFirst ? 'asc' : 'desc')}, f.id) as n,
                 f.id::text as id, f.title::text as title, f.summary::text as summary, f.link::text as link,
                 f.at::timestamptz as at, f.departement::text as departement, f.place::text as place,
                 ${sql.raw(counted ? 'f.count::int' : 'null::int')} as count
            from (${statement}) f`,
  );
  const rows = await query<HomeItemRow & { feed: number; n: string | number }>(em, sql.join(parts, sql` union all `).prepared());
  // `feed` and `n` stay on the rows: GraphQL answers only the fields asked for.
  for (const row of rows) items[row.feed].push(row);
  return items.map((feed) => feed.sort((a, b) => Number(a.n) - Number(b.n)));
}

/** The sections of these providers (feeds or "what concerns me"), their statements run as one. */
async function readSections<P extends { kind: string; label: HomeFeedProvider['label']; soonestFirst?: boolean; counted?: CountedText }>(
  em: EntityManager,
  lang: Lang,
  providers: readonly P[],
  statementOf: (provider: P) => Sql,
): Promise<HomeSection[]> {
  const feeds = await readFeeds(
    em,
    providers.map((provider) => ({ statement: statementOf(provider), soonestFirst: provider.soonestFirst, counted: provider.counted })),
  );
  return providers.map((provider, index) => ({
    kind: provider.kind,
    label: provider.label[lang],
    items: toItems(provider.kind, feeds[index], provider.counted, lang),
  }));
}

/** Each section's latest items, every feed in one statement. */
export function homeSections(em: EntityManager, lang: Lang, filter: HomeFilter, limit: number): Promise<HomeSection[]> {
  return readSections(em, lang, homeFeedProviders(), (provider) => provider.query(filter, limit, lang));
}

/**
 * The network's figures, in one statement: each figure is a scalar subquery, named f0, f1… in the providers' order.
 * Prepared: the same text on every visit (0.3 → 0.07 ms of a backend's CPU).
 */
export async function homeFigures(em: EntityManager, lang: Lang): Promise<HomeFigure[]> {
  const providers = homeFigureProviders();
  if (providers.length === 0) return [];
  const columns = providers.map((figure, index) => sql`(${figure.sql})::float8 as ${sql.raw(`f${index}`)}`);
  const row = await queryOne<Record<string, string | number | null>>(em, sql`select ${sql.join(columns)}`.prepared());
  return providers.map((figure, index) => {
    const value = Number(row?.[`f${index}`] ?? 0);
    return { key: figure.key, label: icu(lang, figure.label[lang], { n: value }), value };
  });
}

/** For a signed-in member, what concerns them, every provider in one statement (nothing for a visitor). */
export async function homeForMe(em: EntityManager, user: Viewer | null, lang: Lang, limit: number): Promise<HomeSection[]> {
  if (!user) return [];
  return readSections(em, lang, homePersonalProviders(), (provider) => provider.query(user, limit, lang));
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { query, queryOne, sql } from '../../../db/sql.js';
import { FieldErrors } from '../../../graphql/errors.js';
import { say, type Lang } from '../../../i18n/lang.js';
import { isDepartement, normalizeDepartement } from '../../../shared/territory.js';
import type { User } from '../../comptes/user.entity.js';
import { homeFeedProviders, homeFigureProviders, homePersonalProviders } from '../plugs.js';
import type { HomeFilter, HomeItemRow } from './accueil-provider.js';

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
  if (departement && !isDepartement(departement))
    errors.add(
      'departement',
      say('Ce numéro de département est inconnu (exemples : 44, 2A, 974).', 'Unknown département number (e.g. 44, 2A, 974).'),
    );
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

function toItems(kind: string, rows: HomeItemRow[]): HomeItem[] {
  return rows.map((row) => ({ ...row, kind, at: new Date(row.at) }));
}

/** How many items each section shows (1 to 20). */
export function itemsPerSection(asked: number): number {
  return Math.min(Math.max(asked, 1), 20);
}

/** Each section's latest items: one statement per section's feed. */
export function homeSections(em: EntityManager, lang: Lang, filter: HomeFilter, limit: number): Promise<HomeSection[]> {
  return Promise.all(
    homeFeedProviders().map(async (provider) => {
      const rows = await query<HomeItemRow>(em, provider.query(filter, limit, lang));
      return { kind: provider.kind, label: provider.label[lang], items: toItems(provider.kind, rows) };
    }),
  );
}

/** The network's figures, in one statement: each figure is a scalar subquery, named f0, f1… in the providers' order. */
export async function homeFigures(em: EntityManager, lang: Lang): Promise<HomeFigure[]> {
  const providers = homeFigureProviders();
  if (providers.length === 0) return [];
  const columns = providers.map((figure, index) => sql`(${figure.sql})::float8 as ${sql.raw(`f${index}`)}`);
  const row = await queryOne<Record<string, string | number | null>>(em, sql`select ${sql.join(columns)}`);
  return providers.map((figure, index) => ({ key: figure.key, label: figure.label[lang], value: Number(row?.[`f${index}`] ?? 0) }));
}

/** For a signed-in member, what concerns them: one statement per provider (nothing for a visitor). */
export function homeForMe(em: EntityManager, user: User | null, lang: Lang, limit: number): Promise<HomeSection[]> {
  if (!user) return Promise.resolve([]);
  return Promise.all(
    homePersonalProviders().map(async (provider) => {
      const rows = await query<HomeItemRow>(em, provider.query(user, limit, lang));
      return { kind: provider.kind, label: provider.label[lang], items: toItems(provider.kind, rows) };
    }),
  );
}

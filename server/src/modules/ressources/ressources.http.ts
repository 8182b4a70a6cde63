/**
 * Open data: the public resources under an open licence (Licence Ouverte, CC BY, CC BY-SA), as JSON and
 * CSV (`GET /api/ressources.json`, `GET /api/ressources.csv`, through the one CSV writer, shared/csv.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Express, Response } from 'express';
import { query, sql } from '../../db/sql.js';
import { logger } from '../../logger.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { toCsv } from '../../shared/csv.js';
import type { HttpRouteDeps } from '../commun/section.js';
import { LICENCES } from './ressources.licences.js';
import { OPEN_LICENCES } from './ressources.service.js';
import type { ResourceLicence } from './ressources.types.js';

export interface OpenResource {
  id: string;
  url: string;
  titre: string;
  resume: string;
  type: string;
  licence: string;
  licence_url: string | null;
  themes: string[];
  publics: string[];
  niveaux: number[];
  mots_cles: string[];
  base: string | null;
  auteurs: string[];
  date_publication: string;
  date_maj: string;
}

/** At most this many, newest first: the listing stays one bounded statement. */
export const OPEN_DATA_LIMIT = 10_000;

export async function openResources(em: EntityManager, origin: string): Promise<OpenResource[]> {
  const rows = await query<{
    id: string;
    slug: string;
    title: string;
    summary: string;
    kind: string;
    licence: ResourceLicence;
    themes: string[];
    publics: string[];
    levels: number[];
    tags: string[];
    base_name: string | null;
    authors: string[];
    published_at: string | Date;
    updated_at: string | Date;
  }>(
    em,
    sql`select r.id, r.slug, r.title, r.summary, r.kind, r.licence, r.themes, r.publics, r.levels, r.tags, b.name as base_name,
               array(select coalesce(u.display_name, '') from member_card u where u.id = any(r.author_ids) order by array_position(r.author_ids, u.id))
               || array(select o.name from organization_card o where o.id = any(r.author_organization_ids)) as authors,
               to_char(r.published_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as published_at,
               to_char(r.updated_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as updated_at
          from resource r left join resource_base b on b.id = r.base_id
         where r.hidden_at is null and r.visibility = 'public' and r.licence = any(${pgTextArray(OPEN_LICENCES)}::text[])
         order by r.published_at desc, r.id desc limit ${OPEN_DATA_LIMIT}`,
  );
  return rows.map((row) => ({
    id: row.id,
    url: `${origin}/ressources/${row.slug}`,
    titre: row.title,
    resume: row.summary,
    type: row.kind,
    licence: LICENCES[row.licence].label.fr,
    licence_url: LICENCES[row.licence].url,
    themes: row.themes,
    publics: row.publics,
    niveaux: row.levels,
    mots_cles: row.tags,
    base: row.base_name,
    auteurs: row.authors,
    date_publication: String(row.published_at),
    date_maj: String(row.updated_at),
  }));
}

const COLUMNS: Array<keyof OpenResource> = [
  'id',
  'url',
  'titre',
  'resume',
  'type',
  'licence',
  'licence_url',
  'themes',
  'publics',
  'niveaux',
  'mots_cles',
  'base',
  'auteurs',
  'date_publication',
  'date_maj',
];

export function resourcesCsv(records: OpenResource[]): string {
  const cell = (value: OpenResource[keyof OpenResource]) => (Array.isArray(value) ? value.join('|') : (value ?? ''));
  return toCsv([COLUMNS, ...records.map((record) => COLUMNS.map((column) => cell(record[column])))], { delimiter: ',', quoteText: true });
}

export function mountRessourcesOpenData(app: Express, { orm, config }: HttpRouteDeps): void {
  const serve = (type: 'csv' | 'json') => async (_req: unknown, res: Response) => {
    try {
      const records = await openResources(orm.em.fork(), (config.publicUrl ?? '').replace(/\/$/, ''));
      res.set({
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cache-Control': 'public, max-age=300',
        'Content-Disposition': `inline; filename="ressources-mediation-numerique.${type}"`,
      });
      if (type === 'csv') res.type('text/csv; charset=utf-8').send(resourcesCsv(records));
      else res.type('application/json; charset=utf-8').send(JSON.stringify(records));
    } catch (error) {
      logger.error({ err: error }, 'resources open data failed');
      res.status(500).type('text/plain; charset=utf-8').send('L’export n’a pas pu être produit. Réessayez dans un instant.');
    }
  };
  app.get('/api/ressources.json', serve('json'));
  app.get('/api/ressources.csv', serve('csv'));
}

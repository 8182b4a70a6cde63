/** Projets' shared links: each visible project's card image and its sitemap part (commun/partage). */
import { query, sql } from '../../db/sql.js';
import type { CardProvider, SitemapProvider } from '../commun/partage/partage-provider.js';

export const projectCard: CardProvider = {
  kind: 'projet',
  label: 'Projets',
  colour: '#5b3a8c',
  async load(em, id) {
    const [project] = await query<{ title: string; summary: string; commune: string | null; updated_at: Date }>(
      em,
      sql`select title, summary, commune, updated_at from project where id = ${id}::uuid and hidden_at is null`,
    );
    if (!project) return null;
    return {
      title: project.title,
      lines: [project.summary, project.commune ?? ''],
      version: String(new Date(project.updated_at).getTime()),
    };
  },
};

export const projectsSitemap: SitemapProvider = {
  part: 'projets',
  rows: (after, limit) =>
    sql`select id::text as key, '/projets/' || slug as path, updated_at as lastmod from project
         where hidden_at is null ${after ? sql`and id > ${after}::uuid` : sql.empty} order by id limit ${limit}`,
  keyAt: (after, skip) =>
    sql`select id::text as key from project where hidden_at is null ${after ? sql`and id > ${after}::uuid` : sql.empty} order by id offset ${skip} limit 1`,
};

/** Projets' shared links: each visible project's card image and its sitemap part (commun/partage). */
import { query, sql, whereAll } from '../../db/sql.js';
import { keyRangeConditions, type CardProvider, type SitemapProvider } from '../commun/partage/partage-provider.js';

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
  table: 'project',
  rows: (range, limit) =>
    sql`select id::text as key, '/projets/' || slug as path, updated_at as lastmod from project
         ${whereAll([sql`hidden_at is null`, ...keyRangeConditions(sql`id`, range)])} order by id limit ${limit}`,
};

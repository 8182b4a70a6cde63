/** Ressources' shared links: each public resource's card image and its sitemap part (commun/partage). */
import { query, sql, whereAll } from '../../db/sql.js';
import { keyRangeConditions, type CardProvider, type SitemapProvider } from '../commun/partage/partage-provider.js';
import { KIND_LABELS } from './ressources.licences.js';
import type { ResourceKind } from './ressources.types.js';

export const resourceCard: CardProvider = {
  kind: 'ressource',
  label: 'Ressources',
  colour: '#2f5d3a',
  async load(em, id) {
    const [resource] = await query<{ title: string; kind: ResourceKind; base_name: string | null; updated_at: Date }>(
      em,
      sql`select r.title, r.kind, b.name as base_name, r.updated_at from resource r left join resource_base b on b.id = r.base_id
           where r.id = ${id}::uuid and r.hidden_at is null and r.visibility = 'public'`,
    );
    if (!resource) return null;
    return {
      title: resource.title,
      lines: [KIND_LABELS[resource.kind]?.fr ?? '', resource.base_name ?? ''],
      version: String(new Date(resource.updated_at).getTime()),
    };
  },
};

/** Public resources only, in id order on the primary key. */
export const resourcesSitemap: SitemapProvider = {
  part: 'ressources',
  table: 'resource',
  rows: (range, limit) =>
    sql`select id::text as key, '/ressources/' || slug as path, updated_at as lastmod from resource
         ${whereAll([sql`hidden_at is null and visibility = 'public'`, ...keyRangeConditions(sql`id`, range)])} order by id limit ${limit}`,
};

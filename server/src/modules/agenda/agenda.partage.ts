/** The agenda's shared links: each visible event's card image and its sitemap part (commun/partage). */
import { query, sql, whereAll } from '../../db/sql.js';
import { keyRangeConditions, type CardProvider, type SitemapProvider } from '../commun/partage/partage-provider.js';
import { eventZone, frenchDateTime } from '../../shared/local-time.js';

export const eventCard: CardProvider = {
  kind: 'evenement',
  label: 'Agenda',
  colour: '#8a3c00',
  async load(em, id) {
    const [event] = await query<{
      title: string;
      starts_at: Date;
      departement: string | null;
      place: string | null;
      online: boolean;
      updated_at: Date;
    }>(
      em,
      sql`select e.title, e.starts_at, e.departement, coalesce(o.name || coalesce(' · ' || o.commune, ''), e.commune) as place,
                 e.online_url is not null as online, e.updated_at
            from agenda_event e left join organization_card o on o.id = e.place_id
           where e.id = ${id}::uuid and e.hidden_at is null and e.published_at is not null`,
    );
    if (!event) return null;
    const place = event.place ?? (event.online ? 'En ligne' : '');
    return {
      title: event.title,
      lines: [frenchDateTime(new Date(event.starts_at), eventZone(event)), place],
      version: String(new Date(event.updated_at).getTime()),
    };
  },
};

/** Every event anyone may see, past ones too (their pages stay), in id order on the primary key. */
export const eventsSitemap: SitemapProvider = {
  part: 'evenements',
  table: 'agenda_event',
  rows: (range, limit) =>
    sql`select id::text as key, '/agenda/evenements/' || id as path, updated_at as lastmod from agenda_event
         ${whereAll([sql`hidden_at is null and published_at is not null`, ...keyRangeConditions(sql`id`, range)])} order by id limit ${limit}`,
};

/** The directory's shared links: each place's card image and the sitemap part of every place and organisation. */
import { query, sql, whereAll } from '../../db/sql.js';
import { keyRangeConditions, type CardProvider, type SitemapProvider } from '../commun/partage/partage-provider.js';

const KIND_WORDS: Record<string, string> = { lieu: 'Lieu de médiation numérique', structure: 'Structure', reseau: 'Réseau local' };

export const placeCard: CardProvider = {
  kind: 'lieu',
  label: 'Réseau',
  colour: '#1f5f5b',
  async load(em, id) {
    const [place] = await query<{
      name: string;
      kind: string;
      adresse: string | null;
      code_postal: string | null;
      commune: string | null;
      updated_at: Date;
    }>(em, sql`select name, kind, adresse, code_postal, commune, updated_at from organization where id = ${id}::uuid`);
    if (!place) return null;
    const where = [place.adresse, [place.code_postal, place.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return { title: place.name, lines: [KIND_WORDS[place.kind] ?? '', where], version: String(new Date(place.updated_at).getTime()) };
  },
};

/** Places at /reseau/lieux/<slug>, structures and local networks at /organisations/<slug>, in id order. */
export const placesSitemap: SitemapProvider = {
  part: 'lieux',
  table: 'organization',
  rows: (range, limit) =>
    sql`select id::text as key, case when kind = 'lieu' then '/reseau/lieux/' else '/organisations/' end || slug as path, updated_at as lastmod
          from organization ${whereAll(keyRangeConditions(sql`id`, range))} order by id limit ${limit}`,
};

/** Entraide's shared links: each visible question's card image and its sitemap part (commun/partage). */
import { query, sql, whereAll } from '../../db/sql.js';
import { keyRangeConditions, type CardProvider, type SitemapProvider } from '../commun/partage/partage-provider.js';

export const questionCard: CardProvider = {
  kind: 'question',
  label: 'Entraide',
  colour: '#1d4f91',
  async load(em, id) {
    const [question] = await query<{ title: string; solved: boolean; commune: string | null; updated_at: Date }>(
      em,
      sql`select title, accepted_answer_id is not null as solved, commune, updated_at from question where id = ${id}::uuid and hidden_at is null`,
    );
    if (!question) return null;
    return {
      title: question.title,
      lines: [question.solved ? 'Question résolue' : 'Question ouverte', question.commune ?? ''],
      version: String(new Date(question.updated_at).getTime()),
    };
  },
};

export const questionsSitemap: SitemapProvider = {
  part: 'questions',
  table: 'question',
  rows: (range, limit) =>
    sql`select id::text as key, '/entraide/questions/' || id as path, updated_at as lastmod from question
         ${whereAll([sql`hidden_at is null`, ...keyRangeConditions(sql`id`, range)])} order by id limit ${limit}`,
};

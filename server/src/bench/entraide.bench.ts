/**
 * Entraide under load: 100,000 generated questions and 300,000 answers; the question list
 * (20 items with author, tags, vote score, answer count) and the search, each through the whole stack
 * (HTTP → Apollo → type-graphql → the read SQL) and as the same SQL through plain `pg` behind `node:http`
 * (the floor). Reported as requests per second and as the ratio to the floor, with SQL statements per operation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../app.js';
import { readConfig } from '../config.js';
import { execute, sql, type Sql } from '../db/sql.js';
import { questionListStatement, type QuestionFilters } from '../modules/entraide/entraide.read.js';
import { startFloor as startFloorOf } from './floor.js';
import { runLoad } from './load.js';

export const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 100_000);
export const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 300_000);

/** Generated in SQL (a few seconds); triggers are off during the bulk load, and their results computed once after. */
export async function generateEntraide(orm: MikroORM): Promise<void> {
  const run = (statement: Sql) => execute(orm.em, statement);
  const questions = sql`${QUESTIONS}::int`;
  await run(sql`set session_replication_role = replica`);
  await run(sql`insert into app_user (id, email, display_name, departement)
    select gen_random_uuid(), 'membre' || i || '@bench.maillage.fr', 'Membre ' || i, lpad((1 + i % 95)::text, 2, '0') from generate_series(1, 2000) i`);
  await run(sql`insert into tag (slug, label) select 'theme-' || i, 'Thème ' || i from generate_series(1, 200) i`);
  await run(
    sql`insert into tag (slug, label) values ('caf', 'CAF'), ('demarches-en-ligne', 'Démarches en ligne'), ('smartphone', 'Smartphone'), ('pix', 'Pix') on conflict do nothing`,
  );
  await run(sql`
    with users as (select array_agg(id) as ids from app_user),
    words as (select array['Démarches CAF', 'événement', 'smartphone', 'Aidants Connect', 'Pix', 'imprimante', 'courriel', 'tablette',
                           'France Services', 'impôts', 'ameli', 'mot de passe', 'banque en ligne', 'visioconférence', 'atelier', 'réseau'] as w)
    insert into question (id, author_id, title, body, tags, departement, created_at, updated_at, last_activity_at)
    select gen_random_uuid(), users.ids[1 + (i::bigint * 7919) % 2000],
           'Question ' || i || ' : ' || words.w[1 + i % 16] || ' et ' || words.w[1 + (i / 16) % 16] || ' pour une personne accompagnée',
           'Bonjour, une personne me demande comment faire avec ' || words.w[1 + (i / 3) % 16] || '. Nous avons essayé plusieurs fois sans succès. Merci pour vos idées !',
           array['theme-' || (1 + i % 200), case when i % 3 = 0 then 'caf' when i % 3 = 1 then 'smartphone' else 'pix' end],
           lpad((1 + i % 95)::text, 2, '0'),
           now() - make_interval(mins => i), now(), now() - make_interval(mins => i)
    from generate_series(1, ${questions}) i, users, words`);
  await run(sql`
    with users as (select array_agg(id) as ids from app_user),
    questions as (select array_agg(id order by created_at) as ids from question)
    insert into answer (id, question_id, author_id, body, up_votes, score, created_at, updated_at)
    select gen_random_uuid(), questions.ids[1 + (i::bigint * 104729) % ${questions}], users.ids[1 + (i::bigint * 31) % 2000],
           'Voici ce que nous faisons dans notre lieu : on prend rendez-vous et on vérifie les identifiants ensemble (' || i || ').',
           i % 4, i % 4, now() - make_interval(mins => i % 50000), now()
    from generate_series(1, ${ANSWERS}::int) i, users, questions`);
  await run(sql`update question q set answer_count = a.n, score = (a.n % 5)::int, up_votes = (a.n % 5)::int
    from (select question_id, count(*)::int as n from answer group by question_id) a where a.question_id = q.id`);
  await run(
    sql`update question set accepted_answer_id = (select id from answer a where a.question_id = question.id limit 1) where answer_count > 0 and id::text < '4'`,
  );
  await run(sql`update question set search_vector =
    setweight(to_tsvector('fr_unaccent', title), 'A') ||
    setweight(to_tsvector('fr_unaccent', translate(array_to_string(tags, ' '), '-', ' ')), 'A') ||
    setweight(to_tsvector('fr_unaccent', body), 'B')`);
  await run(sql`set session_replication_role = origin`);
  await run(sql`vacuum analyze question`);
  await run(sql`vacuum analyze answer`);
  await run(sql`vacuum analyze tag`);
  await run(sql`vacuum analyze app_user`);
}

interface Operation {
  name: string;
  query: string;
  filters: QuestionFilters;
}

const FIELDS = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title score answerCount createdAt acceptedAnswerId tags { slug label } author { id displayName } } }`;
export const OPERATIONS: Operation[] = [
  { name: 'question list (20, newest first)', query: `{ questions(first: 20) { ${FIELDS} } }`, filters: {} },
  {
    name: 'search "demarche caf" (20, by relevance)',
    query: `{ questions(first: 20, search: "demarche caf") { ${FIELDS} } }`,
    filters: { search: 'demarche caf' },
  },
];

/** The floor: the same statements through plain `pg` (see floor.ts). */
function startFloor(databaseUrl: string) {
  return startFloorOf(
    databaseUrl,
    new Map(
      OPERATIONS.map((op) => {
        return [op.name, questionListStatement(op.filters, null, { limit: 20, after: null }).toPg()];
      }),
    ),
  );
}

export interface BenchLine {
  operation: string;
  statements: number;
  graphqlPerSecond: number;
  floorPerSecond: number;
  ratio: number;
}

export async function benchEntraide(
  orm: MikroORM,
  databaseUrl: string,
  options: { seconds: number; connections: number },
): Promise<BenchLine[]> {
  const config = { ...readConfig({ ...process.env, NODE_ENV: 'production' }), logLevel: 'silent' };
  const { app, stop } = await createApp({ orm, config });
  const server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const graphqlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const floor = await startFloor(databaseUrl);

  // Every statement MikroORM runs passes through its query logger (whether logging is on or not): count them there.
  const logger = orm.config.getLogger();
  const logQuery = logger.logQuery.bind(logger);
  let recorded = 0;
  logger.logQuery = (context) => {
    recorded++;
    logQuery(context);
  };

  const lines: BenchLine[] = [];
  try {
    for (const op of OPERATIONS) {
      const body = JSON.stringify({ query: op.query });
      // Warm up both (plans, JIT), and count the statements of one GraphQL request.
      await runLoad({ url: graphqlUrl, body, connections: options.connections, seconds: 1 });
      await runLoad({ url: floor.url, body: JSON.stringify({ operation: op.name }), connections: options.connections, seconds: 1 });
      recorded = 0;
      await runLoad({ url: graphqlUrl, body, connections: 1, seconds: 0.001 });
      const statements = recorded;
      const graphql = await runLoad({ url: graphqlUrl, body, connections: options.connections, seconds: options.seconds });
      const plain = await runLoad({
        url: floor.url,
        body: JSON.stringify({ operation: op.name }),
        connections: options.connections,
        seconds: options.seconds,
      });
      if (graphql.errors || plain.errors) throw new Error(`${op.name}: ${graphql.errors} GraphQL errors, ${plain.errors} floor errors`);
      lines.push({
        operation: op.name,
        statements,
        graphqlPerSecond: Math.round(graphql.perSecond),
        floorPerSecond: Math.round(plain.perSecond),
        ratio: Math.round((graphql.perSecond / plain.perSecond) * 100) / 100,
      });
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stop();
    await floor.close();
    logger.logQuery = logQuery;
  }
  return lines;
}

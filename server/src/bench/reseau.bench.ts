/**
 * Réseau under load: 10,000 generated places (BENCH_PLACES); a distance search (10 km, 20 results,
 * nearest first) and a text search, each through the whole stack (HTTP → Apollo → type-graphql →
 * the one read statement) and as the same statement through plain `pg` behind `node:http` (the floor).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../app.js';
import { readConfig } from '../config.js';
import { execute, sql } from '../db/sql.js';
import { organizationSearchStatement, type OrganizationFilters } from '../modules/reseau/directory.service.js';
import { startFloor as startFloorOf } from './floor.js';
import { runLoad } from './load.js';
import type { BenchLine } from './entraide.bench.js';

export const PLACES = Number(process.env.BENCH_PLACES ?? 10_000);

/** Places spread over mainland France (a denser cluster around Nantes), with the standard's fields. */
export async function generatePlaces(orm: MikroORM): Promise<void> {
  await execute(
    orm.em,
    sql`
    with words as (select array['Médiathèque', 'Espace numérique', 'FabLab', 'Centre social', 'France Services', 'Tiers-lieu', 'Maison de quartier', 'Mairie'] as w,
                          array['Nantes', 'Savenay', 'Angers', 'Rennes', 'Lyon', 'Marseille', 'Lille', 'Bordeaux'] as c)
    insert into organization (id, name, slug, kind, standard_id, commune, code_postal, departement, adresse, latitude, longitude,
                              horaires, services, frais_a_charge, date_maj, source)
    select gen_random_uuid(), words.w[1 + i % 8] || ' ' || i || ' de ' || words.c[1 + (i / 8) % 8], 'bench-lieu-' || i, 'lieu', 'bench-' || i,
           words.c[1 + (i / 8) % 8], lpad(((i % 95) + 1)::text, 2, '0') || '000', lpad(((i % 95) + 1)::text, 2, '0'), i || ' rue de la République',
           case when i % 4 = 0 then 47.2184 + ((i * 37) % 1000 - 500) / 1000.0 else 43.0 + ((i * 7919) % 6000) / 1000.0 end,
           case when i % 4 = 0 then -1.5536 + ((i * 53) % 1000 - 500) / 1000.0 else -1.5 + ((i * 104729) % 8000) / 1000.0 end,
           case when i % 2 = 0 then 'Mo-Fr 09:00-12:00,14:00-18:00' else 'Tu-Sa 10:00-19:00' end,
           case when i % 3 = 0 then array['Aide aux démarches administratives'] else array['Maîtrise des outils numériques du quotidien', 'Compréhension du monde numérique'] end,
           array['Gratuit'], date '2024-01-01', 'bench'
    from generate_series(1, ${PLACES}) i, words`,
  );
  await execute(orm.em, sql`vacuum analyze organization`);
}

interface Operation {
  name: string;
  query: string;
  filters: OrganizationFilters;
  center?: { lat: number; lng: number; radiusM: number };
}

const FIELDS = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name slug kind commune codePostal latitude longitude services distanceKm networks { name slug } } }`;
export const OPERATIONS: Operation[] = [
  {
    name: 'places within 10 km of Nantes (20, nearest first)',
    query: `{ organizations(first: 20, near: { lat: 47.2184, lng: -1.5536, radiusKm: 10 }) { ${FIELDS} } }`,
    filters: {},
    center: { lat: 47.2184, lng: -1.5536, radiusM: 10_000 },
  },
  {
    name: 'text search "mediatheque nantes" (20, by relevance)',
    query: `{ organizations(first: 20, search: "mediatheque nantes") { ${FIELDS} } }`,
    filters: { search: 'mediatheque nantes' },
  },
];

/** The floor: the same statements through plain `pg` (see floor.ts). */
function startFloor(databaseUrl: string) {
  return startFloorOf(
    databaseUrl,
    new Map(
      OPERATIONS.map((op) => {
        const { statement } = organizationSearchStatement(op.filters, { limit: 20, after: null }, { center: op.center });
        return [op.name, statement.toPg()];
      }),
    ),
  );
}

export async function benchReseau(
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
  // MikroORM hands every statement to its `onQuery` hook: counting there, the SQL passes unchanged.
  const onQuery = orm.config.get('onQuery');
  let recorded = 0;
  orm.config.set('onQuery', (text, params) => {
    recorded++;
    return onQuery(text, params);
  });
  const lines: BenchLine[] = [];
  try {
    for (const op of OPERATIONS) {
      const body = JSON.stringify({ query: op.query });
      const floorBody = JSON.stringify({ operation: op.name });
      await runLoad({ url: graphqlUrl, body, connections: options.connections, seconds: 1 });
      await runLoad({ url: floor.url, body: floorBody, connections: options.connections, seconds: 1 });
      recorded = 0;
      await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const statements = recorded;
      const graphql = await runLoad({ url: graphqlUrl, body, connections: options.connections, seconds: options.seconds });
      const plain = await runLoad({ url: floor.url, body: floorBody, connections: options.connections, seconds: options.seconds });
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
    orm.config.set('onQuery', onQuery);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stop();
    await floor.close();
  }
  return lines;
}

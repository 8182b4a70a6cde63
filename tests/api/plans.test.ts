import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

/*
 * Issue #15, point 7: no list the web or the API uses reads a whole table. Tables of a realistic
 * size are generated in SQL (100,000 places, questions, time-bank posts and projects), ANALYZEd,
 * then each list is asked for over GraphQL; every statement it sends is captured with its bound
 * values and EXPLAINed as it is. A plan may not scan a big table sequentially, nor sort, hash,
 * aggregate or number more of its rows than a page's worth of candidates (docs/read-models.md).
 */

const ROWS = 100_000;
const BIG_TABLES = new Set(['organization', 'question', 'timebank_post', 'project', 'app_user', 'membership', 'membership_request']);
/** More than any bounded step reads (a 1,001-row count, 4 × 500 projects of a circle), far less than a table. */
const MOST_ROWS_A_STEP_MAY_HANDLE = 5_000;
/** Members listed in the people directory: more than a step may sort. */
const PEOPLE = 20_000;
/** Places crowded around one point (NANTES), for "nearest first" among more places than a step may sort. */
const CROWD = 10_000;
const NANTES = { lat: 47.2184, lng: -1.5536 };
const BLOCKING_NODES = new Set(['Sort', 'Aggregate', 'Hash', 'WindowAgg', 'Materialize', 'Gather Merge', 'Group']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
  Strategy?: string;
}

interface Captured {
  sql: string;
  bindings: unknown[];
}

let app: TestApp;
let recording: Captured[] | null = null;

async function seed(): Promise<void> {
  const knex = app.orm.em.getConnection().getKnex();
  await knex.raw(`
    insert into tag (slug, label) select 'mot-' || i, 'Mot ' || i from generate_series(1, 40) i;
    insert into tag (slug, label) values ('caf', 'CAF') on conflict do nothing;

    insert into app_user (id, email, display_name, status, departement, created_at)
    select gen_random_uuid(), 'membre' || i || '@exemple.fr', 'Membre ' || i, 'active', lpad((i % 95 + 1)::text, 2, '0'),
           now() - i * interval '1 minute'
      from generate_series(1, 2000) i;

    insert into organization (id, name, slug, kind, commune, departement, latitude, longitude, created_at)
    select gen_random_uuid(), 'Lieu ' || md5(i::text), 'lieu-' || i, (array['lieu', 'lieu', 'lieu', 'structure', 'reseau'])[i % 5 + 1]::organization_kind,
           'Commune ' || (i % 3000), lpad((i % 95 + 1)::text, 2, '0'), 43 + (i % 997) * 0.0055, -1.5 + (i % 991) * 0.0075,
           now() - i * interval '1 minute'
      from generate_series(1, ${ROWS}) i;

    -- A town where places crowd: ${CROWD} structures within 3 km of its centre (more than a step may sort).
    insert into organization (id, name, slug, kind, commune, departement, latitude, longitude, created_at)
    select gen_random_uuid(), 'Structure proche ' || i, 'structure-proche-' || i, 'structure', 'Nantes', '44',
           ${NANTES.lat} + ((i * 37) % 200 - 100) * 0.0003, ${NANTES.lng} + ((i * 53) % 200 - 100) * 0.0004, now() - i * interval '1 minute'
      from generate_series(1, ${CROWD}) i;

    insert into question (id, author_id, title, body, tags, departement, created_at, last_activity_at, score)
    select gen_random_uuid(), u.ids[i % 2000 + 1],
           case when i % 10 = 0 then 'Démarche CAF en ligne numéro ' || i else 'Question sur le smartphone numéro ' || i end,
           'Comment faire ? ' || i, array['mot-' || (i % 40 + 1), case when i % 7 = 0 then 'caf' else 'mot-' || (i % 13 + 1) end],
           lpad((i % 95 + 1)::text, 2, '0'), now() - i * interval '1 minute', now() - i * interval '1 minute', i % 11
      from generate_series(1, ${ROWS}) i, (select array_agg(id) as ids from app_user) u;

    insert into timebank_post (id, author_id, kind, title, description, category, tags, departement, status, created_at)
    select gen_random_uuid(), u.ids[i % 2000 + 1], (array['offer', 'request'])[i % 2 + 1]::timebank_post_kind,
           'Annonce ' || i, 'Aide aux démarches ' || i, 'demarches', array['mot-' || (i % 40 + 1)], lpad((i % 95 + 1)::text, 2, '0'),
           case when i % 5 = 0 then 'closed' else 'open' end::timebank_post_status, now() - i * interval '1 minute'
      from generate_series(1, ${ROWS}) i, (select array_agg(id) as ids from app_user) u;

    insert into project (id, title, slug, summary, stage, tags, departement, latitude, longitude, holder_id, created_at, updated_at)
    select gen_random_uuid(), 'Projet ' || i, 'projet-' || i, 'Un projet numéro ' || i,
           (array['idee', 'prototype', 'beta', 'deploye'])[i % 4 + 1]::project_stage,
           array['mot-' || (i % 40 + 1), 'mot-' || (i % 17 + 1)], lpad((i % 95 + 1)::text, 2, '0'),
           43 + (i % 997) * 0.0055, -1.5 + (i % 991) * 0.0075, o.ids[i % 5000 + 1],
           now() - i * interval '1 minute', now() - i * interval '2 minutes'
      from generate_series(1, ${ROWS}) i, (select array_agg(id) as ids from (select id from organization limit 5000) o) o;

    -- The people directory: ${PEOPLE.toLocaleString('en')} members whose address is confirmed (the 2,000 above are not listed).
    insert into app_user (id, email, display_name, status, departement, email_verified_at, created_at)
    select gen_random_uuid(), 'personne' || i || '@exemple.fr', (array['Élodie', 'alain', 'Zoé', 'BRUNO'])[i % 4 + 1] || ' ' || md5(i::text),
           'active', lpad((i % 95 + 1)::text, 2, '0'), now(), now() - i * interval '1 minute'
      from generate_series(1, ${PEOPLE}) i;

    -- One place they all belong to (more members than a step may sort): three admins, then editors and members.
    insert into membership (id, organization_id, user_id, role, created_at)
    select gen_random_uuid(), o.id, u.id,
           case when u.n <= 3 then 'admin' when u.n % 50 = 0 then 'editor' else 'member' end::member_role, now() - u.n * interval '1 minute'
      from (select id, row_number() over (order by email) as n from app_user where email like 'personne%') u,
           (select id from organization where slug = 'lieu-1') o;

    -- Another place they all ask to join: its admins' list of requests waiting, oldest first.
    insert into membership_request (id, organization_id, user_id, message, created_at)
    select gen_random_uuid(), o.id, u.id, 'Bonjour ' || u.n, now() - u.n * interval '1 minute'
      from (select id, row_number() over (order by email) as n from app_user where email like 'personne%') u,
           (select id from organization where slug = 'lieu-2') o;
  `);
  await knex.raw('analyze');
}

beforeAll(async () => {
  app = await startTestApp();
  await seed();
  const knex = app.orm.em.getConnection().getKnex();
  knex.on('query', (query: { sql: string; bindings?: unknown[] }) => recording?.push({ sql: query.sql, bindings: query.bindings ?? [] }));
}, 600_000);

afterAll(async () => {
  await app?.close();
});

/** The statements a GraphQL operation sends, with its data. */
async function statementsOf(
  operation: string,
  variables: Record<string, unknown> = {},
  client: GraphQLClient = app.client(),
): Promise<{ data: any; statements: Captured[] }> {
  recording = [];
  try {
    const data = await client.data(operation, variables);
    return { data, statements: recording };
  } finally {
    recording = null;
  }
}

async function explain(statement: Captured): Promise<PlanNode> {
  const knex = app.orm.em.getConnection().getKnex();
  const connection = await knex.client.acquireConnection();
  try {
    const result = await connection.query(`explain (format json) ${statement.sql}`, statement.bindings);
    return result.rows[0]['QUERY PLAN'][0].Plan as PlanNode;
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/**
 * What, in a plan, grows with a big table: its sequential scans, and blocking steps (sort, hash,
 * aggregate…) fed with more rows than a page needs. A sequential scan feeding a Limit with no
 * blocking step between them stops early (a bounded count's `limit 1001`), so it is allowed when
 * PostgreSQL expects it to stop before half of its rows.
 */
function growingSteps(node: PlanNode, limitRows: number | null = null, found: string[] = []): string[] {
  const type = node['Node Type'];
  if (type === 'Seq Scan' && node['Relation Name'] && BIG_TABLES.has(node['Relation Name'])) {
    if (limitRows === null || limitRows * 2 > node['Plan Rows']) found.push(`Seq Scan on ${node['Relation Name']}`);
  }
  if (BLOCKING_NODES.has(type)) {
    const fedWith = Math.max(node['Plan Rows'], ...(node.Plans ?? []).map((child) => child['Plan Rows']));
    if (fedWith > MOST_ROWS_A_STEP_MAY_HANDLE) found.push(`${type} over ${fedWith} rows`);
  }
  const below = type === 'Limit' ? node['Plan Rows'] : BLOCKING_NODES.has(type) ? null : limitRows;
  for (const child of node.Plans ?? []) growingSteps(child, below, found);
  return found;
}

/** Every statement of the operation, EXPLAINed: what grows with the table in each (empty when all is bounded). */
async function growthOf(operation: string, variables: Record<string, unknown> = {}, client?: GraphQLClient) {
  const { data, statements } = await statementsOf(operation, variables, client);
  expect(statements.length).toBeGreaterThan(0);
  const offences: string[] = [];
  for (const statement of statements) {
    if (/^\s*(begin|commit|rollback|savepoint|release|set )/i.test(statement.sql)) continue;
    const found = growingSteps(await explain(statement));
    if (found.length) offences.push(`${found.join(', ')} in: ${statement.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return { data, offences };
}

const PAGE = `totalCount totalCountCapped pageInfo { hasNextPage endCursor }`;
/** Inside the generated places' area (latitudes 43 to 48.5, longitudes -1.5 to 5.9). */
const LYON = { lat: 45.76, lng: 4.84 };

describe(`every list over ${ROWS.toLocaleString('en')} rows reads only its page (EXPLAIN of the statements sent)`, () => {
  it('the check itself finds a whole-table read', async () => {
    const plan = await explain({ sql: 'select count(*) from question', bindings: [] });
    expect(growingSteps(plan).length).toBeGreaterThan(0);
  });

  it('the directory: by name, the next page, near a point, by words', async () => {
    const first = await growthOf(`{ organizations(first: 20) { ${PAGE} edges { node { id name } } } }`);
    expect(first.offences).toEqual([]);
    expect(first.data.organizations).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    expect(first.data.organizations.edges).toHaveLength(20);

    const next = await growthOf(
      `query ($after: String) { organizations(first: 20, after: $after) { ${PAGE} edges { node { id name } } } }`,
      {
        after: first.data.organizations.pageInfo.endCursor,
      },
    );
    expect(next.offences).toEqual([]);
    expect(next.data.organizations.edges[0].node.name >= first.data.organizations.edges[19].node.name).toBe(true);

    const near = await growthOf(
      `query ($near: DirectoryNearInput) { organizations(first: 20, near: $near) { ${PAGE} edges { node { id distanceKm } } } }`,
      {
        near: { ...LYON, radiusKm: 10 },
      },
    );
    expect(near.offences).toEqual([]);
    expect(near.data.organizations.edges.length).toBeGreaterThan(0);

    const words = await growthOf(`{ organizations(first: 20, search: "commune 12") { ${PAGE} edges { node { id } } } }`);
    expect(words.offences).toEqual([]);
  });

  it(`the directory nearest first where ${CROWD.toLocaleString('en')} places crowd: in order of distance, page after page, each place once`, async () => {
    const NEAR = `query ($near: DirectoryNearInput, $after: String) {
      organizations(first: 20, near: $near, after: $after) { ${PAGE} edges { node { id distanceKm } } } }`;
    const first = await growthOf(NEAR, { near: { ...NANTES, radiusKm: 10 } });
    expect(first.offences).toEqual([]);
    expect(first.data.organizations).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    const distances = first.data.organizations.edges.map((edge: any) => edge.node.distanceKm);
    expect(distances).toHaveLength(20);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(0.05);

    const next = await growthOf(NEAR, { near: { ...NANTES, radiusKm: 10 }, after: first.data.organizations.pageInfo.endCursor });
    expect(next.offences).toEqual([]);
    const nextDistances = next.data.organizations.edges.map((edge: any) => edge.node.distanceKm);
    expect(nextDistances).toHaveLength(20);
    expect(nextDistances[0]).toBeGreaterThanOrEqual(distances[19]);
    const ids = [...first.data.organizations.edges, ...next.data.organizations.edges].map((edge: any) => edge.node.id);
    expect(new Set(ids).size).toBe(40);
  });

  it('the people directory: by name (case and accents ignored), the next page', async () => {
    const PEOPLE_PAGE = `query ($after: String) { people(first: 20, after: $after) { ${PAGE} edges { node { id displayName } } } }`;
    const first = await growthOf(PEOPLE_PAGE);
    expect(first.offences).toEqual([]);
    expect(first.data.people).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    const names = first.data.people.edges.map((edge: any) => edge.node.displayName);
    expect(names).toHaveLength(20);
    // "alain …" comes first although "BRUNO" and "Élodie" begin with capitals.
    expect(names.every((name: string) => name.startsWith('alain '))).toBe(true);

    const next = await growthOf(PEOPLE_PAGE, { after: first.data.people.pageInfo.endCursor });
    expect(next.offences).toEqual([]);
    const nextNames = next.data.people.edges.map((edge: any) => edge.node.displayName);
    expect(nextNames).toHaveLength(20);
    expect(nextNames[0].localeCompare(names[19], 'fr')).toBeGreaterThan(0);
  });

  it(`a place's ${PEOPLE.toLocaleString('en')} members: admins, editors, then members, page after page`, async () => {
    const MEMBERS = `query ($after: String) { organization(slug: "lieu-1") {
      members(first: 30, after: $after) { ${PAGE} edges { node { role user { displayName } } } } } }`;
    const first = await growthOf(MEMBERS);
    expect(first.offences).toEqual([]);
    expect(first.data.organization.members).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    const roles = first.data.organization.members.edges.map((edge: any) => edge.node.role);
    expect(roles).toHaveLength(30);
    expect(roles.slice(0, 3)).toEqual(['ADMIN', 'ADMIN', 'ADMIN']);
    expect(roles.slice(3)).toEqual(Array(27).fill('EDITOR'));

    const next = await growthOf(MEMBERS, { after: first.data.organization.members.pageInfo.endCursor });
    expect(next.offences).toEqual([]);
    expect(next.data.organization.members.edges).toHaveLength(30);
  });

  it(`the ${PEOPLE.toLocaleString('en')} requests to join a place, oldest first, as its admin reads them`, async () => {
    const admin = app.client();
    const { id } = await signUp(admin, 'Admin du lieu 2');
    await app.orm.em
      .getConnection()
      .execute(
        `insert into membership (id, organization_id, user_id, role) select gen_random_uuid(), id, ?, 'admin' from organization where slug = 'lieu-2'`,
        [id],
      );
    const REQUESTS = `query ($after: String) { organization(slug: "lieu-2") {
      membershipRequests(first: 20, after: $after) { ${PAGE} edges { node { message user { displayName } } } } } }`;
    const first = await growthOf(REQUESTS, {}, admin);
    expect(first.offences).toEqual([]);
    const requests = first.data.organization.membershipRequests;
    expect(requests).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    expect(requests.edges[0].node.message).toBe(`Bonjour ${PEOPLE}`);

    const next = await growthOf(REQUESTS, { after: requests.pageInfo.endCursor }, admin);
    expect(next.offences).toEqual([]);
    expect(next.data.organization.membershipRequests.edges[0].node.message).toBe(`Bonjour ${PEOPLE - 20}`);
  });

  it('questions: newest, of a tag, by words', async () => {
    const newest = await growthOf(`{ questions(first: 20) { ${PAGE} edges { node { id title } } } }`);
    expect(newest.offences).toEqual([]);
    expect(newest.data.questions).toMatchObject({ totalCount: 1000, totalCountCapped: true });

    const tagged = await growthOf(`{ questions(first: 20, tag: "caf") { ${PAGE} edges { node { id } } } }`);
    expect(tagged.offences).toEqual([]);
    expect(tagged.data.questions.totalCountCapped).toBe(true);

    const words = await growthOf(`{ questions(first: 20, search: "demarche caf") { ${PAGE} edges { node { id title } } } }`);
    expect(words.offences).toEqual([]);
    expect(words.data.questions.edges[0].node.title).toMatch(/CAF/);
  });

  it('the tags by use, counted as questions are written', async () => {
    const tags = await growthOf(`{ tags(first: 12) { ${PAGE} edges { node { slug } } } }`);
    expect(tags.offences).toEqual([]);
    expect(tags.data.tags.edges[0].node.slug).toBe('caf');
  });

  it('time-bank posts', async () => {
    const posts = await growthOf(`{ timebankPosts(first: 20) { ${PAGE} edges { node { id title } } } }`);
    expect(posts.offences).toEqual([]);
    expect(posts.data.timebankPosts.totalCountCapped).toBe(true);
  });

  it('projects: scored among candidates read through their indexes', async () => {
    const all = await growthOf(`{ projects(first: 20) { ${PAGE} edges { node { id score } } } }`);
    expect(all.offences).toEqual([]);
    const near = await growthOf(
      `query ($near: NearInput) { projects(first: 20, tags: ["mot-3", "mot-5"], preferredStage: BETA, near: $near,
         weights: { proximity: 5, tags: 5, stage: 2, recency: 3 }) { ${PAGE} edges { node { id score tags distanceKm } } } }`,
      { near: { ...LYON, radiusKm: 30 } },
    );
    expect(near.offences).toEqual([]);
    expect(near.data.projects.edges).toHaveLength(20);
    expect(near.data.projects.edges.every((edge: any) => edge.node.distanceKm <= 30)).toBe(true);
  });

  it('the home page: figures from tallies, latest items by index', async () => {
    const home = await growthOf(`{ home { figures { key value } sections { kind items { id } } } }`);
    expect(home.offences).toEqual([]);
    const figures = Object.fromEntries(home.data.home.figures.map((figure: any) => [figure.key, figure.value]));
    expect(figures.lieux).toBe(ROWS * 0.6);
    expect(figures.reseaux).toBe(ROWS * 0.2);
    expect(figures.membres).toBeGreaterThanOrEqual(2000);
  });
});

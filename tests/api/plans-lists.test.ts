import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRoleInDb, startTestApp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, eventInput, members, organizer } from '../helpers/agenda.js';

/*
 * Issue #15, point 7, for the lists tests/api/plans.test.ts does not cover: the agenda (the events of
 * a month, the attendees of an event), resources, conversations, notifications, the time bank's
 * public figures, and the moderation log's lines about places. Each big table gets 100,000 rows generated in SQL, ANALYZEd; each list is asked
 * for over GraphQL as the web asks for it, every statement it sends is captured with its bound
 * values and EXPLAINed: no sequential scan of a big table, no sort, hash, aggregate or numbering of
 * more rows than a page's worth of candidates (docs/read-models.md, "Bounded work").
 */

const ROWS = 100_000;
const BIG_TABLES = new Set([
  'agenda_event',
  'event_registration',
  'resource',
  'conversation',
  'conversation_participant',
  'conversation_message',
  'notification',
  'timebank_transfer',
  'timebank_entry',
  'audit_log',
]);
/** More than any bounded step reads (a 1,001-row count), far less than a table. */
const MOST_ROWS_A_STEP_MAY_HANDLE = 5_000;
const BLOCKING_NODES = new Set(['Sort', 'Aggregate', 'Hash', 'WindowAgg', 'Materialize', 'Gather Merge', 'Group']);
/** The one event whose attendees are listed: 100 seats, 6,000 people waiting (more than a step may handle). */
const SEATS = 100;
const WAITING = 6_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

interface Captured {
  sql: string;
  bindings: unknown[];
}

let app: TestApp;
let recording: Captured[] | null = null;
let viewer: Awaited<ReturnType<typeof members>>[number];
let platformAdmin: Awaited<ReturnType<typeof members>>[number];
let organizerClient: Awaited<ReturnType<typeof organizer>>['client'];
let bigEventId: string;

async function seed(): Promise<void> {
  const knex = app.orm.em.getConnection().getKnex();
  const org = await organizer(app, 'Réseau des plans');
  organizerClient = org.client;
  const { createEvent } = await organizerClient.data(CREATE_EVENT, { input: eventInput(org.organization.id, { capacity: SEATS }) });
  bigEventId = createEvent.id;
  [viewer] = await members(app, 1, 'Membre lecteur');
  [platformAdmin] = await members(app, 1, 'Admin lectrice');
  await grantRoleInDb(app, platformAdmin.id, 'admin');

  await knex.raw(`
    insert into app_user (id, email, display_name, status, departement, created_at)
    select gen_random_uuid(), 'plans' || i || '@exemple.fr', 'Personne ' || i, 'active', lpad((i % 95 + 1)::text, 2, '0'),
           now() - i * interval '1 minute'
      from generate_series(1, ${SEATS + WAITING}) i;

    insert into organization (id, name, slug, kind, commune, departement, created_at)
    select gen_random_uuid(), 'Structure ' || i, 'structure-plans-' || i, 'structure', 'Commune ' || i, lpad((i % 95 + 1)::text, 2, '0'), now()
      from generate_series(1, 200) i;

    -- Events every 10 minutes over about two years around today.
    insert into agenda_event (id, kind, title, description, starts_at, ends_at, organizer_id, departement, published_at)
    select gen_random_uuid(), (array['atelier', 'formation', 'permanence', 'webinaire'])[i % 4 + 1]::event_kind, 'Atelier ' || i, 'Pour tous ' || i,
           now() - interval '350 days' + i * interval '10 minutes', now() - interval '350 days' + i * interval '10 minutes' + interval '2 hours',
           o.ids[i % 200 + 1], lpad((i % 95 + 1)::text, 2, '0'), now() - interval '400 days'
      from generate_series(1, ${ROWS}) i, (select array_agg(id) as ids from organization where slug like 'structure-plans-%') o;

    -- 5 people on each of 20,000 events…
    insert into event_registration (id, event_id, user_id, status, queue_number, created_at)
    select gen_random_uuid(), e.ids[i % 20000 + 1], u.ids[(i / 20000 + i) % 2000 + 1], 'confirmed', i / 20000 + 1, now()
      from generate_series(0, ${ROWS - 1}) i,
           (select array_agg(id order by starts_at) as ids from (select id, starts_at from agenda_event where title like 'Atelier %' limit 20000) e) e,
           (select array_agg(id) as ids from app_user where email like 'plans%') u;
    -- …and 1,500 on the one listed: its seats taken, then the waitlist.
    insert into event_registration (id, event_id, user_id, status, queue_number, confirmed_at, created_at)
    select gen_random_uuid(), '${bigEventId}', u.ids[i], case when i <= ${SEATS} then 'confirmed' else 'waitlisted' end::registration_status, i,
           case when i <= ${SEATS} then now() end, now() - (${SEATS + WAITING} - i) * interval '1 second'
      from generate_series(1, ${SEATS + WAITING}) i, (select array_agg(id order by email) as ids from app_user where email like 'plans%') u;

    insert into resource (id, slug, title, summary, content, kind, licence, visibility, created_by_id, published_at, created_at)
    select gen_random_uuid(), 'ressource-plans-' || i, 'Fiche ' || i, 'Résumé ' || i, 'Contenu ' || i,
           (array['fiche_pratique', 'parcours', 'support_atelier', 'kit_formation'])[i % 4 + 1], 'cc_by',
           case when i % 10 = 0 then 'membres' else 'public' end, u.ids[i % 2000 + 1], now() - i * interval '1 minute', now() - i * interval '1 minute'
      from generate_series(1, ${ROWS}) i, (select array_agg(id) as ids from app_user where email like 'plans%') u;

    -- 50,000 conversations of two people, two messages each; the viewer is in 30 of them.
    insert into conversation (id, kind, last_message_at, created_at)
    select gen_random_uuid(), 'direct', now() - i * interval '1 minute', now() - i * interval '1 minute' from generate_series(1, ${ROWS / 2}) i;
    insert into conversation_participant (id, conversation_id, user_id, unread_count)
    select gen_random_uuid(), c.id, case when side = 1 and c.n <= 30 then '${viewer.id}'::uuid else u.ids[(c.n * 2 + side) % 2000 + 1] end, side
      from (select id, row_number() over (order by last_message_at desc) as n from conversation) c, generate_series(1, 2) side,
           (select array_agg(id) as ids from app_user where email like 'plans%') u;
    insert into conversation_message (id, conversation_id, author_id, body, created_at)
    select gen_random_uuid(), p.conversation_id, p.user_id, 'Bonjour ' || p.id, c.last_message_at
      from conversation_participant p join conversation c on c.id = p.conversation_id;

    insert into notification (id, recipient_id, kind, message, created_at)
    select gen_random_uuid(), case when i % 2500 = 0 then '${viewer.id}'::uuid else u.ids[i % 2000 + 1] end, 'timebank.exchange.proposed',
           'Une proposition ' || i, now() - i * interval '1 minute'
      from generate_series(1, ${ROWS}) i, (select array_agg(id) as ids from app_user where email like 'plans%') u;

    -- The time bank: an account per person, 100,000 transfers this month and before, loaded
    -- without their row triggers (as the benchmarks do), then the figures' summaries rebuilt.
    set session_replication_role = replica;
    insert into timebank_account (id, kind, user_id, balance)
    select gen_random_uuid(), 'member', id, 0 from app_user where email like 'plans%';
    insert into timebank_transfer (id, kind, from_account_id, to_account_id, minutes, memo, created_at)
    select gen_random_uuid(), 'direct', a.ids[i % 2000 + 1], a.ids[(i + 1 + i % 97) % 2000 + 1], 15 * (1 + i % 8), 'Atelier ' || i,
           now() - (i % 600) * interval '1 second'
      from generate_series(1, ${ROWS}) i,
           (select array_agg(a.id) as ids from timebank_account a join app_user u on u.id = a.user_id where u.email like 'plans%') a;
    set session_replication_role = origin;
    select timebank_stats_rebuild();

    -- The moderation log: one line in ten is an answer about a place, the others hide content.
    insert into audit_log (id, action, actor_id, target_user_id, content_type, content_id, data, created_at)
    select gen_random_uuid(), case when i % 10 = 0 then 'reseau.place_claim_accepted' else 'moderation.hide' end,
           u.ids[i % 2000 + 1], u.ids[(i + 1) % 2000 + 1], case when i % 10 = 0 then 'reseau.place' else 'entraide.question' end,
           gen_random_uuid(), case when i % 10 = 0 then jsonb_build_object('place', 'Lieu ' || i) end, now() - i * interval '1 minute'
      from generate_series(1, ${ROWS}) i, (select array_agg(id) as ids from app_user where email like 'plans%') u;
  `);
  await knex.raw('analyze');
}

beforeAll(async () => {
  app = await startTestApp();
  await seed();
  const knex = app.orm.em.getConnection().getKnex();
  knex.on('query', (query: { sql: string; bindings?: unknown[] }) => recording?.push({ sql: query.sql, bindings: query.bindings ?? [] }));
}, 900_000);

afterAll(async () => {
  await app?.close();
});

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

/** As in plans.test.ts: sequential scans of a big table (unless a close Limit stops them early), and big blocking steps. */
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

/** The indexes a plan reads. */
function indexesOf(node: PlanNode): string[] {
  return [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesOf)];
}

/** Every statement the operation sends, EXPLAINed: what grows with a big table in each (empty when all is bounded). */
async function growthOf(client: ReturnType<TestApp['client']>, operation: string, variables: Record<string, unknown> = {}) {
  recording = [];
  let data: any;
  let statements: Captured[];
  try {
    data = await client.data(operation, variables);
    statements = recording;
  } finally {
    recording = null;
  }
  expect(statements.length).toBeGreaterThan(0);
  const offences: string[] = [];
  for (const statement of statements) {
    if (!/^\s*(select|with)\b/i.test(statement.sql)) continue;
    const found = growingSteps(await explain(statement));
    if (found.length) offences.push(`${found.join(', ')} in: ${statement.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return { data, offences };
}

const PAGE = `totalCount totalCountCapped pageInfo { hasNextPage endCursor }`;

describe(`the other lists over ${ROWS.toLocaleString('en')} rows read only their page (EXPLAIN of the statements sent)`, () => {
  it('the check itself finds a whole-table read', async () => {
    expect(growingSteps(await explain({ sql: 'select count(*) from notification', bindings: [] })).length).toBeGreaterThan(0);
    expect(growingSteps(await explain({ sql: 'select count(*) over () from event_registration', bindings: [] })).length).toBeGreaterThan(0);
  });

  it('the agenda: the events of a month (days on the clock of each place, as /agenda?vue=mois asks), and the next page', async () => {
    const now = new Date();
    const fromDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const toDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    const EVENTS = `query ($fromDay: String, $toDay: String, $after: String) { events(first: 100, fromDay: $fromDay, toDay: $toDay, after: $after) {
      ${PAGE} edges { node { id title startsAt confirmedCount waitlistCount remainingSeats } } } }`;
    const month = await growthOf(app.client(), EVENTS, { fromDay, toDay });
    expect(month.offences).toEqual([]);
    expect(month.data.events.edges).toHaveLength(100);
    expect(month.data.events.totalCountCapped).toBe(true);
    const next = await growthOf(app.client(), EVENTS, { fromDay, toDay, after: month.data.events.pageInfo.endCursor });
    expect(next.offences).toEqual([]);
    expect(next.data.events.edges[0].node.startsAt >= month.data.events.edges[99].node.startsAt).toBe(true);
  });

  it("an event's attendees, confirmed then waiting, as its organizers page through them", async () => {
    const ATTENDEES = `query ($id: ID!, $status: RegistrationStatus, $after: String) { event(id: $id) {
      attendees(status: $status, first: 100, after: $after) { ${PAGE} edges { node { registrationId status waitlistPosition } } } } }`;
    const confirmed = await growthOf(organizerClient, ATTENDEES, { id: bigEventId, status: 'CONFIRMED' });
    expect(confirmed.offences).toEqual([]);
    expect(confirmed.data.event.attendees.totalCount).toBe(SEATS);
    const waiting = await growthOf(organizerClient, ATTENDEES, { id: bigEventId, status: 'WAITLISTED' });
    expect(waiting.offences).toEqual([]);
    expect(waiting.data.event.attendees).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    expect(waiting.data.event.attendees.edges.map((edge: any) => edge.node.waitlistPosition).slice(0, 3)).toEqual([1, 2, 3]);
    // Deep in the waitlist, the positions go on where the previous page stopped.
    let page = waiting.data.event.attendees;
    for (let i = 0; i < 5; i++) {
      const next = await growthOf(organizerClient, ATTENDEES, { id: bigEventId, status: 'WAITLISTED', after: page.pageInfo.endCursor });
      expect(next.offences).toEqual([]);
      page = next.data.event.attendees;
    }
    expect(page.edges[0].node.waitlistPosition).toBe(501);
    const everyone = await growthOf(organizerClient, ATTENDEES, { id: bigEventId });
    expect(everyone.offences).toEqual([]);
    expect(everyone.data.event.attendees.edges[0].node).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
  });

  it('resources, for a visitor and for a member', async () => {
    const RESOURCES = `{ resources(first: 20) { ${PAGE} edges { node { id title } } } }`;
    const visitor = await growthOf(app.client(), RESOURCES);
    expect(visitor.offences).toEqual([]);
    expect(visitor.data.resources).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    const member = await growthOf(viewer.client, RESOURCES);
    expect(member.offences).toEqual([]);
    expect(member.data.resources.edges).toHaveLength(20);
  });

  it("a member's conversations and notifications", async () => {
    const conversations = await growthOf(
      viewer.client,
      `{ conversations(first: 20) { pageInfo { hasNextPage endCursor } edges { node { id unreadCount lastMessageAt others { displayName } lastMessage { excerpt } } } } }`,
    );
    expect(conversations.offences).toEqual([]);
    expect(conversations.data.conversations.edges).toHaveLength(20);
    expect(conversations.data.conversations.pageInfo.hasNextPage).toBe(true);

    const notifications = await growthOf(
      viewer.client,
      `{ notifications(first: 30) { ${PAGE} edges { node { id } } } unreadNotificationCount }`,
    );
    expect(notifications.offences).toEqual([]);
    expect(notifications.data.notifications.totalCount).toBe(ROWS / 2500);
    expect(notifications.data.unreadNotificationCount).toBe(ROWS / 2500);
  });

  it('the moderation log filtered on the answers about places (/moderation/journal?action=lieux), page after page, on its index', async () => {
    const LOG = `query ($after: String) { auditLog(contentType: "reseau.place", first: 50, after: $after) {
      ${PAGE} edges { node { id action summary } } } }`;
    const first = await growthOf(platformAdmin.client, LOG);
    expect(first.offences).toEqual([]);
    expect(first.data.auditLog).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    expect(first.data.auditLog.edges).toHaveLength(50);
    expect(new Set(first.data.auditLog.edges.map((edge: any) => edge.node.action))).toEqual(new Set(['reseau.place_claim_accepted']));
    expect(first.data.auditLog.edges[0].node.summary).toMatch(/a accepté la demande .* pour gérer «\sLieu 10\s»$/u);
    const next = await growthOf(platformAdmin.client, LOG, { after: first.data.auditLog.pageInfo.endCursor });
    expect(next.offences).toEqual([]);
    // The next page goes on where the first stopped: the 51st line about a place, the 510th line of the log.
    expect(next.data.auditLog.edges[0].node.summary).toMatch(/«\sLieu 510\s»$/u);

    // Its statement walks the index on (content_type, created_at, id), whatever the other lines.
    recording = [];
    let statements: Captured[];
    try {
      await platformAdmin.client.data(LOG, { after: first.data.auditLog.pageInfo.endCursor });
      statements = recording;
    } finally {
      recording = null;
    }
    const page = statements.find((statement) => /from audit_log/.test(statement.sql) && /keyset|order by/i.test(statement.sql));
    expect(indexesOf(await explain(page!))).toContain('audit_log_content_type_page_index');
  });

  it("the time bank's public figures, read from summaries kept as transfers are written", async () => {
    const stats = await growthOf(
      app.client(),
      `{ ledgerStats { month membersExchangedThisMonth minutesExchangedThisMonth transfersThisMonth topTenPercentShare membersEverExchanged sumOfBalancesMinutes } }`,
    );
    expect(stats.offences).toEqual([]);
    expect(stats.data.ledgerStats.membersExchangedThisMonth).toBe(2000);
    expect(stats.data.ledgerStats.membersEverExchanged).toBe(2000);
    expect(stats.data.ledgerStats.transfersThisMonth).toBeGreaterThan(0);
    expect(stats.data.ledgerStats.topTenPercentShare).toBeGreaterThan(0);
    expect(stats.data.ledgerStats.topTenPercentShare).toBeLessThan(1);
  });
});

import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductServer, type E2EServer } from '../helpers/e2e.js';
import { parisDayAndMonth } from '../helpers/french.js';
import { expandSchemaOrg, jsonLdBlocks, missing, nodesOfType, SCHEMA, value, values, type ExpandedNode } from '../helpers/json-ld.js';

/**
 * Structured data (issue #21, point 2): the public pages served by the built product (server-side
 * rendered, as a search engine reads them) carry schema.org JSON-LD that expands against the schema.org
 * context without losing a property, with what Google's Event and Q&A guidelines require.
 */
let server: E2EServer;
const sql = <T = any>(statement: string, params: unknown[] = []) => server.orm.em.fork().getConnection().execute<T[]>(statement, params);

beforeAll(async () => {
  server = await startProductServer({ SEED_DEMO: '1' });
}, 180_000);
afterAll(async () => {
  await server?.close();
});

/** The page as a crawler gets it, and its JSON-LD expanded; fails when expansion lost anything. */
async function structuredData(pathname: string): Promise<{ html: string; nodes: ExpandedNode[] }> {
  const response = await fetch(server.url + pathname, { headers: { 'accept-language': 'fr' } });
  expect(response.status, pathname).toBe(200);
  const html = await response.text();
  const blocks = jsonLdBlocks(html);
  expect(blocks, `one JSON-LD block on ${pathname}`).toHaveLength(1);
  const { nodes, lost } = await expandSchemaOrg(blocks[0]);
  expect(lost, `what expansion dropped on ${pathname}`).toEqual([]);
  return { html, nodes };
}

function only(nodes: ExpandedNode[], type: string): ExpandedNode {
  const found = nodesOfType(nodes, type);
  expect(found, `one ${type}`).toHaveLength(1);
  return found[0];
}

/** A node value of a property (a nested object), or fails. */
function child(node: ExpandedNode, property: string): ExpandedNode {
  const found = value(node, property);
  expect(found, property).toBeTypeOf('object');
  return found as ExpandedNode;
}

const EVENT_REQUIRED = ['name', 'startDate', 'location'];
const EVENT_RECOMMENDED = ['endDate', 'eventStatus', 'eventAttendanceMode', 'organizer', 'offers', 'description', 'image'];

/** Google's Event guidelines: what it needs, what it recommends, an address for the place. */
function expectGoogleEvent(event: ExpandedNode): void {
  expect(missing(event, EVENT_REQUIRED)).toEqual([]);
  expect(missing(event, EVENT_RECOMMENDED)).toEqual([]);
  const place = values(event, 'location').find((location) =>
    (location as ExpandedNode)['@type']?.includes(`${SCHEMA}Place`),
  ) as ExpandedNode;
  expect(place, 'a Place among the locations').toBeDefined();
  const address = child(place, 'address');
  expect(address['@type']).toEqual([`${SCHEMA}PostalAddress`]);
  expect(missing(address, ['streetAddress', 'postalCode', 'addressLocality', 'addressCountry'])).toEqual([]);
}

/** Europe/Paris's offset on that instant: "+01:00" in winter, "+02:00" in summer. */
function parisOffset(instant: Date): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')!.value;
  return name.replace('GMT', '');
}

describe('the checks themselves', () => {
  it('notice a property schema.org does not define, and an unknown type', async () => {
    const typo = await expandSchemaOrg({ '@context': 'https://schema.org', '@type': 'Event', name: 'Atelier', startdate: '2026-03-02' });
    expect(typo.lost).toEqual(['1 of 2 properties']);
    const unknownType = await expandSchemaOrg({ '@context': 'https://schema.org', '@type': 'Evenement', name: 'Atelier' });
    expect(unknownType.lost).toEqual([expect.stringMatching(/^type /)]);
    const right = await expandSchemaOrg({ '@context': 'https://schema.org', '@type': 'Event', name: 'Atelier', startDate: '2026-03-02' });
    expect(right.lost).toEqual([]);
  });
});

describe('an event', () => {
  it('a scheduled atelier: Event with its times in Paris time, its place, seats, price and organizers; and a breadcrumb', async () => {
    const [row] = await sql<{ id: string; title: string; starts_at: Date; capacity: number }>(
      `select id, title, starts_at, capacity from agenda_event
        where kind = 'atelier' and hidden_at is null and cancelled_at is null and capacity is not null and starts_at > now()
          and address is not null and online_url is null
        order by starts_at limit 1`,
    );
    await sql(`update agenda_event set fees = 'Gratuit' where id = ?`, [row.id]);
    const { nodes } = await structuredData(`/agenda/evenements/${row.id}`);
    const event = only(nodes, 'Event');
    expectGoogleEvent(event);
    expect(value(event, 'name')).toBe(row.title);
    // The wall-clock time of Paris with Paris's offset that day: the same instant.
    const start = value(event, 'startDate') as string;
    expect(start).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00${parisOffset(new Date(row.starts_at)).replace('+', '\\+')}$`));
    expect(new Date(start).getTime()).toBe(new Date(row.starts_at).getTime());
    expect(value(event, 'eventStatus')).toBe('https://schema.org/EventScheduled');
    expect(value(event, 'eventAttendanceMode')).toBe('https://schema.org/OfflineEventAttendanceMode');
    expect(value(event, 'isAccessibleForFree')).toBe(true);
    expect(value(event, 'maximumAttendeeCapacity')).toBe(row.capacity);
    const [{ confirmed }] = await sql<{ confirmed: number }>(
      `select count(*)::int as confirmed from event_registration where event_id = ? and status = 'confirmed'`,
      [row.id],
    );
    expect(value(event, 'remainingAttendeeCapacity')).toBe(Math.max(row.capacity - confirmed, 0));
    const offer = child(event, 'offers');
    expect(value(offer, 'price')).toBe(0);
    expect(value(offer, 'priceCurrency')).toBe('EUR');
    expect(value(offer, 'availability')).toMatch(/^https:\/\/schema\.org\/(InStock|SoldOut|PreOrder|OutOfStock)$/);
    expect(value(offer, 'url')).toBe(`${server.url}/agenda/evenements/${row.id}`);
    const organizer = child(event, 'organizer');
    expect(organizer['@type']).toEqual([`${SCHEMA}Organization`]);
    expect(value(organizer, 'url')).toMatch(new RegExp(`^${server.url}/organisations/`));
    expect(value(event, 'image')).toMatch(new RegExp(`^${server.url}/cartes/evenement/${row.id}\\.png`));

    const trail = only(nodes, 'BreadcrumbList');
    const steps = values(trail, 'itemListElement') as ExpandedNode[];
    expect(steps.map((step) => value(step, 'name'))).toEqual(['Accueil', 'Agenda', row.title]);
    expect(steps.map((step) => value(step, 'position'))).toEqual([1, 2, 3]);
    expect(value(steps[2], 'item')).toBe(`${server.url}/agenda/evenements/${row.id}`);
  });

  it('overseas: the time written with La Réunion’s offset (+04:00), the same instant', async () => {
    const [row] = await sql<{ id: string; starts_at: Date }>(
      `select id, starts_at from agenda_event where hidden_at is null and cancelled_at is null and kind = 'atelier' order by starts_at desc limit 1`,
    );
    await sql(`update agenda_event set departement = '974', postal_code = '97400', commune = 'Saint-Denis' where id = ?`, [row.id]);
    const { nodes } = await structuredData(`/agenda/evenements/${row.id}`);
    const start = value(only(nodes, 'Event'), 'startDate') as string;
    expect(start).toMatch(/\+04:00$/);
    expect(new Date(start).getTime()).toBe(new Date(row.starts_at).getTime());
  });

  it('a cancelled event says EventCancelled, and no seat can be had', async () => {
    const [row] = await sql<{ id: string }>(
      `select id from agenda_event where hidden_at is null and cancelled_at is null and kind = 'atelier' and starts_at > now() order by starts_at desc limit 1`,
    );
    await sql(`update agenda_event set cancelled_at = now(), cancellation_reason = 'Salle indisponible' where id = ?`, [row.id]);
    const { nodes } = await structuredData(`/agenda/evenements/${row.id}`);
    const event = only(nodes, 'Event');
    expectGoogleEvent(event);
    expect(value(event, 'eventStatus')).toBe('https://schema.org/EventCancelled');
    expect(value(child(event, 'offers'), 'availability')).toBe('https://schema.org/OutOfStock');
  });

  it('a moved event says EventRescheduled with the first start announced as previousStartDate', async () => {
    const [row] = await sql<{ id: string; starts_at: Date }>(
      `select id, starts_at from agenda_event where hidden_at is null and cancelled_at is null and kind = 'atelier' and starts_at > now()
        order by starts_at limit 1`,
    );
    const first = new Date(row.starts_at);
    await sql(
      `update agenda_event set previous_start_at = starts_at, starts_at = starts_at + interval '7 days', ends_at = ends_at + interval '7 days' where id = ?`,
      [row.id],
    );
    const { html, nodes } = await structuredData(`/agenda/evenements/${row.id}`);
    const event = only(nodes, 'Event');
    expectGoogleEvent(event);
    expect(value(event, 'eventStatus')).toBe('https://schema.org/EventRescheduled');
    const previous = value(event, 'previousStartDate') as string;
    expect(previous).toMatch(new RegExp(`${parisOffset(first).replace('+', '\\+')}$`));
    expect(new Date(previous).getTime()).toBe(first.getTime());
    // The page says it to people too, in the place's time zone.
    const day = parisDayAndMonth(first);
    expect(html).toContain('Reporté — initialement prévu le');
    expect(html).toContain(day);
  });

  it('the barcamp: an Event with its themes, its co-organizers, a mixed place and online link', async () => {
    const [row] = await sql<{ id: string }>(`select id from agenda_event where kind = 'barcamp' limit 1`);
    await sql(`update agenda_event set online_url = 'https://visio.exemple.fr/barcamp' where id = ?`, [row.id]);
    const { nodes } = await structuredData(`/agenda/evenements/${row.id}`);
    const event = only(nodes, 'Event');
    expectGoogleEvent(event);
    expect(value(event, 'eventAttendanceMode')).toBe('https://schema.org/MixedEventAttendanceMode');
    const online = values(event, 'location').find((location) => (location as ExpandedNode)['@type']?.includes(`${SCHEMA}VirtualLocation`));
    expect(value(online as ExpandedNode, 'url')).toBe('https://visio.exemple.fr/barcamp');
    expect(value(event, 'keywords')).toContain('Former les médiateurs');
    // "Gratuit, repas à prix libre": free to attend.
    expect(value(event, 'isAccessibleForFree')).toBe(true);
    expect(values(event, 'organizer').length).toBe(4);
    const geo = child(
      values(event, 'location').find((l) => (l as ExpandedNode)['@type']?.includes(`${SCHEMA}Place`)) as ExpandedNode,
      'geo',
    );
    expect([value(geo, 'latitude'), value(geo, 'longitude')]).toEqual([47.2129, -1.5688]);
  });

  it('a title with "</script>" cannot end the JSON-LD block', async () => {
    const [row] = await sql<{ id: string }>(`select id from agenda_event where hidden_at is null and kind = 'atelier' limit 1`);
    const title = 'Atelier </script><script>alert(1)</script> & <b>gras</b>';
    await sql(`update agenda_event set title = ? where id = ?`, [title, row.id]);
    const { html, nodes } = await structuredData(`/agenda/evenements/${row.id}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(value(only(nodes, 'Event'), 'name')).toBe(title);
  });
});

describe('a place with opening hours', () => {
  it('a LocalBusiness with openingHoursSpecification from its hours, its address, coordinates and telephone', async () => {
    const [row] = await sql<{ slug: string; name: string }>(
      `select slug, name from organization where commune = 'Savenay' and horaires is not null and kind <> 'reseau' limit 1`,
    );
    await sql(`update organization set horaires = 'Mo 14:00-19:30; Tu-Fr 09:00-12:00,14:00-17:30; Su 22:00-24:00' where slug = ?`, [
      row.slug,
    ]);
    const { nodes } = await structuredData(`/reseau/lieux/${row.slug}`);
    const place = only(nodes, 'LocalBusiness');
    expect(value(place, 'name')).toBe(row.name);
    expect(missing(place, ['address', 'geo', 'telephone', 'url', 'openingHoursSpecification'])).toEqual([]);
    expect(values(place, 'openingHours')).toEqual([]);
    const hours = (values(place, 'openingHoursSpecification') as ExpandedNode[]).map((spec) => ({
      days: values(spec, 'dayOfWeek'),
      opens: value(spec, 'opens'),
      closes: value(spec, 'closes'),
    }));
    const days = (...names: string[]) => names.map((name) => `https://schema.org/${name}`);
    expect(hours).toEqual([
      { days: days('Monday'), opens: '14:00', closes: '19:30' },
      { days: days('Tuesday', 'Wednesday', 'Thursday', 'Friday'), opens: '09:00', closes: '12:00' },
      { days: days('Tuesday', 'Wednesday', 'Thursday', 'Friday'), opens: '14:00', closes: '17:30' },
      // Open until midnight: Google asks for 23:59.
      { days: days('Sunday'), opens: '22:00', closes: '23:59' },
    ]);
    const steps = values(only(nodes, 'BreadcrumbList'), 'itemListElement') as ExpandedNode[];
    expect(steps.map((step) => value(step, 'name'))).toEqual(['Accueil', 'Lieux et réseaux', row.name]);
  });
});

describe('a question with an accepted answer', () => {
  it('a QAPage with exactly one Question, its accepted and suggested answers, texts, dates, authors and votes', async () => {
    const [row] = await sql<{ id: string; title: string; answer_count: number; score: number; accepted: string }>(
      `select q.id, q.title, q.answer_count, q.score, q.accepted_answer_id as accepted from question q
        where q.accepted_answer_id is not null and q.hidden_at is null and q.answer_count >= 2 limit 1`,
    );
    expect(row, 'a demo question with an accepted answer and another one').toBeDefined();
    const { nodes } = await structuredData(`/entraide/questions/${row.id}`);
    const page = only(nodes, 'QAPage');
    const main = values(page, 'mainEntity') as ExpandedNode[];
    expect(main).toHaveLength(1);
    const question = main[0];
    expect(question['@type']).toEqual([`${SCHEMA}Question`]);
    expect(missing(question, ['name', 'answerCount', 'text', 'dateCreated', 'author', 'upvoteCount'])).toEqual([]);
    expect(value(question, 'name')).toBe(row.title);
    expect(value(question, 'answerCount')).toBe(row.answer_count);
    expect(value(question, 'upvoteCount')).toBe(row.score);
    const accepted = values(question, 'acceptedAnswer') as ExpandedNode[];
    const suggested = values(question, 'suggestedAnswer') as ExpandedNode[];
    expect(accepted).toHaveLength(1);
    expect(suggested.length).toBeGreaterThanOrEqual(1);
    const [{ score: acceptedScore }] = await sql<{ score: number }>(`select score from answer where id = ?`, [row.accepted]);
    expect(value(accepted[0], 'upvoteCount')).toBe(acceptedScore);
    expect(value(accepted[0], 'url')).toBe(`${server.url}/entraide/questions/${row.id}#reponse-${row.accepted}`);
    for (const answer of [...accepted, ...suggested]) {
      expect(answer['@type']).toEqual([`${SCHEMA}Answer`]);
      expect(missing(answer, ['text', 'dateCreated', 'upvoteCount', 'url', 'author'])).toEqual([]);
      expect(value(answer, 'text')).not.toMatch(/<\w+/);
      expect(value(child(answer, 'author'), 'name')).toBeTruthy();
    }
  });
});

describe('an organization', () => {
  it('an Organization with its name, address on Maillage and its place in the directory', async () => {
    const [row] = await sql<{ slug: string; name: string }>(`select slug, name from organization where kind = 'reseau' limit 1`);
    const { nodes } = await structuredData(`/organisations/${row.slug}`);
    const organization = only(nodes, 'Organization');
    expect(value(organization, 'name')).toBe(row.name);
    expect(value(organization, 'url')).toBe(`${server.url}/organisations/${row.slug}`);
    expect(values(organization, 'sameAs')).toContain(`${server.url}/reseau/lieux/${row.slug}`);
    expect(only(nodes, 'BreadcrumbList')).toBeDefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_EVENT, eventInput, organizer } from '../helpers/agenda.js';
import { startTestApp, type TestApp } from '../helpers/api.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** A visitor's GET: no cookie at all. */
const get = (query: string, variables: Record<string, unknown> = {}) => app.client().get(query, variables);

const DIRECTORY = `{ organizations(first: 5) { totalCount edges { node { name } } } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { title remainingSeats } }`;
const EVENT_TITLE = `query ($id: ID!) { event(id: $id) { title } }`;

describe('HTTP caching of public reads', () => {
  it('lets a browser or a shared cache keep a visitor’s GET of the directory a minute, per language', async () => {
    await organizer(app, 'Médiathèque de Blain');
    const response = await get(DIRECTORY);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    expect(response.headers.get('vary')?.toLowerCase()).toMatch(/accept-language/);
    expect(response.headers.get('vary')?.toLowerCase()).toMatch(/cookie/);
    expect(JSON.stringify(await response.json())).toContain('Médiathèque de Blain');
  });

  it('keeps an answer showing an event’s seats left for 10 s only: they change with every registration', async () => {
    const { client, organization } = await organizer(app, 'Espace public numérique de Savenay');
    const { createEvent } = await client.data(CREATE_EVENT, { input: eventInput(organization.id) });
    const withSeats = await get(EVENT, { id: createEvent.id });
    expect(((await withSeats.json()) as { data: { event: { remainingSeats: number } } }).data.event.remainingSeats).toBe(12);
    expect(withSeats.headers.get('cache-control')).toBe('max-age=10, public');
    const titleOnly = await get(EVENT_TITLE, { id: createEvent.id });
    expect(titleOnly.headers.get('cache-control')).toBe('max-age=60, public');
  });

  it('never lets a cache keep a signed-in person’s answer, an answer to a POST, or an error', async () => {
    const { client } = await organizer(app, 'Tiers-lieu de Bouvron');
    const signedIn = await client.get(DIRECTORY);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');

    const posted = await app.client().request(DIRECTORY);
    expect(posted.data?.organizations.totalCount).toBeGreaterThan(0);
    expect(posted.headers.get('cache-control')).toBe('private, no-store');

    const wrong = await get(`{ events(departement: "99") { totalCount } }`);
    expect(((await wrong.json()) as { errors?: unknown[] }).errors).toHaveLength(1);
    expect(wrong.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a GET without the preflight header (another site cannot make a visitor’s browser ask it)', async () => {
    const url = new URL('/graphql', app.url);
    url.searchParams.set('query', DIRECTORY);
    const response = await fetch(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control') ?? '').not.toMatch(/public/);
  });
});

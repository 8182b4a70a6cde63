import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/api.js';

let app: TestApp;
let production: TestApp;
beforeAll(async () => {
  [app, production] = await Promise.all([startTestApp(), startTestApp({ production: true })]);
});
afterAll(async () => {
  await Promise.all([app?.close(), production?.close()]);
});

describe('request protection', () => {
  it('refuses a query nested 12 levels deep', async () => {
    let selection = 'id';
    for (let level = 0; level < 11; level++) selection = `organization { ${selection} }`;
    const query = `{ myMemberships { ${selection} } }`;
    const result = await app.client().request(query);
    expect(result.errors?.[0].message).toMatch(/depth|profondeur/i);
    expect(result.data ?? null).toBeNull();
  });

  it('refuses a text/plain POST (CSRF) with a French explanation', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].message).toMatch(/requêtes intersites/);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ');
    const result = await app.client().request(`{ ${aliases} }`);
    expect(result.errors?.[0].message).toMatch(/alias/i);
  });

  it('in production: no introspection, no field suggestions, no stack traces', async () => {
    const introspection = await production.client().request(`{ __schema { types { name } } }`);
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const typo = await production.client().request(`{ mee { id } }`);
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(typo.errors)).not.toMatch(/stacktrace/i);
  });

  it('reports the database and its migrations in /readyz', async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'ok' });
  });

  it('gives every error a code and never a stack trace in production', async () => {
    const result = await production.client().request(`mutation { updateProfile(input: { displayName: "X" }) { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0].message).toBe('Vous devez être connecté·e pour faire cela.');
    expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|at .*\.ts/);
  });
});

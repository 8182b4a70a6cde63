import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../helpers/api.js';

/**
 * HTTP caching of GraphQL answers (server/src/graphql/cache-control.ts): a visitor's GET of public reads may be
 * kept by a browser or a proxy for a while; anything of a signed-in person never.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ production: true });
});
afterAll(async () => {
  await app?.close();
});

const PUBLIC_READ = '{ organizations(first: 2) { totalCount } questions(first: 2) { totalCount } }';

/** A GraphQL GET as a browser or a cache sends it (Apollo's CSRF prevention wants the preflight header on a GET). */
function get(query: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
}

describe('Cache-Control of GraphQL answers', () => {
  it('lets a visitor’s GET of public lists be kept 30 seconds, varying with the language', async () => {
    const response = await get(PUBLIC_READ);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { organizations: { totalCount: number } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(typeof body.data.organizations.totalCount).toBe('number');
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    expect(response.headers.get('vary')).toMatch(/Accept-Language/);
    expect(response.headers.get('vary')).toMatch(/Cookie/);
  });

  it('never lets a signed-in person’s answer be kept, even of a public list', async () => {
    const member = app.client();
    await signUp(member, 'Camille Cache');
    const cookie = [...member.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const read = await get(PUBLIC_READ, { cookie });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('private, no-store');
    const me = await member.request('{ me { displayName } }');
    expect(me.data?.me.displayName).toBe('Camille Cache');
    expect(me.headers.get('cache-control')).toBe('private, no-store');
  });

  it('keeps nothing of a POST, of a read with no public hint, nor of a mutation', async () => {
    const visitor = app.client();
    expect((await visitor.request(PUBLIC_READ)).headers.get('cache-control')).toBe('no-store');
    // `me` is the visitor's own (null): no hint, so the whole answer is not kept, even beside a public list.
    const mixed = await get('{ organizations(first: 1) { totalCount } me { id } }');
    expect(mixed.status).toBe(200);
    expect(mixed.headers.get('cache-control')).toBe('no-store');
    const refused = await visitor.request('mutation { logout }');
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps no error: a public read asked wrongly is not cached', async () => {
    const response = await get('{ questions(first: 2, departement: "999") { totalCount } }');
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

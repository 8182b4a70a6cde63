import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../helpers/api.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the SQL statement counter (used by every list N+1 test)', () => {
  it('counts the statements of one GraphQL operation, and the organizations list does not grow with the page size', async () => {
    const admin = app.client();
    await signUp(admin);
    for (let i = 0; i < 12; i++) {
      await admin.data(`mutation ($name: String!) { createOrganization(input: { name: $name }) { id } }`, { name: `Lieu ${i}` });
    }
    const list = (first: number) =>
      app
        .client()
        .data(`query ($first: Int) { organizations(first: $first) { totalCount edges { node { id name slug kind } } } }`, { first });
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(12));
    expect(small.result.organizations.edges).toHaveLength(2);
    expect(large.result.organizations.edges).toHaveLength(12);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});

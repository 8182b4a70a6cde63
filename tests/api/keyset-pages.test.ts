import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

/**
 * Keyset pages (docs/read-models.md), shown on the notifications list: the cursor holds the sort keys
 * of the last row seen, so paging never repeats or skips a row, even when rows share the same
 * instant or when new ones arrive in front while someone reads the next pages.
 */
let app: TestApp;
let reader: GraphQLClient;
let readerId: string;

const PAGE = `query ($first: Int, $after: String) {
  notifications(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id message readAt createdAt } } }
}`;

const sql = (query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute(query, params);

beforeAll(async () => {
  app = await startTestApp();
  reader = app.client();
  readerId = (await signUp(reader, 'Lecture Paginée')).id;
  // Seven notifications: three share one instant (one statement, one now()), four are older, one a second apart each.
  await sql(
    `insert into notification (id, recipient_id, kind, message, created_at)
     select gen_random_uuid(), ?, 'test', 'même instant ' || i, now() from generate_series(1, 3) i`,
    [readerId],
  );
  await sql(
    `insert into notification (id, recipient_id, kind, message, created_at)
     select gen_random_uuid(), ?, 'test', 'plus ancienne ' || i, now() - i * interval '1 second' from generate_series(1, 4) i`,
    [readerId],
  );
});
afterAll(async () => {
  await app?.close();
});

async function page(first: number, after: string | null = null) {
  const { notifications } = await reader.data(PAGE, { first, after });
  return notifications;
}

describe('keyset pages', () => {
  it('walks the whole list two by two: every row once, newest first, ties kept in one order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const current = await page(2, after);
      expect(current.totalCount).toBe(7);
      seen.push(...current.edges.map((edge: any) => edge.node.message));
      after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3).sort()).toEqual(['même instant 1', 'même instant 2', 'même instant 3']);
    expect(seen.slice(3)).toEqual(['plus ancienne 1', 'plus ancienne 2', 'plus ancienne 3', 'plus ancienne 4']);
    const all = await page(7);
    expect(all.edges.map((edge: any) => edge.node.message)).toEqual(seen);
    expect(all.pageInfo.hasNextPage).toBe(false);
  });

  it('neither repeats nor skips a row when a new one arrives in front between two pages', async () => {
    const first = await page(3);
    await sql(`insert into notification (id, recipient_id, kind, message) values (gen_random_uuid(), ?, 'test', 'toute nouvelle')`, [
      readerId,
    ]);
    const second = await page(3, first.pageInfo.endCursor);
    const messages = [...first.edges, ...second.edges].map((edge: any) => edge.node.message);
    expect(new Set(messages).size).toBe(6);
    expect(messages).not.toContain('toute nouvelle');
    expect(second.totalCount).toBe(8);
    expect((await page(1)).edges[0].node.message).toBe('toute nouvelle');
  });

  it('answers an empty page past the end with the right total', async () => {
    const last = await page(8);
    const beyond = await page(2, last.pageInfo.endCursor);
    expect(beyond.edges).toEqual([]);
    expect(beyond.totalCount).toBe(8);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor it did not give, in plain words', async () => {
    for (const cursor of ['nimporte', Buffer.from('o:3').toString('base64url'), Buffer.from('k:["a"]').toString('base64url')]) {
      const error = await reader.error(PAGE, { first: 2, after: cursor });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toEqual({ after: 'Curseur de pagination invalide.' });
    }
  });
});

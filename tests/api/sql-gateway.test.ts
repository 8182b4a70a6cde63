import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, query, queryOne, sql, whereAll } from '../../server/src/db/sql.js';
import { createTestDatabase } from '../helpers/database.js';

/** The one way raw SQL runs (server/src/db/sql.ts): bound values, and always the current transaction's connection. */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let orm: MikroORM;
const em = (): EntityManager => orm.em.fork();

beforeAll(async () => {
  database = await createTestDatabase();
  orm = database.orm;
  await execute(em(), sql`create table gateway_note (id serial primary key, body text not null, tags jsonb not null default '{}')`);
});
afterAll(async () => {
  await database?.drop();
});

const count = async (body: string) =>
  (await queryOne<{ n: number }>(em(), sql`select count(*)::int as n from gateway_note where body = ${body}`))!.n;

describe('the SQL gateway', () => {
  it('rolls a write back with the transaction it runs in, through the transaction’s own EntityManager', async () => {
    await expect(
      em().transactional(async (tx) => {
        await execute(tx, sql`insert into gateway_note (body) values (${'rolled back (tx)'})`);
        expect(await queryOne(tx, sql`select body from gateway_note where body = ${'rolled back (tx)'}`)).toEqual({
          body: 'rolled back (tx)',
        });
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    expect(await count('rolled back (tx)')).toBe(0);
  });

  it('runs in the surrounding transaction even when called with the outer EntityManager', async () => {
    const outer = em();
    await expect(
      outer.transactional(async () => {
        // A bare `outer.getConnection().execute()` here would take another pooled connection and commit at once.
        await execute(outer, sql`insert into gateway_note (body) values (${'rolled back (outer)'})`);
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    expect(await count('rolled back (outer)')).toBe(0);
  });

  it('commits with the transaction when it succeeds, and reports the rows it changed', async () => {
    await em().transactional(async (tx) => {
      await execute(tx, sql`insert into gateway_note (body) values (${'kept'}), (${'kept'})`);
    });
    expect(await count('kept')).toBe(2);
    expect(await execute(em(), sql`update gateway_note set body = ${'kept twice'} where body = ${'kept'}`)).toBe(2);
  });

  it('binds values, never pastes them: a quote or a question mark stays text', async () => {
    const sneaky = "x'); drop table gateway_note; -- ?";
    await execute(em(), sql`insert into gateway_note (body, tags) values (${sneaky}, ${JSON.stringify({ a: 1 })}::jsonb)`);
    expect(await count(sneaky)).toBe(1);
    // A literal `?` in the text (the jsonb "has key" operator) is SQL, not a placeholder.
    const rows = await query<{ body: string }>(em(), sql`select body from gateway_note where tags ? 'a'`);
    expect(rows.map((row) => row.body)).toEqual([sneaky]);
    const withValue = await query<{ body: string }>(em(), sql`select body from gateway_note where tags ? 'a' and body = ${sneaky}`);
    expect(withValue.map((row) => row.body)).toEqual([sneaky]);
  });

  it('builds statements from fragments with their own values, in order', async () => {
    const conditions = whereAll([sql`body like ${'kept%'}`, null, sql`id > ${0}`]);
    const statement = sql`select count(*)::int as n from gateway_note ${conditions}`;
    expect(statement.toPg()).toEqual({
      text: 'select count(*)::int as n from gateway_note where body like $1 and id > $2',
      values: ['kept%', 0],
    });
    expect(await queryOne(em(), statement)).toEqual({ n: 2 });
    expect(whereAll([null, false]).isEmpty).toBe(true);
    expect(sql`${sql.join([sql`a = ${1}`, sql`b = ${2}`], sql` or `)}`.toPg()).toEqual({ text: 'a = $1 or b = $2', values: [1, 2] });
  });

  it('refuses anything that is not a sql`…` statement', async () => {
    await expect(query(em(), 'select 1' as never)).rejects.toThrow(/sql`…`/);
  });
});

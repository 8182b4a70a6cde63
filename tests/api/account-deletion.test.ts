import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/src/seed/demo.js';
import { sections } from '../../server/src/sections.js';
import { startTestApp, type TestApp } from '../helpers/api.js';

/**
 * Account deletion leaves nothing personal behind: after the busiest demo members delete their
 * accounts, every uuid column of every table is searched for their ids. A row may still point at a
 * deleted account only where its section declares it keeps it (`keptAfterAccountDeletion` in its
 * `<name>.section.ts`, e.g. a question signed "Compte supprimé" or a ledger entry).
 */
let app: TestApp;
const DEMO_PASSWORD = 'maillage-demo-2026';
const LEAVING = [
  'camille@demo.maillage.fr',
  'karim@demo.maillage.fr',
  'sophie@demo.maillage.fr',
  'bernard@demo.maillage.fr',
  'nadia@demo.maillage.fr',
];

beforeAll(async () => {
  app = await startTestApp();
  await seedDemoIfEmpty(app.orm);
});
afterAll(async () => {
  await app?.close();
});

const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T[]>(query, params);

/** Rows pointing at these accounts, per `table.column`, over every uuid column but the account's own id. */
async function references(ids: string[]): Promise<Map<string, number>> {
  const columns = await sql<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.data_type = 'uuid' and not (c.table_name = 'app_user' and c.column_name = 'id')
      order by 1, 2`,
  );
  const counts = new Map<string, number>();
  for (const { table_name, column_name } of columns) {
    const [{ count }] = await sql<{ count: number }>(`select count(*)::int as count from "${table_name}" where "${column_name}" in (?)`, [
      ids,
    ]);
    if (count > 0) counts.set(`${table_name}.${column_name}`, count);
  }
  return counts;
}

function ownerOf(table: string): string {
  return sections.find((section) => section.tables.includes(table))?.name ?? '(no section)';
}

describe('account deletion', () => {
  it('leaves no row pointing at a deleted account, section by section, but what each section declares it keeps', async () => {
    const people = await sql<{ id: string; email: string }>(`select id, email from app_user where email in (?)`, [LEAVING]);
    expect(people).toHaveLength(LEAVING.length);
    const ids = people.map((person) => person.id);
    const kept = new Set(sections.flatMap((section) => section.keptAfterAccountDeletion ?? []));

    const before = await references(ids);
    // The demo gives these people something to erase in many sections, so the search below can find a leak.
    const erasable = [...before.keys()].filter((column) => !kept.has(column));
    expect(new Set(erasable.map((column) => ownerOf(column.split('.')[0]))).size).toBeGreaterThanOrEqual(5);

    for (const person of people) {
      const client = app.client();
      await client.data(`mutation ($input: LoginInput!) { login(input: $input) { id } }`, {
        input: { email: person.email, password: DEMO_PASSWORD },
      });
      const { deleteMyAccount } = await client.data(
        `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`,
        {
          input: { password: DEMO_PASSWORD },
        },
      );
      expect(deleteMyAccount.kept.length).toBeGreaterThan(0);
    }

    const after = await references(ids);
    const leaks = [...after]
      .filter(([column]) => !kept.has(column))
      .map(([column, count]) => `${ownerOf(column.split('.')[0])}: ${column} still points at a deleted account (${count} rows)`);
    expect(leaks).toEqual([]);
  });
});

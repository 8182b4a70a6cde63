import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { signUp, type GraphQLClient, type TestApp } from './api.js';

export const TRANSFER = `mutation ($input: TransferTimeInput!) {
  transferTime(input: $input) { transferId kind minutes receivedMinutes toPoolMinutes replayed payerBalanceMinutes to { id displayName } }
}`;

export const MY_ACCOUNT = `query ($first: Int) { myAccount {
  balanceMinutes floorMinutes ceilingMinutes availableMinutes isCoordinator
  statement(first: $first) { totalCount edges { node { id kind amountMinutes balanceAfterMinutes label memo withPool overflowMinutes counterpart { id displayName } transferId exchangeId } } }
} }`;

export interface Member {
  client: GraphQLClient;
  id: string;
  name: string;
}

/**
 * A new signed-in member. These tests need many people from one address: the sign-up rate limit
 * (30 an hour per IP, tested in accounts.test.ts) is reset in this file's own database first.
 */
export async function member(app: TestApp, name: string): Promise<Member> {
  await app.orm.em.getConnection().execute(`delete from rate_limit where key like 'register:%'`);
  const client = app.client();
  const { id } = await signUp(client, name);
  return { client, id, name };
}

export function transfer(
  from: Member,
  to: { id: string },
  minutes: number,
  idempotencyKey: string = randomUUID(),
  memo = 'Merci pour le coup de main',
) {
  return from.client.request(TRANSFER, { input: { toUserId: to.id, minutes, memo, idempotencyKey } });
}

export async function balanceOf(app: Pick<TestApp, 'orm'>, userId: string): Promise<number> {
  const rows = await app.orm.em.getConnection().execute(`select balance from timebank_account where user_id = ?`, [userId]);
  return rows[0]?.balance ?? 0;
}

export async function poolBalance(app: TestApp): Promise<number> {
  const [row] = await app.orm.em.getConnection().execute(`select balance from timebank_account where kind = 'pool'`);
  return row.balance;
}

/**
 * What must hold after anything: balances (pool included) sum to zero, each balance equals the sum
 * of its entries, each transfer is two entries summing to zero, every member is at or above the
 * floor and at or below the ceiling, the pool is never negative, each idempotency key posted once.
 */
export async function expectLedgerInvariants(app: Pick<TestApp, 'orm'>, limits: { floor: number; ceiling: number }): Promise<void> {
  const execute = (query: string) => app.orm.em.getConnection().execute(query);
  const [sum] = await execute(`select coalesce(sum(balance), 0)::int as total from timebank_account`);
  expect(sum.total).toBe(0);
  const drift = await execute(`select a.id, a.balance, coalesce(sum(e.amount), 0)::int as entries from timebank_account a
    left join timebank_entry e on e.account_id = a.id group by a.id having a.balance <> coalesce(sum(e.amount), 0)`);
  expect(drift).toEqual([]);
  const unbalanced = await execute(`select t.id from timebank_transfer t left join timebank_entry e on e.transfer_id = t.id
    group by t.id having count(e.id) <> 2 or coalesce(sum(e.amount), 0) <> 0`);
  expect(unbalanced).toEqual([]);
  const outOfLimits = await execute(`select id, kind, balance from timebank_account
    where (kind = 'member' and (balance < ${limits.floor} or balance > ${limits.ceiling})) or (kind = 'pool' and balance < 0)`);
  expect(outOfLimits).toEqual([]);
  const replayedKeys = await execute(`select from_account_id, idempotency_key from timebank_transfer
    where idempotency_key is not null group by 1, 2 having count(*) > 1`);
  expect(replayedKeys).toEqual([]);
  await expectStatsKept(app);
}

/**
 * The public figures' summaries, kept by the ledger's triggers as postings are written (migration
 * 20261205500100), equal the same figures computed again from the whole ledger.
 */
export async function expectStatsKept(app: Pick<TestApp, 'orm'>): Promise<void> {
  const execute = (query: string) => app.orm.em.getConnection().execute(query);
  const month = `to_char(created_at at time zone 'Europe/Paris', 'YYYY-MM')`;
  const taking = `select ${month} as month, from_account_id as account_id from timebank_transfer where kind in ('direct', 'exchange')
    union all select ${month}, to_account_id from timebank_transfer where kind in ('direct', 'exchange')`;
  const participants = `select month, account_id, count(*)::int as participations from (${taking}) p group by 1, 2`;
  expect(await execute(`select month, account_id, participations from timebank_month_participant order by 1, 2`)).toEqual(
    await execute(`${participants} order by 1, 2`),
  );
  expect(await execute(`select month, participations, members from timebank_month_histogram where members <> 0 order by 1, 2`)).toEqual(
    await execute(`select month, participations, count(*)::int as members from (${participants}) p group by 1, 2 order by 1, 2`),
  );
  expect(
    await execute(
      `select month, transfers::int as transfers, minutes::int as minutes, members::int as members from timebank_month_tally order by 1`,
    ),
  ).toEqual(
    await execute(`select t.month, t.transfers, t.minutes, (select count(*)::int from (${participants}) p where p.month = t.month) as members
      from (select ${month} as month, count(*)::int as transfers, sum(minutes)::int as minutes
              from timebank_transfer where kind in ('direct', 'exchange') group by 1) t order by 1`),
  );
  const [kept] = await execute(`select
      coalesce((select value from timebank_ledger_tally where key = 'members_exchanged'), 0)::int as ever,
      coalesce((select value from timebank_ledger_tally where key = 'sum_balances'), 0)::int as sum_balances`);
  const [computed] = await execute(`select
      (select count(*) from timebank_account a where a.kind = 'member' and exists (select 1 from timebank_entry e where e.account_id = a.id))::int as ever,
      (select coalesce(sum(balance), 0) from timebank_account)::int as sum_balances`);
  expect(kept).toEqual(computed);
}

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * The time bank's public figures (`ledgerStats`) kept as they are written, so reading them costs the
 * same whatever the size of the ledger (issue #15). Before, each request ranked every member who
 * exchanged this month (`row_number() over`), counted every member account and summed every balance.
 *
 * All is kept in the writer's own transaction by statement-level triggers (transition tables), like
 * the home tallies (migration 20261203170000), so the figures are exact after every posting:
 *
 * - `timebank_month_tally` (month → transfers, minutes, members): direct transfers and exchanges of
 *   the month (Europe/Paris), and how many members took part in one;
 * - `timebank_month_participant` (month, account → participations): how many of those transfers each
 *   account took part in that month;
 * - `timebank_month_histogram` (month, participations → members): how many members took part that
 *   many times. The share of the most active 10 % is read from it, from the highest count down:
 *   a few rows (one per distinct count), never one per member;
 * - `timebank_member_exchanged` (account): the members who ever gave or received time (party to a
 *   transfer of any kind, as every transfer writes an entry on both sides); its count is the tally
 *   `members_exchanged` of `timebank_ledger_tally`;
 * - `timebank_ledger_tally` `sum_balances`: the sum of every balance. A balance changes only by an
 *   entry (`timebank_account_guard`), so the sum moves by the entries' amounts: a balanced posting
 *   adds 0 and writes nothing (no lock on a shared row), an unbalanced one would show.
 *
 * The ledger is append-only (`timebank_refuse_change`), so only inserts are followed. Rows are added
 * in key order, so concurrent postings wait for each other, never deadlock. `timebank_stats_rebuild()`
 * computes everything again from the ledger: here for the existing rows, and after a bulk load made
 * with the triggers off (the benchmarks' data, server/src/bench/scale-data.ts).
 */
const MONTH = `to_char(created_at at time zone 'Europe/Paris', 'YYYY-MM')`;

class Migration20261205500100_timebank_stats extends Migration {
  async up() {
    this.addSql(`create table timebank_month_tally (month text primary key, transfers bigint not null, minutes bigint not null, members bigint not null);`);
    this.addSql(
      `create table timebank_month_participant (month text not null, account_id uuid not null, participations int not null, primary key (month, account_id));`,
    );
    this.addSql(
      `create table timebank_month_histogram (month text not null, participations int not null, members int not null, primary key (month, participations));`,
    );
    this.addSql(`create table timebank_member_exchanged (account_id uuid primary key);`);
    this.addSql(`create table timebank_ledger_tally (key text primary key, value bigint not null);`);

    this.addSql(`create function timebank_month_stats_add() returns trigger language plpgsql as $$
begin
  with moved as (
    select ${MONTH} as month, minutes, from_account_id, to_account_id from new_rows where kind in ('direct', 'exchange')),
  added as (
    select month, account_id, count(*)::int as k
      from (select month, from_account_id as account_id from moved union all select month, to_account_id from moved) taking_part
     group by month, account_id),
  counted as (
    insert into timebank_month_participant as p (month, account_id, participations)
    select month, account_id, k from added order by month, account_id
    on conflict (month, account_id) do update set participations = p.participations + excluded.participations
    returning p.month, p.account_id, p.participations),
  moves as (
    select c.month, c.participations - a.k as participations, -1 as members
      from counted c join added a using (month, account_id) where c.participations > a.k
    union all select month, participations, 1 from counted),
  histogram as (
    insert into timebank_month_histogram as h (month, participations, members)
    select month, participations, sum(members)::int from moves group by month, participations having sum(members) <> 0
     order by month, participations
    on conflict (month, participations) do update set members = h.members + excluded.members),
  newcomers as (
    select c.month, count(*) as n from counted c join added a using (month, account_id) where c.participations = a.k group by c.month)
  insert into timebank_month_tally as t (month, transfers, minutes, members)
  select m.month, m.transfers, m.minutes, coalesce(n.n, 0)
    from (select month, count(*) as transfers, sum(minutes) as minutes from moved group by month) m left join newcomers n using (month)
   order by m.month
  on conflict (month) do update
    set transfers = t.transfers + excluded.transfers, minutes = t.minutes + excluded.minutes, members = t.members + excluded.members;

  with first_time as (
    insert into timebank_member_exchanged (account_id)
    select distinct a.id from new_rows n join timebank_account a on a.id in (n.from_account_id, n.to_account_id)
     where a.kind = 'member' order by a.id
    on conflict do nothing
    returning account_id)
  insert into timebank_ledger_tally as t (key, value)
  select 'members_exchanged', count(*) from first_time having count(*) > 0
  on conflict (key) do update set value = t.value + excluded.value;
  return null;
end $$;`);
    this.addSql(
      `create trigger timebank_month_stats_insert after insert on timebank_transfer referencing new table as new_rows for each statement execute function timebank_month_stats_add();`,
    );

    this.addSql(`create function timebank_sum_balances_add() returns trigger language plpgsql as $$
begin
  insert into timebank_ledger_tally as t (key, value)
  select 'sum_balances', sum(amount) from new_rows having sum(amount) <> 0
  on conflict (key) do update set value = t.value + excluded.value;
  return null;
end $$;`);
    this.addSql(
      `create trigger timebank_sum_balances_insert after insert on timebank_entry referencing new table as new_rows for each statement execute function timebank_sum_balances_add();`,
    );

    this.addSql(`create function timebank_stats_rebuild() returns void language sql as $$
  delete from timebank_month_tally;
  delete from timebank_month_participant;
  delete from timebank_month_histogram;
  delete from timebank_member_exchanged;
  delete from timebank_ledger_tally;
  insert into timebank_month_participant (month, account_id, participations)
  select month, account_id, count(*)
    from (select ${MONTH} as month, from_account_id as account_id from timebank_transfer where kind in ('direct', 'exchange')
          union all select ${MONTH}, to_account_id from timebank_transfer where kind in ('direct', 'exchange')) taking_part
   group by month, account_id;
  insert into timebank_month_histogram (month, participations, members)
  select month, participations, count(*) from timebank_month_participant group by month, participations;
  insert into timebank_month_tally (month, transfers, minutes, members)
  select t.month, t.transfers, t.minutes, (select count(*) from timebank_month_participant p where p.month = t.month)
    from (select ${MONTH} as month, count(*) as transfers, sum(minutes) as minutes
            from timebank_transfer where kind in ('direct', 'exchange') group by 1) t;
  insert into timebank_member_exchanged (account_id)
  select a.id from timebank_account a
   where a.kind = 'member'
     and (exists (select 1 from timebank_transfer t where t.from_account_id = a.id) or exists (select 1 from timebank_transfer t where t.to_account_id = a.id));
  insert into timebank_ledger_tally (key, value)
  values ('members_exchanged', (select count(*) from timebank_member_exchanged)),
         ('sum_balances', (select coalesce(sum(balance), 0) from timebank_account));
$$;`);
    this.addSql(`select timebank_stats_rebuild();`);
  }

  async down() {
    this.addSql(`drop trigger timebank_month_stats_insert on timebank_transfer;`);
    this.addSql(`drop trigger timebank_sum_balances_insert on timebank_entry;`);
    this.addSql(`drop function timebank_month_stats_add();`);
    this.addSql(`drop function timebank_sum_balances_add();`);
    this.addSql(`drop function timebank_stats_rebuild();`);
    for (const table of [
      'timebank_month_tally',
      'timebank_month_participant',
      'timebank_month_histogram',
      'timebank_member_exchanged',
      'timebank_ledger_tally',
    ]) {
      this.addSql(`drop table ${table};`);
    }
  }
}
exports.Migration20261205500100_timebank_stats = Migration20261205500100_timebank_stats;

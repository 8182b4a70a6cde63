'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122105213_timebank extends Migration {

  async up() {
    this.addSql(`create type "timebank_post_kind" as enum ('offer', 'request');`);
    this.addSql(`create type "timebank_category" as enum ('formation', 'materiel', 'usages', 'demarches', 'communication', 'animation', 'autre');`);
    this.addSql(`create type "timebank_post_status" as enum ('open', 'closed');`);
    this.addSql(`create type "timebank_exchange_status" as enum ('proposed', 'accepted', 'done', 'confirmed', 'cancelled');`);
    this.addSql(`create type "timebank_account_kind" as enum ('member', 'pool');`);
    this.addSql(`create type "timebank_transfer_kind" as enum ('direct', 'exchange', 'grant', 'overflow', 'donation');`);
    this.addSql(`create table "timebank_settings" ("id" smallint not null default 1, "floor_minutes" int not null, "ceiling_minutes" int not null, "updated_at" timestamptz not null default now(), "updated_by_id" uuid null, constraint "timebank_settings_pkey" primary key ("id"), constraint timebank_settings_limits_check check (floor_minutes <= 0 and ceiling_minutes > 0), constraint timebank_settings_single_row check (id = 1));`);

    this.addSql(`create table "timebank_post" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "author_id" uuid not null, "kind" "timebank_post_kind" not null, "title" varchar(120) not null, "description" text not null, "category" "timebank_category" not null, "tags" text[] not null default '{}', "departement" varchar(3) null, "commune" varchar(120) null, "availability" varchar(200) null, "status" "timebank_post_status" not null default 'open', "closed_at" timestamptz null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "timebank_post_pkey" primary key ("id"));`);
    this.addSql(`create index "timebank_post_author_id_index" on "timebank_post" ("author_id");`);
    this.addSql(`create index "timebank_post_status_created_at_index" on "timebank_post" ("status", "created_at");`);

    this.addSql(`create table "timebank_exchange" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "post_id" uuid not null, "provider_id" uuid not null, "beneficiary_id" uuid not null, "proposed_by_id" uuid not null, "status" "timebank_exchange_status" not null default 'proposed', "minutes" int not null, "spent_minutes" int null, "message" text null, "accepted_at" timestamptz null, "done_at" timestamptz null, "confirmed_at" timestamptz null, "cancelled_at" timestamptz null, "cancelled_by_id" uuid null, "disputed_at" timestamptz null, "disputed_by_id" uuid null, "dispute_reason" text null, constraint "timebank_exchange_pkey" primary key ("id"));`);
    this.addSql(`create index "timebank_exchange_post_id_index" on "timebank_exchange" ("post_id");`);
    this.addSql(`create index "timebank_exchange_provider_id_index" on "timebank_exchange" ("provider_id");`);
    this.addSql(`create index "timebank_exchange_beneficiary_id_index" on "timebank_exchange" ("beneficiary_id");`);

    this.addSql(`create table "timebank_account" ("id" uuid not null, "kind" "timebank_account_kind" not null, "user_id" uuid null, "balance" int not null default 0, "created_at" timestamptz not null default now(), constraint "timebank_account_pkey" primary key ("id"), constraint timebank_account_owner_check check ((kind = 'pool' and user_id is null and id = '00000000-0000-4000-8000-000000000001') or (kind = 'member' and id <> '00000000-0000-4000-8000-000000000001')));`);
    this.addSql(`alter table "timebank_account" add constraint "timebank_account_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "timebank_transfer" ("id" uuid not null, "kind" "timebank_transfer_kind" not null, "from_account_id" uuid not null, "to_account_id" uuid not null, "minutes" int not null, "memo" varchar(300) null, "idempotency_key" varchar(100) null, "created_by_id" uuid null, "exchange_id" uuid null, "caused_by_id" uuid null, "created_at" timestamptz not null default now(), constraint "timebank_transfer_pkey" primary key ("id"), constraint timebank_transfer_accounts_check check (from_account_id <> to_account_id), constraint timebank_transfer_minutes_check check (minutes > 0));`);
    this.addSql(`create index "timebank_transfer_from_account_id_index" on "timebank_transfer" ("from_account_id");`);
    this.addSql(`create index "timebank_transfer_to_account_id_index" on "timebank_transfer" ("to_account_id");`);
    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_exchange_id_unique" unique ("exchange_id");`);
    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_caused_by_id_unique" unique ("caused_by_id");`);
    this.addSql(`create index "timebank_transfer_created_at_index" on "timebank_transfer" ("created_at");`);
    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_idempotency_unique" unique ("from_account_id", "idempotency_key");`);

    this.addSql(`create table "timebank_entry" ("id" bigserial primary key, "transfer_id" uuid not null, "account_id" uuid not null, "amount" int not null, "balance_after" int not null default 0, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "timebank_entry_transfer_id_index" on "timebank_entry" ("transfer_id");`);
    this.addSql(`create index "timebank_entry_account_id_id_index" on "timebank_entry" ("account_id", "id");`);

    this.addSql(`alter table "timebank_settings" add constraint "timebank_settings_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "timebank_post" add constraint "timebank_post_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "timebank_exchange" add constraint "timebank_exchange_post_id_foreign" foreign key ("post_id") references "timebank_post" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "timebank_exchange" add constraint "timebank_exchange_provider_id_foreign" foreign key ("provider_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "timebank_exchange" add constraint "timebank_exchange_beneficiary_id_foreign" foreign key ("beneficiary_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "timebank_exchange" add constraint "timebank_exchange_proposed_by_id_foreign" foreign key ("proposed_by_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "timebank_exchange" add constraint "timebank_exchange_cancelled_by_id_foreign" foreign key ("cancelled_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "timebank_exchange" add constraint "timebank_exchange_disputed_by_id_foreign" foreign key ("disputed_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "timebank_account" add constraint "timebank_account_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_from_account_id_foreign" foreign key ("from_account_id") references "timebank_account" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_to_account_id_foreign" foreign key ("to_account_id") references "timebank_account" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_exchange_id_foreign" foreign key ("exchange_id") references "timebank_exchange" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "timebank_transfer" add constraint "timebank_transfer_caused_by_id_foreign" foreign key ("caused_by_id") references "timebank_transfer" ("id") on update cascade on delete no action;`);

    this.addSql(`alter table "timebank_entry" add constraint "timebank_entry_transfer_id_foreign" foreign key ("transfer_id") references "timebank_transfer" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "timebank_entry" add constraint "timebank_entry_account_id_foreign" foreign key ("account_id") references "timebank_account" ("id") on update cascade on delete no action;`);

    // ---- Hand-written: the ledger keeps itself honest, whatever the application does. ----

    // Default limits (−10 h, +40 h) and the solidarity pool (fonds commun).
    this.addSql(`insert into timebank_settings (id, floor_minutes, ceiling_minutes) values (1, -600, 2400);`);
    this.addSql(`insert into timebank_account (id, kind, user_id, balance) values ('00000000-0000-4000-8000-000000000001', 'pool', null, 0);`);

    // Append-only: no UPDATE, DELETE or TRUNCATE of entries and transfers. The one change allowed is
    // a deleted user's name leaving a transfer (created_by_id set to null), so the ledger survives
    // account deletion unchanged.
    this.addSql(`create function timebank_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and tg_table_name = 'timebank_transfer' then
    if (to_jsonb(new) ->> 'created_by_id') is null and (to_jsonb(new) - 'created_by_id') = (to_jsonb(old) - 'created_by_id') then
      return new;
    end if;
  end if;
  raise exception 'le grand livre de la banque de temps est en ajout seul : % refusé sur %', tg_op, tg_table_name
    using errcode = 'TB003';
end $$;`);
    for (const table of ['timebank_entry', 'timebank_transfer']) {
      this.addSql(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function timebank_refuse_change();`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function timebank_refuse_change();`);
    }

    // A balance moves only through an entry: each entry updates its account under the row lock,
    // refuses a debit that would go below the floor (0 for the pool), and records the balance after it.
    this.addSql(`create function timebank_entry_apply() returns trigger language plpgsql as $$
declare
  v_balance integer;
  v_kind timebank_account_kind;
  v_floor integer;
begin
  if new.amount = 0 then
    raise exception 'une écriture de 0 minute est refusée' using errcode = 'TB002';
  end if;
  update timebank_account set balance = balance + new.amount where id = new.account_id returning balance, kind into v_balance, v_kind;
  if not found then
    raise exception 'compte % inconnu', new.account_id using errcode = 'TB002';
  end if;
  if new.amount < 0 then
    if v_kind = 'pool' then v_floor := 0; else select floor_minutes into v_floor from timebank_settings where id = 1; end if;
    if v_balance < v_floor then
      raise exception 'solde sous le plancher' using errcode = 'TB001',
        detail = greatest(0, v_balance - new.amount - v_floor)::text;
    end if;
  end if;
  new.balance_after := v_balance;
  return new;
end $$;`);
    this.addSql(`create trigger timebank_entry_apply before insert on timebank_entry for each row execute function timebank_entry_apply();`);

    // Balances are written only by the entry trigger above (trigger depth 2), and accounts start at 0.
    this.addSql(`create function timebank_account_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.balance <> 0 then raise exception 'un compte commence à 0 minute' using errcode = 'TB004'; end if;
    return new;
  end if;
  if tg_op = 'DELETE' then
    raise exception 'un compte de la banque de temps ne se supprime pas' using errcode = 'TB004';
  end if;
  if new.id <> old.id or new.kind <> old.kind then
    raise exception 'un compte ne change ni d''identifiant ni de nature' using errcode = 'TB004';
  end if;
  if new.balance <> old.balance and pg_trigger_depth() < 2 then
    raise exception 'un solde ne change que par une écriture' using errcode = 'TB004';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger timebank_account_guard before insert or update or delete on timebank_account for each row execute function timebank_account_guard();`);

    // Checked at commit: each transfer is exactly two entries, −minutes for the payer and +minutes
    // for the receiver, so they sum to zero and all balances together always sum to zero.
    this.addSql(`create function timebank_check_transfer() returns trigger language plpgsql as $$
declare
  v_transfer_id uuid := (to_jsonb(new) ->> case when tg_table_name = 'timebank_entry' then 'transfer_id' else 'id' end)::uuid;
  v_ok boolean;
begin
  select count(*) = 2 and sum(e.amount) = 0
         and bool_or(e.account_id = t.from_account_id and e.amount = -t.minutes)
         and bool_or(e.account_id = t.to_account_id and e.amount = t.minutes)
    into v_ok
    from timebank_transfer t join timebank_entry e on e.transfer_id = t.id
   where t.id = v_transfer_id;
  if v_ok is not true then
    raise exception 'le virement % n''est pas équilibré (deux écritures de somme nulle attendues)', v_transfer_id using errcode = 'TB002';
  end if;
  return null;
end $$;`);
    this.addSql(`create constraint trigger timebank_transfer_balanced after insert on timebank_transfer deferrable initially deferred for each row execute function timebank_check_transfer();`);
    this.addSql(`create constraint trigger timebank_entry_balanced after insert on timebank_entry deferrable initially deferred for each row execute function timebank_check_transfer();`);

    // The member account of a user, opened on first use.
    this.addSql(`create function timebank_member_account(p_user_id uuid) returns uuid language plpgsql as $$
declare v_id uuid;
begin
  select id into v_id from timebank_account where user_id = p_user_id;
  if v_id is null then
    insert into timebank_account (id, kind, user_id) values (gen_random_uuid(), 'member', p_user_id)
      on conflict (user_id) do nothing returning id into v_id;
    if v_id is null then select id into v_id from timebank_account where user_id = p_user_id; end if;
  end if;
  return v_id;
end $$;`);

    // Posts one transfer (null user = the pool). The idempotency key is claimed first: a concurrent
    // request with the same key waits on the unique index, then finds the transfer and returns it.
    // Accounts are locked in one global order (members by id, the pool last), so concurrent transfers
    // never deadlock. What would lift a member above the ceiling moves on to the pool at once, as a
    // second transfer linked to the first (caused_by_id).
    this.addSql(`create function timebank_post_transfer(
  p_kind timebank_transfer_kind, p_from_user uuid, p_to_user uuid, p_minutes integer,
  p_memo text, p_key text, p_created_by uuid, p_exchange uuid
) returns table (transfer_id uuid, replayed boolean, overflow_minutes integer, payer_balance integer, created_at timestamptz)
language plpgsql as $$
declare
  v_pool constant uuid := '00000000-0000-4000-8000-000000000001';
  v_from uuid := case when p_from_user is null then v_pool else timebank_member_account(p_from_user) end;
  v_to uuid := case when p_to_user is null then v_pool else timebank_member_account(p_to_user) end;
  v_id uuid := gen_random_uuid();
  v_existing timebank_transfer%rowtype;
  v_to_balance integer;
  v_ceiling integer;
  v_overflow integer := 0;
  v_overflow_id uuid := gen_random_uuid();
begin
  insert into timebank_transfer (id, kind, from_account_id, to_account_id, minutes, memo, idempotency_key, created_by_id, exchange_id)
    values (v_id, p_kind, v_from, v_to, p_minutes, p_memo, p_key, p_created_by, p_exchange)
    on conflict (from_account_id, idempotency_key) do nothing;
  if not found then
    select * into v_existing from timebank_transfer t where t.from_account_id = v_from and t.idempotency_key = p_key;
    if v_existing.to_account_id <> v_to or v_existing.minutes <> p_minutes or v_existing.kind <> p_kind then
      raise exception 'clé d''idempotence déjà utilisée pour un autre virement' using errcode = 'TB005';
    end if;
    return query
      select v_existing.id, true, coalesce((select o.minutes from timebank_transfer o where o.caused_by_id = v_existing.id), 0),
             (select a.balance from timebank_account a where a.id = v_from), v_existing.created_at;
    return;
  end if;

  perform 1 from timebank_account a where a.id in (v_from, v_to) order by a.kind = 'pool', a.id for no key update;
  select a.balance into v_to_balance from timebank_account a where a.id = v_to;
  if v_to <> v_pool then
    select s.ceiling_minutes into v_ceiling from timebank_settings s where s.id = 1;
    v_overflow := least(p_minutes, greatest(0, v_to_balance + p_minutes - v_ceiling));
  end if;
  insert into timebank_entry (transfer_id, account_id, amount) values (v_id, v_from, -p_minutes), (v_id, v_to, p_minutes);
  if v_overflow > 0 then
    perform 1 from timebank_account a where a.id = v_pool for no key update;
    insert into timebank_transfer (id, kind, from_account_id, to_account_id, minutes, created_by_id, caused_by_id)
      values (v_overflow_id, 'overflow', v_to, v_pool, v_overflow, p_created_by, v_id);
    insert into timebank_entry (transfer_id, account_id, amount) values (v_overflow_id, v_to, -v_overflow), (v_overflow_id, v_pool, v_overflow);
  end if;
  return query select v_id, false, v_overflow, (select a.balance from timebank_account a where a.id = v_from), now();
end $$;`);

    // French full-text search of offers and requests, accents ignored.
    this.addSql(`create index timebank_post_search_index on timebank_post using gin (to_tsvector('fr_unaccent', title || ' ' || description));`);
  }

  async down() {
    this.addSql(`drop function if exists timebank_post_transfer(timebank_transfer_kind, uuid, uuid, integer, text, text, uuid, uuid);`);
    this.addSql(`drop function if exists timebank_member_account(uuid);`);
    this.addSql(`drop table if exists "timebank_entry" cascade;`);
    this.addSql(`drop table if exists "timebank_transfer" cascade;`);
    this.addSql(`drop table if exists "timebank_account" cascade;`);
    this.addSql(`drop table if exists "timebank_exchange" cascade;`);
    this.addSql(`drop table if exists "timebank_post" cascade;`);
    this.addSql(`drop table if exists "timebank_settings" cascade;`);
    this.addSql(`drop function if exists timebank_check_transfer();`);
    this.addSql(`drop function if exists timebank_account_guard();`);
    this.addSql(`drop function if exists timebank_entry_apply();`);
    this.addSql(`drop function if exists timebank_refuse_change();`);
    this.addSql(`drop type "timebank_post_kind";`);
    this.addSql(`drop type "timebank_category";`);
    this.addSql(`drop type "timebank_post_status";`);
    this.addSql(`drop type "timebank_exchange_status";`);
    this.addSql(`drop type "timebank_account_kind";`);
    this.addSql(`drop type "timebank_transfer_kind";`);
  }

}
exports.Migration20261122105213_timebank = Migration20261122105213_timebank;

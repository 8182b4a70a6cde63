'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122105651_agenda extends Migration {

  async up() {
    this.addSql(`create type "event_kind" as enum ('atelier', 'barcamp', 'cafe_citoyen', 'formation', 'webinaire', 'permanence', 'reunion_reseau');`);
    this.addSql(`create type "digital_level" as enum ('eloigne', 'debutant', 'intermediaire', 'avance', 'autonome');`);
    this.addSql(`create type "registration_status" as enum ('confirmed', 'waitlisted', 'cancelled');`);
    this.addSql(`create table "event_series" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "title" varchar(200) not null, "session_count" int not null, "organizer_id" uuid not null, constraint "event_series_pkey" primary key ("id"));`);

    this.addSql(`create table "calendar_token" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "token_hash" varchar(64) not null, constraint "calendar_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "calendar_token" add constraint "calendar_token_user_id_unique" unique ("user_id");`);
    this.addSql(`alter table "calendar_token" add constraint "calendar_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "agenda_event" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kind" "event_kind" not null, "title" varchar(200) not null, "description" text not null default '', "starts_at" timestamptz not null, "ends_at" timestamptz not null, "organizer_id" uuid not null, "place_id" uuid null, "address" varchar(300) null, "postal_code" varchar(5) null, "commune" varchar(120) null, "departement" varchar(3) null, "latitude" double precision null, "longitude" double precision null, "online_url" varchar(500) null, "capacity" int null, "registration_opens_at" timestamptz null, "registration_closes_at" timestamptz null, "level" "digital_level" null, "publics" text[] not null default '{}', "accessibility" text null, "fees" varchar(200) null, "themes" text[] not null default '{}', "series_id" uuid null, "series_position" int null, "sequence" int not null default 0, "created_by_id" uuid null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "agenda_event_pkey" primary key ("id"));`);
    this.addSql(`create index "agenda_event_organizer_id_index" on "agenda_event" ("organizer_id");`);
    this.addSql(`create index "agenda_event_departement_index" on "agenda_event" ("departement");`);
    this.addSql(`create index "agenda_event_starts_at_index" on "agenda_event" ("starts_at");`);

    this.addSql(`create table "event_registration" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "event_id" uuid not null, "user_id" uuid not null, "status" "registration_status" not null, "queue_number" int not null, "confirmed_at" timestamptz null, "cancelled_at" timestamptz null, constraint "event_registration_pkey" primary key ("id"));`);
    this.addSql(`create index "event_registration_user_id_status_index" on "event_registration" ("user_id", "status");`);
    this.addSql(`create index "event_registration_event_id_status_queue_number_index" on "event_registration" ("event_id", "status", "queue_number");`);
    this.addSql(`alter table "event_registration" add constraint "event_registration_event_id_user_id_unique" unique ("event_id", "user_id");`);

    this.addSql(`create table "barcamp_slot" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "event_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, constraint "barcamp_slot_pkey" primary key ("id"));`);
    this.addSql(`create index "barcamp_slot_event_id_index" on "barcamp_slot" ("event_id");`);

    this.addSql(`create table "barcamp_room" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "event_id" uuid not null, "name" varchar(120) not null, "capacity" int not null, constraint "barcamp_room_pkey" primary key ("id"));`);
    this.addSql(`create index "barcamp_room_event_id_index" on "barcamp_room" ("event_id");`);

    this.addSql(`create table "barcamp_session" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "event_id" uuid not null, "title" varchar(200) not null, "pitch" text not null default '', "theme" varchar(120) null, "proposer_id" uuid null, "room_id" uuid null, "slot_id" uuid null, "notes" text not null default '', "notes_updated_at" timestamptz null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "barcamp_session_pkey" primary key ("id"));`);
    this.addSql(`create index "barcamp_session_event_id_index" on "barcamp_session" ("event_id");`);
    this.addSql(`alter table "barcamp_session" add constraint "barcamp_session_room_id_slot_id_unique" unique ("room_id", "slot_id");`);

    this.addSql(`create table "barcamp_interest" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "session_id" uuid not null, "user_id" uuid not null, constraint "barcamp_interest_pkey" primary key ("id"));`);
    this.addSql(`alter table "barcamp_interest" add constraint "barcamp_interest_session_id_user_id_unique" unique ("session_id", "user_id");`);

    this.addSql(`create table "barcamp_session_speaker" ("session_id" uuid not null, "user_id" uuid not null, constraint "barcamp_session_speaker_pkey" primary key ("session_id", "user_id"));`);

    this.addSql(`create table "agenda_event_co_organizer" ("event_id" uuid not null, "organization_id" uuid not null, constraint "agenda_event_co_organizer_pkey" primary key ("event_id", "organization_id"));`);

    this.addSql(`alter table "event_series" add constraint "event_series_organizer_id_foreign" foreign key ("organizer_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "calendar_token" add constraint "calendar_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "agenda_event" add constraint "agenda_event_organizer_id_foreign" foreign key ("organizer_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agenda_event" add constraint "agenda_event_place_id_foreign" foreign key ("place_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "agenda_event" add constraint "agenda_event_series_id_foreign" foreign key ("series_id") references "event_series" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agenda_event" add constraint "agenda_event_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "event_registration" add constraint "event_registration_event_id_foreign" foreign key ("event_id") references "agenda_event" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "event_registration" add constraint "event_registration_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "barcamp_slot" add constraint "barcamp_slot_event_id_foreign" foreign key ("event_id") references "agenda_event" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "barcamp_room" add constraint "barcamp_room_event_id_foreign" foreign key ("event_id") references "agenda_event" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "barcamp_session" add constraint "barcamp_session_event_id_foreign" foreign key ("event_id") references "agenda_event" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "barcamp_session" add constraint "barcamp_session_proposer_id_foreign" foreign key ("proposer_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "barcamp_session" add constraint "barcamp_session_room_id_foreign" foreign key ("room_id") references "barcamp_room" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "barcamp_session" add constraint "barcamp_session_slot_id_foreign" foreign key ("slot_id") references "barcamp_slot" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "barcamp_interest" add constraint "barcamp_interest_session_id_foreign" foreign key ("session_id") references "barcamp_session" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "barcamp_interest" add constraint "barcamp_interest_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "barcamp_session_speaker" add constraint "barcamp_session_speaker_session_id_foreign" foreign key ("session_id") references "barcamp_session" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "barcamp_session_speaker" add constraint "barcamp_session_speaker_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "agenda_event_co_organizer" add constraint "agenda_event_co_organizer_event_id_foreign" foreign key ("event_id") references "agenda_event" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agenda_event_co_organizer" add constraint "agenda_event_co_organizer_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    // Hand-written: what must hold whatever the code does.
    this.addSql(`alter table "agenda_event" add constraint "agenda_event_ends_after_start" check (ends_at > starts_at);`);
    this.addSql(`alter table "agenda_event" add constraint "agenda_event_capacity_positive" check (capacity is null or capacity > 0);`);
    this.addSql(`alter table "barcamp_slot" add constraint "barcamp_slot_ends_after_start" check (ends_at > starts_at);`);
    this.addSql(`alter table "barcamp_room" add constraint "barcamp_room_capacity_positive" check (capacity > 0);`);
    // A second lock on the door against overbooking: the service gives seats while holding the
    // event's row lock; this refuses any new confirmed seat beyond the capacity, whoever writes it.
    // (Lowering the capacity later keeps the people already confirmed: only new seats are checked.)
    this.addSql(`create or replace function agenda_refuse_overbooking() returns trigger language plpgsql as $$
      declare
        seats int;
        taken int;
      begin
        if new.status = 'confirmed' and (tg_op = 'INSERT' or old.status <> 'confirmed') then
          select capacity into seats from agenda_event where id = new.event_id;
          if seats is not null then
            select count(*) into taken from event_registration where event_id = new.event_id and status = 'confirmed' and id <> new.id;
            if taken >= seats then
              raise exception 'event % is full (% seats)', new.event_id, seats using errcode = 'check_violation';
            end if;
          end if;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "event_registration_refuse_overbooking" before insert or update of status on "event_registration" for each row execute function agenda_refuse_overbooking();`);
  }

  async down() {
    this.addSql(`drop trigger if exists "event_registration_refuse_overbooking" on "event_registration";`);
    this.addSql(`drop function if exists agenda_refuse_overbooking();`);
    this.addSql(`alter table "agenda_event" drop constraint "agenda_event_series_id_foreign";`);

    this.addSql(`alter table "event_registration" drop constraint "event_registration_event_id_foreign";`);

    this.addSql(`alter table "barcamp_slot" drop constraint "barcamp_slot_event_id_foreign";`);

    this.addSql(`alter table "barcamp_room" drop constraint "barcamp_room_event_id_foreign";`);

    this.addSql(`alter table "barcamp_session" drop constraint "barcamp_session_event_id_foreign";`);

    this.addSql(`alter table "agenda_event_co_organizer" drop constraint "agenda_event_co_organizer_event_id_foreign";`);

    this.addSql(`alter table "barcamp_session" drop constraint "barcamp_session_slot_id_foreign";`);

    this.addSql(`alter table "barcamp_session" drop constraint "barcamp_session_room_id_foreign";`);

    this.addSql(`alter table "barcamp_interest" drop constraint "barcamp_interest_session_id_foreign";`);

    this.addSql(`alter table "barcamp_session_speaker" drop constraint "barcamp_session_speaker_session_id_foreign";`);

    this.addSql(`drop table if exists "event_series" cascade;`);

    this.addSql(`drop table if exists "calendar_token" cascade;`);

    this.addSql(`drop table if exists "agenda_event" cascade;`);

    this.addSql(`drop table if exists "event_registration" cascade;`);

    this.addSql(`drop table if exists "barcamp_slot" cascade;`);

    this.addSql(`drop table if exists "barcamp_room" cascade;`);

    this.addSql(`drop table if exists "barcamp_session" cascade;`);

    this.addSql(`drop table if exists "barcamp_interest" cascade;`);

    this.addSql(`drop table if exists "barcamp_session_speaker" cascade;`);

    this.addSql(`drop table if exists "agenda_event_co_organizer" cascade;`);

    this.addSql(`drop type "event_kind";`);
    this.addSql(`drop type "digital_level";`);
    this.addSql(`drop type "registration_status";`);
  }

}
exports.Migration20261122105651_agenda = Migration20261122105651_agenda;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Guests: people without an account register to an event that allows it (agenda/guest-registrations.ts).
 * A guest registration is an `event_registration` without `user_id`, so seats and the waitlist keep
 * one count; `event_guest_link` holds the hashed private links (pending for 48 h until confirmed).
 * Ateliers and cafés citoyens allow guests by default.
 */
class Migration20261204130000_guest_registrations extends Migration {
  async up() {
    this.addSql(`alter table "agenda_event" add column "guests_allowed" boolean not null default false;`);
    this.addSql(`update "agenda_event" set "guests_allowed" = true where "kind" in ('atelier', 'cafe_citoyen');`);

    this.addSql(`alter table "event_registration" alter column "user_id" drop not null;`);
    this.addSql(
      `alter table "event_registration" add column "guest_first_name" varchar(80) null, add column "guest_email" varchar(254) null, add column "guest_phone" varchar(30) null, add column "added_by_id" uuid null;`,
    );
    this.addSql(
      `alter table "event_registration" add constraint "event_registration_added_by_id_foreign" foreign key ("added_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "event_registration_added_by_id_index" on "event_registration" ("added_by_id");`);
    this.addSql(
      `alter table "event_registration" add constraint "event_registration_person" check (user_id is not null or guest_first_name is not null);`,
    );

    this.addSql(
      `create table "event_guest_link" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "token_hash" varchar(64) not null, "event_id" uuid not null, "registration_id" uuid null, "first_name" varchar(80) null, "email" varchar(254) null, "expires_at" timestamptz null, constraint "event_guest_link_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "event_guest_link" add constraint "event_guest_link_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "event_guest_link_event_id_index" on "event_guest_link" ("event_id");`);
    this.addSql(`create index "event_guest_link_registration_id_index" on "event_guest_link" ("registration_id");`);
    this.addSql(
      `alter table "event_guest_link" add constraint "event_guest_link_event_id_foreign" foreign key ("event_id") references "agenda_event" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "event_guest_link" add constraint "event_guest_link_registration_id_foreign" foreign key ("registration_id") references "event_registration" ("id") on update cascade on delete cascade;`,
    );
  }

  async down() {
    this.addSql(`drop table if exists "event_guest_link" cascade;`);
    this.addSql(`delete from "event_registration" where "user_id" is null;`);
    this.addSql(`alter table "event_registration" drop constraint if exists "event_registration_person";`);
    this.addSql(`alter table "event_registration" drop constraint if exists "event_registration_added_by_id_foreign";`);
    this.addSql(
      `alter table "event_registration" drop column "guest_first_name", drop column "guest_email", drop column "guest_phone", drop column "added_by_id";`,
    );
    this.addSql(`alter table "event_registration" alter column "user_id" set not null;`);
    this.addSql(`alter table "agenda_event" drop column "guests_allowed";`);
  }
}
exports.Migration20261204130000_guest_registrations = Migration20261204130000_guest_registrations;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Managing events fully: drafts (`published_at` null until published; every existing event is
 * published), the first start of a rescheduled event (`previous_start_at`, schema.org
 * EventRescheduled), and co-organizers invited rather than named (existing ones count as accepted).
 */
class Migration20261204140000_event_management extends Migration {
  async up() {
    this.addSql(`alter table "agenda_event" add column "published_at" timestamptz null, add column "previous_start_at" timestamptz null;`);
    this.addSql(`update "agenda_event" set "published_at" = "created_at";`);

    this.addSql(`create type "co_organization_status" as enum ('pending', 'accepted', 'declined');`);
    this.addSql(
      `alter table "agenda_event_co_organizer" add column "status" "co_organization_status" not null default 'accepted', add column "invited_at" timestamptz not null default now(), add column "invited_by_id" uuid null, add column "responded_at" timestamptz null, add column "responded_by_id" uuid null;`,
    );
    this.addSql(`update "agenda_event_co_organizer" set "responded_at" = now();`);
    this.addSql(`alter table "agenda_event_co_organizer" alter column "status" set default 'pending';`);
    this.addSql(
      `alter table "agenda_event_co_organizer" add constraint "agenda_event_co_organizer_invited_by_id_foreign" foreign key ("invited_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "agenda_event_co_organizer" add constraint "agenda_event_co_organizer_responded_by_id_foreign" foreign key ("responded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `create index "agenda_event_co_organizer_organization_id_status_index" on "agenda_event_co_organizer" ("organization_id", "status");`,
    );
  }

  async down() {
    this.addSql(`drop index if exists "agenda_event_co_organizer_organization_id_status_index";`);
    this.addSql(
      `alter table "agenda_event_co_organizer" drop constraint if exists "agenda_event_co_organizer_invited_by_id_foreign", drop constraint if exists "agenda_event_co_organizer_responded_by_id_foreign";`,
    );
    this.addSql(
      `alter table "agenda_event_co_organizer" drop column "status", drop column "invited_at", drop column "invited_by_id", drop column "responded_at", drop column "responded_by_id";`,
    );
    this.addSql(`drop type "co_organization_status";`);
    this.addSql(`alter table "agenda_event" drop column "published_at", drop column "previous_start_at";`);
  }
}
exports.Migration20261204140000_event_management = Migration20261204140000_event_management;

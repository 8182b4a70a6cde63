'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Messages from the organizers to the people registered (a room change, something to bring), sent
 * through the notifications and kept on the event's page for those people.
 */
class Migration20261203202000_event_messages extends Migration {
  async up() {
    this.addSql(
      `create table "event_message" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "event_id" uuid not null, "author_id" uuid null, "body" text not null, "includes_waitlisted" boolean not null default false, "whole_cycle" boolean not null default false, "recipient_count" int not null, constraint "event_message_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "event_message_event_id_created_at_index" on "event_message" ("event_id", "created_at");`);
    this.addSql(`create index "event_message_author_id_index" on "event_message" ("author_id");`);
    this.addSql(
      `alter table "event_message" add constraint "event_message_event_id_foreign" foreign key ("event_id") references "agenda_event" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "event_message" add constraint "event_message_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  async down() {
    this.addSql(`drop table if exists "event_message" cascade;`);
  }
}
exports.Migration20261203202000_event_messages = Migration20261203202000_event_messages;

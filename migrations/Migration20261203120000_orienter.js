'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Orienter (docs/orienter.md): orientations between helpers (`orientation`: the person's fields are
 * nulled 3 months after it closes, the row stays for the figures) and the self-check results a
 * person chose to keep (`self_check_result`: the level per domain, never the answers).
 */
class Migration20261203120000_orienter extends Migration {
  async up() {
    this.addSql(`create type "orientation_status" as enum ('sent', 'accepted', 'answered', 'declined', 'closed');`);
    this.addSql(
      `create table "orientation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "sender_id" uuid not null, "organization_id" uuid not null, "person_name" varchar(60) null, "person_contact" varchar(120) null, "need" varchar(300) null, "note" varchar(1000) null, "consent_at" timestamptz not null, "status" "orientation_status" not null default 'sent', "answer" varchar(1000) null, "answered_by_id" uuid null, "answered_at" timestamptz null, "closed_at" timestamptz null, "erased_at" timestamptz null, constraint "orientation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "orientation_closed_at_index" on "orientation" ("closed_at");`);
    this.addSql(`create index "orientation_sender_id_created_at_index" on "orientation" ("sender_id", "created_at");`);
    this.addSql(`create index "orientation_organization_id_created_at_index" on "orientation" ("organization_id", "created_at");`);
    this.addSql(
      `create table "self_check_result" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "levels" jsonb not null, constraint "self_check_result_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "self_check_result_user_id_index" on "self_check_result" ("user_id");`);
    this.addSql(
      `alter table "orientation" add constraint "orientation_sender_id_foreign" foreign key ("sender_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "orientation" add constraint "orientation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "orientation" add constraint "orientation_answered_by_id_foreign" foreign key ("answered_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "self_check_result" add constraint "self_check_result_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }

  async down() {
    this.addSql(`drop table if exists "self_check_result" cascade;`);
    this.addSql(`drop table if exists "orientation" cascade;`);
    this.addSql(`drop type if exists "orientation_status";`);
  }
}
exports.Migration20261203120000_orienter = Migration20261203120000_orienter;

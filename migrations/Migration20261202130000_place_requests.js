'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * "Revendiquer ce lieu" and "signaler une erreur" (reseau): a member's request to manage a place
 * (`place_claim`, one pending per person and place) and suggested corrections of a place's fields
 * (`place_suggestion`, `changes` = {field: {from, to}}), each decided by the place's admins, else
 * its networks' admins, else the platform's admins.
 */
class Migration20261202130000_place_requests extends Migration {
  async up() {
    this.addSql(`create type "place_request_status" as enum ('pending', 'accepted', 'declined', 'withdrawn');`);
    this.addSql(
      `create table "place_suggestion" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "author_id" uuid null, "changes" jsonb not null, "comment" varchar(1000) null, "status" "place_request_status" not null default 'pending', "decided_by_id" uuid null, "decided_at" timestamptz null, constraint "place_suggestion_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "place_suggestion_organization_id_index" on "place_suggestion" ("organization_id");`);
    this.addSql(`create index "place_suggestion_author_id_index" on "place_suggestion" ("author_id");`);
    this.addSql(
      `create table "place_claim" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "user_id" uuid not null, "message" varchar(1000) null, "status" "place_request_status" not null default 'pending', "decided_by_id" uuid null, "decided_at" timestamptz null, "by_siret" boolean not null default false, constraint "place_claim_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "place_claim_organization_id_index" on "place_claim" ("organization_id");`);
    this.addSql(`create index "place_claim_user_id_index" on "place_claim" ("user_id");`);
    this.addSql(
      `create unique index "place_claim_pending_unique" on "place_claim" ("organization_id", "user_id") where status = 'pending';`,
    );
    this.addSql(
      `alter table "place_suggestion" add constraint "place_suggestion_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "place_suggestion" add constraint "place_suggestion_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "place_suggestion" add constraint "place_suggestion_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "place_claim" add constraint "place_claim_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "place_claim" add constraint "place_claim_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "place_claim" add constraint "place_claim_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  async down() {
    this.addSql(`drop table if exists "place_claim" cascade;`);
    this.addSql(`drop table if exists "place_suggestion" cascade;`);
    this.addSql(`drop type if exists "place_request_status";`);
  }
}
exports.Migration20261202130000_place_requests = Migration20261202130000_place_requests;

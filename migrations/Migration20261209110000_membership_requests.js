'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * "Demander à rejoindre ce lieu" (reseau, membership-requests.service.ts): a member's request to become a plain
 * member of a place, a network or a structure, which its admins accept or refuse. One pending request per person
 * and place (a partial unique index); the admins' list of pending requests, oldest first, is a walk of a partial
 * index. Whoever becomes a member some other way (an admin adds them, ProConnect's SIRET, a claim accepted) has
 * their pending request answered at once, in the same statement (a trigger on `membership`), so it never waits in
 * the admins' list for someone already there, nor comes back if they leave.
 */
class Migration20261209110000_membership_requests extends Migration {
  async up() {
    this.addSql(
      `create table "membership_request" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "user_id" uuid not null, "message" varchar(500) null, "status" "place_request_status" not null default 'pending', "decided_by_id" uuid null, "decided_at" timestamptz null, constraint "membership_request_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "membership_request_user_id_index" on "membership_request" ("user_id");`);
    this.addSql(
      `create index "membership_request_organization_id_user_id_index" on "membership_request" ("organization_id", "user_id");`,
    );
    this.addSql(
      `create index "membership_request_pending_page_index" on "membership_request" ("organization_id", "created_at", "id") where status = 'pending';`,
    );
    this.addSql(
      `create unique index "membership_request_pending_unique" on "membership_request" ("organization_id", "user_id") where status = 'pending';`,
    );
    this.addSql(
      `alter table "membership_request" add constraint "membership_request_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "membership_request" add constraint "membership_request_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "membership_request" add constraint "membership_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `create function membership_request_answered_by_joining() returns trigger language plpgsql as $$
       begin
         update public.membership_request r set status = 'accepted', decided_at = now(), updated_at = now()
           from new_rows m
          where r.organization_id = m.organization_id and r.user_id = m.user_id and r.status = 'pending';
         return null;
       end $$;`,
    );
    this.addSql(
      `create trigger membership_request_answered_by_joining after insert on membership referencing new table as new_rows
       for each statement execute function membership_request_answered_by_joining();`,
    );
  }

  async down() {
    this.addSql(`drop trigger if exists membership_request_answered_by_joining on membership;`);
    this.addSql(`drop function if exists membership_request_answered_by_joining();`);
    this.addSql(`drop table if exists "membership_request" cascade;`);
  }
}
exports.Migration20261209110000_membership_requests = Migration20261209110000_membership_requests;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122105744_commun extends Migration {

  async up() {
    this.addSql(`create type "report_reason" as enum ('spam', 'abuse', 'hate', 'personal_data', 'misleading', 'illegal', 'other');`);
    this.addSql(`create type "report_status" as enum ('open', 'upheld', 'dismissed');`);
    this.addSql(`create type "delivery_channel" as enum ('in_app', 'email', 'digest', 'off');`);
    this.addSql(`create type "outbox_status" as enum ('pending', 'sending', 'sent', 'failed');`);
    this.addSql(`create type "sanction_kind" as enum ('warning', 'suspension', 'lifted');`);
    this.addSql(`create table "report" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "reporter_id" uuid not null, "content_type" varchar(60) not null, "content_id" uuid not null, "reason" "report_reason" not null, "details" text null, "status" "report_status" not null default 'open', "resolved_by_id" uuid null, "resolved_at" timestamptz null, constraint "report_pkey" primary key ("id"));`);
    this.addSql(`create index "report_status_content_type_content_id_index" on "report" ("status", "content_type", "content_id");`);
    this.addSql(`alter table "report" add constraint "report_reporter_id_content_type_content_id_unique" unique ("reporter_id", "content_type", "content_id");`);

    this.addSql(`create table "notification_preference" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "kind" varchar(60) not null, "channel" "delivery_channel" not null, constraint "notification_preference_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_user_id_kind_unique" unique ("user_id", "kind");`);

    this.addSql(`create table "email_outbox" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "recipient_id" uuid null, "to_address" varchar(254) not null, "kind" varchar(60) not null, "subject" varchar(300) not null, "payload" jsonb not null, "status" "outbox_status" not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_at" timestamptz null, "sent_at" timestamptz null, "last_error" text null, constraint "email_outbox_pkey" primary key ("id"));`);
    this.addSql(`create index "email_outbox_status_next_attempt_at_index" on "email_outbox" ("status", "next_attempt_at");`);

    this.addSql(`create table "audit_log" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "actor_id" uuid null, "action" varchar(60) not null, "target_user_id" uuid null, "content_type" varchar(60) null, "content_id" uuid null, "reason" text null, "data" jsonb null, constraint "audit_log_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_log_target_user_id_index" on "audit_log" ("target_user_id");`);
    this.addSql(`create index "audit_log_created_at_index" on "audit_log" ("created_at");`);

    this.addSql(`create table "account_sanction" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "moderator_id" uuid null, "kind" "sanction_kind" not null, "reason" text not null, "until" timestamptz null, constraint "account_sanction_pkey" primary key ("id"));`);

    this.addSql(`alter table "report" add constraint "report_reporter_id_foreign" foreign key ("reporter_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "report" add constraint "report_resolved_by_id_foreign" foreign key ("resolved_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "email_outbox" add constraint "email_outbox_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "audit_log" add constraint "audit_log_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_target_user_id_foreign" foreign key ("target_user_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "account_sanction" add constraint "account_sanction_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_sanction" add constraint "account_sanction_moderator_id_foreign" foreign key ("moderator_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter type "account_status" add value if not exists 'suspended' after 'active';`);

    this.addSql(`alter type "account_status" add value if not exists 'deleted' after 'suspended';`);

    this.addSql(`alter table "app_user" add column "suspended_until" timestamptz null, add column "bio_hidden_at" timestamptz null, add column "bio_hidden_reason" text null;`);

    this.addSql(`alter table "notification" add column "in_digest" boolean not null default false, add column "digested_at" timestamptz null;`);

    // Hand-written: the audit log is append-only, whoever connects to the database.
    this.addSql(`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op;
      end $$;`);
    this.addSql(`create trigger audit_log_append_only before update or delete on "audit_log" for each row execute function audit_log_append_only();`);
  }

  async down() {
    this.addSql(`drop trigger if exists audit_log_append_only on "audit_log";`);
    this.addSql(`drop function if exists audit_log_append_only();`);
    this.addSql(`drop table if exists "report" cascade;`);

    this.addSql(`drop table if exists "notification_preference" cascade;`);

    this.addSql(`drop table if exists "email_outbox" cascade;`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "account_sanction" cascade;`);

    this.addSql(`alter table "app_user" drop column "suspended_until", drop column "bio_hidden_at", drop column "bio_hidden_reason";`);

    this.addSql(`alter table "notification" drop column "in_digest", drop column "digested_at";`);

    this.addSql(`drop type "report_reason";`);
    this.addSql(`drop type "report_status";`);
    this.addSql(`drop type "delivery_channel";`);
    this.addSql(`drop type "outbox_status";`);
    this.addSql(`drop type "sanction_kind";`);
  }

}
exports.Migration20261122105744_commun = Migration20261122105744_commun;

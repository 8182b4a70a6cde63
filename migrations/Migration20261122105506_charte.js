'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122105506_charte extends Migration {

  async up() {
    this.addSql(`create type "charter_amendment_status" as enum ('open', 'accepted', 'rejected', 'withdrawn');`);
    this.addSql(`create table "charter_version" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" int not null, "changelog" text not null, "published_at" timestamptz not null, "published_by_id" uuid null, constraint "charter_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "charter_version" add constraint "charter_version_number_unique" unique ("number");`);

    this.addSql(`create table "charter_article" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version_id" uuid not null, "number" int not null, "title" varchar(200) not null, "body" text not null, constraint "charter_article_pkey" primary key ("id"));`);
    this.addSql(`alter table "charter_article" add constraint "charter_article_version_id_number_unique" unique ("version_id", "number");`);

    this.addSql(`create table "charter_signature" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version_id" uuid not null, "signer_id" uuid not null, "organization_id" uuid null, "departement" varchar(3) null, "signed_at" timestamptz not null, "withdrawn_at" timestamptz null, constraint "charter_signature_pkey" primary key ("id"));`);
    this.addSql(`create index "charter_signature_organization_id_index" on "charter_signature" ("organization_id");`);
    this.addSql(`create index "charter_signature_signer_id_index" on "charter_signature" ("signer_id");`);
    this.addSql(`create unique index "charter_signature_organization_unique" on "charter_signature" ("version_id", "organization_id") where "organization_id" is not null;`);
    this.addSql(`create unique index "charter_signature_person_unique" on "charter_signature" ("version_id", "signer_id") where "organization_id" is null;`);

    this.addSql(`create table "charter_settings" ("id" int not null default 1, "signature_required_to_publish" boolean not null default false, "updated_at" timestamptz not null default now(), "updated_by_id" uuid null, constraint "charter_settings_pkey" primary key ("id"), constraint charter_settings_single_row check (id = 1));`);

    this.addSql(`create table "charter_amendment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "article_id" uuid not null, "author_id" uuid not null, "proposed_title" varchar(200) null, "proposed_body" text not null, "reason" text not null, "status" "charter_amendment_status" not null default 'open', "decided_at" timestamptz null, "decided_by_id" uuid null, "decision_reply" text null, "adopted_body" text null, "incorporated_in_id" uuid null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "charter_amendment_pkey" primary key ("id"));`);
    this.addSql(`create index "charter_amendment_status_created_at_index" on "charter_amendment" ("status", "created_at");`);

    this.addSql(`create table "charter_amendment_support" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "amendment_id" uuid not null, "user_id" uuid not null, constraint "charter_amendment_support_pkey" primary key ("id"));`);
    this.addSql(`alter table "charter_amendment_support" add constraint "charter_amendment_support_amendment_id_user_id_unique" unique ("amendment_id", "user_id");`);

    this.addSql(`create table "charter_amendment_comment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "amendment_id" uuid not null, "author_id" uuid not null, "body" text not null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "charter_amendment_comment_pkey" primary key ("id"));`);
    this.addSql(`create index "charter_amendment_comment_amendment_id_created_at_index" on "charter_amendment_comment" ("amendment_id", "created_at");`);

    this.addSql(`alter table "charter_version" add constraint "charter_version_published_by_id_foreign" foreign key ("published_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "charter_article" add constraint "charter_article_version_id_foreign" foreign key ("version_id") references "charter_version" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "charter_signature" add constraint "charter_signature_version_id_foreign" foreign key ("version_id") references "charter_version" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "charter_signature" add constraint "charter_signature_signer_id_foreign" foreign key ("signer_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "charter_signature" add constraint "charter_signature_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "charter_settings" add constraint "charter_settings_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "charter_amendment" add constraint "charter_amendment_article_id_foreign" foreign key ("article_id") references "charter_article" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "charter_amendment" add constraint "charter_amendment_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "charter_amendment" add constraint "charter_amendment_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "charter_amendment" add constraint "charter_amendment_incorporated_in_id_foreign" foreign key ("incorporated_in_id") references "charter_version" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "charter_amendment_support" add constraint "charter_amendment_support_amendment_id_foreign" foreign key ("amendment_id") references "charter_amendment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "charter_amendment_support" add constraint "charter_amendment_support_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "charter_amendment_comment" add constraint "charter_amendment_comment_amendment_id_foreign" foreign key ("amendment_id") references "charter_amendment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "charter_amendment_comment" add constraint "charter_amendment_comment_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);
  }

  async down() {
    this.addSql(`alter table "charter_article" drop constraint "charter_article_version_id_foreign";`);

    this.addSql(`alter table "charter_signature" drop constraint "charter_signature_version_id_foreign";`);

    this.addSql(`alter table "charter_amendment" drop constraint "charter_amendment_incorporated_in_id_foreign";`);

    this.addSql(`alter table "charter_amendment" drop constraint "charter_amendment_article_id_foreign";`);

    this.addSql(`alter table "charter_amendment_support" drop constraint "charter_amendment_support_amendment_id_foreign";`);

    this.addSql(`alter table "charter_amendment_comment" drop constraint "charter_amendment_comment_amendment_id_foreign";`);

    this.addSql(`drop table if exists "charter_version" cascade;`);

    this.addSql(`drop table if exists "charter_article" cascade;`);

    this.addSql(`drop table if exists "charter_signature" cascade;`);

    this.addSql(`drop table if exists "charter_settings" cascade;`);

    this.addSql(`drop table if exists "charter_amendment" cascade;`);

    this.addSql(`drop table if exists "charter_amendment_support" cascade;`);

    this.addSql(`drop table if exists "charter_amendment_comment" cascade;`);

    this.addSql(`drop type "charter_amendment_status";`);
  }

}
exports.Migration20261122105506_charte = Migration20261122105506_charte;

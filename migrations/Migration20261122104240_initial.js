'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122104240_initial extends Migration {

  async up() {
    this.addSql(`create type "organization_kind" as enum ('lieu', 'structure', 'reseau');`);
    this.addSql(`create type "user_role" as enum ('member', 'moderator', 'admin');`);
    this.addSql(`create type "account_status" as enum ('pending', 'active');`);
    this.addSql(`create type "metier" as enum ('conseiller_numerique', 'mediateur', 'aidant', 'benevole', 'service_civique', 'formateur', 'travailleur_social', 'autre');`);
    this.addSql(`create type "member_role" as enum ('admin', 'editor', 'member');`);
    this.addSql(`create table "organization" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "slug" varchar(120) not null, "kind" "organization_kind" not null default 'lieu', constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);

    this.addSql(`create table "rate_limit" ("key" varchar(200) not null, "window_start" timestamptz not null, "hits" int not null default 0, constraint "rate_limit_pkey" primary key ("key", "window_start"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "email" varchar(254) not null, "password_hash" varchar(255) null, "display_name" varchar(80) not null, "role" "user_role" not null default 'member', "status" "account_status" not null default 'active', "metier" "metier" null, "commune" varchar(120) null, "departement" varchar(3) null, "expertise_tags" text[] not null default '{}', "languages" text[] not null default '{}', "bio" text null, "show_email" boolean not null default false, "locale" varchar(2) not null default 'fr', constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_departement_index" on "app_user" ("departement");`);

    this.addSql(`create table "user_session" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "token_hash" varchar(64) not null, "user_id" uuid not null, "expires_at" timestamptz not null, "last_seen_at" timestamptz not null default now(), "user_agent" varchar(300) null, constraint "user_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "user_session" add constraint "user_session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "membership" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "user_id" uuid not null, "role" "member_role" not null default 'member', constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`alter table "membership" add constraint "membership_organization_id_user_id_unique" unique ("organization_id", "user_id");`);

    this.addSql(`create table "activation_token" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "token_hash" varchar(64) not null, "user_id" uuid not null, "created_by_id" uuid null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "activation_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "activation_token" add constraint "activation_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "membership" add constraint "membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "activation_token" add constraint "activation_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activation_token" add constraint "activation_token_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  async down() {
    this.addSql(`alter table "membership" drop constraint "membership_organization_id_foreign";`);

    this.addSql(`alter table "user_session" drop constraint "user_session_user_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(`alter table "activation_token" drop constraint "activation_token_user_id_foreign";`);

    this.addSql(`alter table "activation_token" drop constraint "activation_token_created_by_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "rate_limit" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop table if exists "activation_token" cascade;`);

    this.addSql(`drop type "organization_kind";`);
    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "account_status";`);
    this.addSql(`drop type "metier";`);
    this.addSql(`drop type "member_role";`);
  }

}
exports.Migration20261122104240_initial = Migration20261122104240_initial;

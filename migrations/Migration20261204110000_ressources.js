'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Ressources: resources with their versions and feedback, organizations' bases, members' collections.
 * By hand after the generated statements: collection items, base follows and citations (tables without
 * entities), and the trigger that keeps each resource's feedback count and rating sum exact.
 */
class Migration20261204110000_ressources extends Migration {
  async up() {
    this.addSql(`create table "resource_base" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "slug" varchar(140) not null, "name" varchar(200) not null, "description" text not null default '', "organization_id" uuid not null, constraint "resource_base_pkey" primary key ("id"));`);
    this.addSql(`alter table "resource_base" add constraint "resource_base_slug_unique" unique ("slug");`);
    this.addSql(`alter table "resource_base" add constraint "resource_base_organization_id_unique" unique ("organization_id");`);

    this.addSql(`create table "resource_collection" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "slug" varchar(220) not null, "title" varchar(200) not null, "description" varchar(1000) not null default '', "visibility" varchar(16) not null, "share_token" varchar(64) not null, "owner_id" uuid not null, constraint "resource_collection_pkey" primary key ("id"));`);
    this.addSql(`alter table "resource_collection" add constraint "resource_collection_slug_unique" unique ("slug");`);
    this.addSql(`alter table "resource_collection" add constraint "resource_collection_share_token_unique" unique ("share_token");`);
    this.addSql(`create index "resource_collection_owner_id_index" on "resource_collection" ("owner_id");`);

    this.addSql(`create table "resource" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "slug" varchar(220) not null, "title" varchar(200) not null, "summary" varchar(500) not null, "content" text not null, "kind" varchar(32) not null, "licence" varchar(32) not null, "visibility" varchar(16) not null, "themes" text[] not null default '{}', "tags" text[] not null default '{}', "publics" text[] not null default '{}', "levels" int[] not null default '{}', "base_id" uuid null, "created_by_id" uuid not null, "author_ids" uuid[] not null default '{}', "author_organization_ids" uuid[] not null default '{}', "file_ids" uuid[] not null default '{}', "links" jsonb not null default '[]', "feedback_count" int not null default 0, "rating_sum" int not null default 0, "version_count" int not null default 1, "published_at" timestamptz not null default now(), "hidden_at" timestamptz null, "hidden_reason" text null, "search_vector" tsvector null, constraint "resource_pkey" primary key ("id"));`);
    this.addSql(`alter table "resource" add constraint "resource_slug_unique" unique ("slug");`);
    this.addSql(`create index "resource_licence_index" on "resource" ("licence");`);
    this.addSql(`create index "resource_base_id_index" on "resource" ("base_id");`);
    this.addSql(`create index "resource_created_by_id_index" on "resource" ("created_by_id");`);
    this.addSql(`create index "resource_themes_index" on "resource" using gin ("themes");`);
    this.addSql(`create index "resource_tags_index" on "resource" using gin ("tags");`);
    this.addSql(`create index "resource_publics_index" on "resource" using gin ("publics");`);
    this.addSql(`create index "resource_levels_index" on "resource" using gin ("levels");`);
    this.addSql(`create index "resource_author_ids_index" on "resource" using gin ("author_ids");`);
    this.addSql(`create index "resource_search_vector_index" on "public"."resource" using gin("search_vector");`);
    this.addSql(`create index "resource_visible_published_at_index" on "resource" ("published_at" desc, "id") where "hidden_at" is null;`);

    this.addSql(`create table "resource_version" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "resource_id" uuid not null, "number" int not null, "note" varchar(300) not null, "author_id" uuid null, constraint "resource_version_pkey" primary key ("id"));`);
    this.addSql(`create index "resource_version_author_id_index" on "resource_version" ("author_id");`);
    this.addSql(`alter table "resource_version" add constraint "resource_version_resource_id_number_unique" unique ("resource_id", "number");`);

    this.addSql(`create table "resource_feedback" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "resource_id" uuid not null, "author_id" uuid null, "rating" smallint not null, "comment" varchar(1000) null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "resource_feedback_pkey" primary key ("id"));`);
    this.addSql(`create index "resource_feedback_author_id_index" on "resource_feedback" ("author_id");`);
    this.addSql(`create index "resource_feedback_resource_id_created_at_index" on "resource_feedback" ("resource_id", "created_at");`);
    this.addSql(`alter table "resource_feedback" add constraint "resource_feedback_resource_id_author_id_unique" unique ("resource_id", "author_id");`);

    this.addSql(`alter table "resource_base" add constraint "resource_base_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "resource_collection" add constraint "resource_collection_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "resource" add constraint "resource_base_id_foreign" foreign key ("base_id") references "resource_base" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "resource" add constraint "resource_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "resource_version" add constraint "resource_version_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "resource_version" add constraint "resource_version_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "resource_feedback" add constraint "resource_feedback_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "resource_feedback" add constraint "resource_feedback_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "resource_collection_item" (
      "collection_id" uuid not null references "resource_collection" ("id") on delete cascade,
      "resource_id" uuid not null references "resource" ("id") on delete cascade,
      "created_at" timestamptz not null default now(),
      constraint "resource_collection_item_pkey" primary key ("collection_id", "resource_id"));`);
    this.addSql(`create index "resource_collection_item_resource_id_index" on "resource_collection_item" ("resource_id");`);
    this.addSql(`create index "resource_collection_item_added_index" on "resource_collection_item" ("collection_id", "created_at" desc, "resource_id");`);

    this.addSql(`create table "resource_base_follow" (
      "base_id" uuid not null references "resource_base" ("id") on delete cascade,
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "created_at" timestamptz not null default now(),
      constraint "resource_base_follow_pkey" primary key ("base_id", "user_id"));`);
    this.addSql(`create index "resource_base_follow_user_id_index" on "resource_base_follow" ("user_id");`);

    // Which content cites a resource (an Entraide question or answer linking to /ressources/<slug>), told through content changes.
    this.addSql(`create table "resource_citation" (
      "resource_id" uuid not null references "resource" ("id") on delete cascade,
      "source_type" varchar(40) not null,
      "source_id" uuid not null,
      "title" varchar(200) not null,
      "url" varchar(500) not null,
      "created_at" timestamptz not null default now(),
      constraint "resource_citation_pkey" primary key ("resource_id", "source_type", "source_id"));`);
    this.addSql(`create index "resource_citation_source_index" on "resource_citation" ("source_type", "source_id");`);

    // Feedback count and rating sum, exact whoever writes the feedback rows (docs/read-models.md, "Tallies").
    this.addSql(`create function resource_feedback_tally() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update resource set feedback_count = feedback_count - 1, rating_sum = rating_sum - old.rating where id = old.resource_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update resource set feedback_count = feedback_count + 1, rating_sum = rating_sum + new.rating where id = new.resource_id;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger resource_feedback_tally after insert or delete or update of rating, resource_id on "resource_feedback"
      for each row execute function resource_feedback_tally();`);
  }

  async down() {
    this.addSql(`drop trigger if exists resource_feedback_tally on "resource_feedback";`);
    this.addSql(`drop function if exists resource_feedback_tally();`);
    this.addSql(`drop table if exists "resource_citation" cascade;`);
    this.addSql(`drop table if exists "resource_base_follow" cascade;`);
    this.addSql(`drop table if exists "resource_collection_item" cascade;`);
    this.addSql(`alter table "resource" drop constraint "resource_base_id_foreign";`);

    this.addSql(`alter table "resource_version" drop constraint "resource_version_resource_id_foreign";`);

    this.addSql(`alter table "resource_feedback" drop constraint "resource_feedback_resource_id_foreign";`);

    this.addSql(`drop table if exists "resource_base" cascade;`);

    this.addSql(`drop table if exists "resource_collection" cascade;`);

    this.addSql(`drop table if exists "resource" cascade;`);

    this.addSql(`drop table if exists "resource_version" cascade;`);

    this.addSql(`drop table if exists "resource_feedback" cascade;`);
  }

}
exports.Migration20261204110000_ressources = Migration20261204110000_ressources;

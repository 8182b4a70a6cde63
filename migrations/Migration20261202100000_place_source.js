'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * A place's identity per source (reseau/place-source.entity.ts): `(source, source_id)` is unique, not the
 * `id` alone, since sources number their rows "1", "2"… and two places may share a SIRET. The ids
 * already stored move here, under the place's `source` when it has one, else "inconnue".
 */
class Migration20261202100000_place_source extends Migration {
  async up() {
    this.addSql(
      `create table "place_source" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "source" varchar(200) not null, "source_id" varchar(200) not null, "date_maj" date null, "fields" text[] not null default '{}', "imported_at" timestamptz not null default now(), constraint "place_source_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "place_source_organization_id_index" on "place_source" ("organization_id");`);
    this.addSql(`alter table "place_source" add constraint "place_source_source_source_id_unique" unique ("source", "source_id");`);
    this.addSql(
      `alter table "place_source" add constraint "place_source_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`insert into "place_source" ("id", "organization_id", "source", "source_id", "date_maj", "imported_at")
      select gen_random_uuid(), "id", coalesce(nullif(trim("source"), ''), 'inconnue'), "standard_id", "date_maj", "updated_at"
        from "organization" where "standard_id" is not null and "standard_id" <> "id"::text
      on conflict ("source", "source_id") do nothing;`);
    this.addSql(`alter table "organization" drop constraint if exists "organization_standard_id_unique";`);
  }

  async down() {
    this.addSql(`drop table if exists "place_source" cascade;`);
    this.addSql(`alter table "organization" add constraint "organization_standard_id_unique" unique ("standard_id");`);
  }
}
exports.Migration20261202100000_place_source = Migration20261202100000_place_source;

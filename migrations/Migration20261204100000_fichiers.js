'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Uploaded files (docs/fichiers.md): their bytes in PostgreSQL by default (or a key in an S3 bucket), and
 * the images sections show with their required alt text: an organization's logo, a member's avatar, a
 * project's and an event's image. The sections' columns name a file without a foreign key: the section that
 * uses a file attaches and releases it through the fichiers service.
 */
class Migration20261204100000_fichiers extends Migration {
  async up() {
    this.addSql(
      `create table "stored_file" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "owner_id" uuid null, "purpose" varchar(30) not null, "variant_of_id" uuid null, "original_name" varchar(200) not null, "content_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "width" int null, "height" int null, "content" bytea null, "storage_key" varchar(300) null, "extracted_text" text null, "visibility" varchar(10) not null default 'public', "attached_at" timestamptz null, constraint "stored_file_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "stored_file_owner_id_index" on "stored_file" ("owner_id");`);
    this.addSql(`create index "stored_file_variant_of_id_index" on "stored_file" ("variant_of_id");`);
    this.addSql(`create index "stored_file_attached_at_created_at_index" on "stored_file" ("attached_at", "created_at");`);
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_variant_of_id_foreign" foreign key ("variant_of_id") references "stored_file" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "organization" add column "logo_file_id" uuid null, add column "logo_alt" varchar(250) null;`);
    this.addSql(`alter table "app_user" add column "avatar_file_id" uuid null, add column "avatar_alt" varchar(250) null;`);
    this.addSql(`alter table "project" add column "image_file_id" uuid null, add column "image_alt" varchar(250) null;`);
    this.addSql(`alter table "agenda_event" add column "image_file_id" uuid null, add column "image_alt" varchar(250) null;`);
  }

  async down() {
    this.addSql(`alter table "agenda_event" drop column "image_file_id", drop column "image_alt";`);
    this.addSql(`alter table "project" drop column "image_file_id", drop column "image_alt";`);
    this.addSql(`alter table "app_user" drop column "avatar_file_id", drop column "avatar_alt";`);
    this.addSql(`alter table "organization" drop column "logo_file_id", drop column "logo_alt";`);
    this.addSql(`drop table if exists "stored_file" cascade;`);
  }
}
exports.Migration20261204100000_fichiers = Migration20261204100000_fichiers;

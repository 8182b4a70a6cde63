'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * "Se connecter avec ProConnect": a member's identities at identity providers (the provider's
 * stable `sub` for the person, one account each), and the SIRET the provider last gave.
 */
class Migration20261201113000_user_identity extends Migration {
  async up() {
    this.addSql(
      `create table "user_identity" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provider" varchar(30) not null, "subject" varchar(255) not null, "user_id" uuid not null, "siret" varchar(14) null, "last_used_at" timestamptz not null default now(), constraint "user_identity_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "user_identity_user_id_index" on "user_identity" ("user_id");`);
    this.addSql(`alter table "user_identity" add constraint "user_identity_provider_subject_unique" unique ("provider", "subject");`);
    this.addSql(
      `alter table "user_identity" add constraint "user_identity_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }

  async down() {
    this.addSql(`drop table if exists "user_identity" cascade;`);
  }
}
exports.Migration20261201113000_user_identity = Migration20261201113000_user_identity;

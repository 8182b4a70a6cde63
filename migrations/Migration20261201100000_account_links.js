'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Comptes de confiance: one table of single-use links sent by e-mail (activation, password reset,
 * e-mail confirmation, e-mail change) instead of activation tokens only, and the date a member
 * proved their address. Accounts that existed before were trusted: they count as verified.
 */
class Migration20261201100000_account_links extends Migration {
  async up() {
    this.addSql(`alter table activation_token rename to account_link;`);
    this.addSql(`alter table account_link rename constraint activation_token_pkey to account_link_pkey;`);
    this.addSql(`alter table account_link rename constraint activation_token_token_hash_unique to account_link_token_hash_unique;`);
    this.addSql(`alter table account_link rename constraint activation_token_user_id_foreign to account_link_user_id_foreign;`);
    this.addSql(`alter table account_link rename constraint activation_token_created_by_id_foreign to account_link_created_by_id_foreign;`);
    this.addSql(`create type account_link_purpose as enum ('activation', 'password_reset', 'email_verification', 'email_change');`);
    this.addSql(`alter table account_link add column purpose account_link_purpose not null default 'activation';`);
    this.addSql(`alter table account_link alter column purpose drop default;`);
    this.addSql(`alter table account_link add column new_email varchar(254) null;`);
    this.addSql(`create index account_link_user_id_purpose_index on account_link (user_id, purpose);`);
    this.addSql(`alter table app_user add column email_verified_at timestamptz null;`);
    this.addSql(`update app_user set email_verified_at = created_at where status::text in ('active', 'suspended');`);
  }

  async down() {
    this.addSql(`alter table app_user drop column email_verified_at;`);
    this.addSql(`drop index account_link_user_id_purpose_index;`);
    this.addSql(`alter table account_link drop column new_email;`);
    this.addSql(`alter table account_link drop column purpose;`);
    this.addSql(`drop type account_link_purpose;`);
    this.addSql(`alter table account_link rename constraint account_link_created_by_id_foreign to activation_token_created_by_id_foreign;`);
    this.addSql(`alter table account_link rename constraint account_link_user_id_foreign to activation_token_user_id_foreign;`);
    this.addSql(`alter table account_link rename constraint account_link_token_hash_unique to activation_token_token_hash_unique;`);
    this.addSql(`alter table account_link rename constraint account_link_pkey to activation_token_pkey;`);
    this.addSql(`alter table account_link rename to activation_token;`);
  }
}
exports.Migration20261201100000_account_links = Migration20261201100000_account_links;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * The directory in the alphabetical order people expect. The database's collation is the bytes'
 * order, so places sorted by `name` put every capital first ("ATTJ" before "Accueil", "École" after
 * "Z"). Places and people are now ordered by their name with case and accents ignored, each list on an
 * index of that expression (keyset pages, issue #15). The people directory had no index for its order
 * at all (every listed member sorted per page); it lists only accounts whose address is confirmed,
 * which is the new index's predicate.
 */
class Migration20261208100000_directory_alphabetical extends Migration {
  async up() {
    this.addSql(`create index organization_sort_name_id_index on organization (immutable_unaccent(lower(name)), id);`);
    this.addSql(`drop index if exists organization_name_id_index;`);
    this.addSql(`create index app_user_directory_name_index on app_user (immutable_unaccent(lower(display_name)), id)
                 where status = 'active' and email_verified_at is not null;`);
  }

  async down() {
    this.addSql(`drop index if exists app_user_directory_name_index;`);
    this.addSql(`create index organization_name_id_index on organization (name, id);`);
    this.addSql(`drop index if exists organization_sort_name_id_index;`);
  }
}
exports.Migration20261208100000_directory_alphabetical = Migration20261208100000_directory_alphabetical;

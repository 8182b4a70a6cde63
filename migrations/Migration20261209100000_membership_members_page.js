'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * A place's members, page by page (reseau, `membersOf`): admins, then editors, then members, each in the order they
 * joined. The page's order is this index's, so "Afficher plus de membres" reads the rows of its page only, however
 * many members the place has; ordered by the account's name (another table), every member was read and sorted.
 * And a person's organizations (each card of the people directory, "mes organisations") are found by the person:
 * without an index on `user_id`, each card read the whole table (found once tests/api/plans.test.ts had members).
 */
class Migration20261209100000_membership_members_page extends Migration {
  async up() {
    this.addSql(`create index "membership_members_page_index" on "membership" ("organization_id", "role", "created_at", "id");`);
    this.addSql(`create index "membership_user_id_index" on "membership" ("user_id");`);
  }

  async down() {
    this.addSql(`drop index if exists "membership_user_id_index";`);
    this.addSql(`drop index if exists "membership_members_page_index";`);
  }
}
exports.Migration20261209100000_membership_members_page = Migration20261209100000_membership_members_page;

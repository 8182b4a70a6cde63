'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * "Mes sessions", "se déconnecter partout" and a password change or reset look up a person's
 * sessions: an index on the owner instead of reading the whole table each time.
 */
class Migration20261201110000_session_user_index extends Migration {
  async up() {
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);
  }

  async down() {
    this.addSql(`drop index "user_session_user_id_index";`);
  }
}
exports.Migration20261201110000_session_user_index = Migration20261201110000_session_user_index;

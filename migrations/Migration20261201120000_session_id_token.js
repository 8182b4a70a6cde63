'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Signing out at ProConnect too: a session opened by ProConnect keeps the provider's ID token, sent
 * back as `id_token_hint` when the member signs out. It goes with the session.
 */
class Migration20261201120000_session_id_token extends Migration {
  async up() {
    this.addSql(`alter table "user_session" add column "id_token" text null;`);
  }

  async down() {
    this.addSql(`alter table "user_session" drop column if exists "id_token";`);
  }
}
exports.Migration20261201120000_session_id_token = Migration20261201120000_session_id_token;

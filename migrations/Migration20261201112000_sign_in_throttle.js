'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Sign-in that nobody can block: failures in a row per (account, address) pair, per address and
 * per account, each with the time of its last attempt, for growing delays
 * (server/src/modules/comptes/sign-in-throttle.ts). The fixed-window `login-fail:` and `login-ip:`
 * counters of rate_limit are no longer used.
 */
class Migration20261201112000_sign_in_throttle extends Migration {
  async up() {
    this.addSql(
      `create table "sign_in_throttle" ("key" varchar(400) not null, "failures" int not null default 0, "last_attempt_at" timestamptz not null, constraint "sign_in_throttle_pkey" primary key ("key"));`,
    );
    this.addSql(`delete from rate_limit where key like 'login-fail:%' or key like 'login-ip:%';`);
  }

  async down() {
    this.addSql(`drop table if exists "sign_in_throttle" cascade;`);
  }
}
exports.Migration20261201112000_sign_in_throttle = Migration20261201112000_sign_in_throttle;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * An event can be cancelled by its organizers: it stays visible as "annulé" (people who saw it must
 * learn it will not happen), calendars receive STATUS:CANCELLED, and nobody can register any more.
 */
class Migration20261203200000_event_cancellation extends Migration {
  async up() {
    this.addSql(`alter table "agenda_event" add column "cancelled_at" timestamptz null, add column "cancellation_reason" varchar(500) null;`);
  }

  async down() {
    this.addSql(`alter table "agenda_event" drop column "cancelled_at", drop column "cancellation_reason";`);
  }
}
exports.Migration20261203200000_event_cancellation = Migration20261203200000_event_cancellation;

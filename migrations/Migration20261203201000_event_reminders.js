'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Reminders: the day before an event, and (for those who asked for it) two hours before. Each
 * registration records when each reminder went, so a reminder is sent once whatever the number of
 * processes running the job.
 */
class Migration20261203201000_event_reminders extends Migration {
  async up() {
    this.addSql(
      `alter table "event_registration" add column "reminded_day_before_at" timestamptz null, add column "reminded_soon_at" timestamptz null;`,
    );
  }

  async down() {
    this.addSql(`alter table "event_registration" drop column "reminded_day_before_at", drop column "reminded_soon_at";`);
  }
}
exports.Migration20261203201000_event_reminders = Migration20261203201000_event_reminders;

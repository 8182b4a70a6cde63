'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');
const { tallyTriggers } = require('./Migration20261203170000_bounded_reads.js');

/**
 * The home figure "événements à venir" without counting every upcoming event per view (issue #15:
 * 76,000 rows read per home page over 1,000,000 rows of agenda). The published, visible events are
 * tallied by their day (UTC) as they are written, like the other home figures (migration
 * 20261203170000); the figure adds the days after today to today's events still to start, which
 * `starts_at`'s index finds among one day's events.
 */
const DAY_KEY = `case when hidden_at is null and published_at is not null then to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD') end`;

class Migration20261206100000_agenda_upcoming_tally extends Migration {
  async up() {
    this.addSql(`create table agenda_event_day_tally (key text primary key, value bigint not null);`);
    this.addSql(`lock table agenda_event in share row exclusive mode;`);
    this.addSql(`insert into agenda_event_day_tally (key, value)
                 select key, count(*) from (select ${DAY_KEY} as key from agenda_event) counted where key is not null group by key;`);
    const rowsOf = (alias) => `select ${DAY_KEY} as key, 1 as value from ${alias}`;
    for (const statement of tallyTriggers('agenda_event', 'agenda_event_day_tally', rowsOf)) this.addSql(statement);
  }

  async down() {
    this.addSql(`drop table agenda_event_day_tally cascade;`);
    this.addSql(`drop function agenda_event_day_tally_add() cascade;`);
  }
}
exports.Migration20261206100000_agenda_upcoming_tally = Migration20261206100000_agenda_upcoming_tally;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * "Open now" in SQL (reseau/place-openings.ts): each place with hours has one `place_opening` row, its
 * open instants over a window of days as a `tstzmultirange` (GiST index). The trigger marks the row to
 * compile again (an empty window: valid from +infinity until -infinity) whenever the hours or the
 * territory (hence the time zone) change, or creates it; without hours the row goes. Existing places
 * are marked here and compiled by the app (at start, and before any "open now" list that finds them).
 */
class Migration20261203180000_place_opening extends Migration {
  async up() {
    this.addSql(
      `create table "place_opening" ("organization_id" uuid not null, "open_at" tstzmultirange not null default '{}', "valid_from" timestamptz not null default 'infinity', "valid_until" timestamptz not null default '-infinity', constraint "place_opening_pkey" primary key ("organization_id"));`,
    );
    this.addSql(
      `alter table "place_opening" add constraint "place_opening_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "place_opening_open_at_index" on "place_opening" using gist ("open_at");`);
    this.addSql(`create index "place_opening_valid_from_index" on "place_opening" ("valid_from");`);
    this.addSql(`create index "place_opening_valid_until_index" on "place_opening" ("valid_until");`);
    this.addSql(`create function place_opening_mark() returns trigger language plpgsql as $$
begin
  if new.horaires is null then
    delete from place_opening where organization_id = new.id;
  else
    insert into place_opening (organization_id) values (new.id)
      on conflict (organization_id) do update set open_at = '{}', valid_from = 'infinity', valid_until = '-infinity';
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger place_opening_mark_insert after insert on organization for each row execute function place_opening_mark();`);
    this.addSql(`create trigger place_opening_mark_update after update of horaires, departement, code_postal, code_insee on organization
      for each row when (old.horaires is distinct from new.horaires or old.departement is distinct from new.departement
                         or old.code_postal is distinct from new.code_postal or old.code_insee is distinct from new.code_insee)
      execute function place_opening_mark();`);
    this.addSql(`insert into place_opening (organization_id) select id from organization where horaires is not null;`);
  }

  async down() {
    this.addSql(`drop trigger if exists place_opening_mark_update on organization;`);
    this.addSql(`drop trigger if exists place_opening_mark_insert on organization;`);
    this.addSql(`drop function if exists place_opening_mark();`);
    this.addSql(`drop table if exists "place_opening" cascade;`);
  }
}
exports.Migration20261203180000_place_opening = Migration20261203180000_place_opening;

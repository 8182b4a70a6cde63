'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * "Open now" near a point, read from one index (issue #15). The directory read every place of the
 * circle and looked up its `place_opening` row (8,000 places within 10 km of Nantes at 1,000,000 places:
 * 0.2 s at night, when few are open). Each row now carries its place's position, kept by the trigger
 * that marks it, and a GiST index on that position includes the open instants and the place's id: the
 * list walks the index nearest first and keeps the places open at that instant without reading a table.
 */
class Migration20261207100000_place_opening_position extends Migration {
  async up() {
    this.addSql(`alter table "place_opening" add column "position" public.earth null;`);
    this.addSql(`update place_opening po set position = public.maillage_earth_point(o.latitude, o.longitude)
                   from organization o where o.id = po.organization_id and o.latitude is not null and o.longitude is not null;`);
    this.addSql(`create index "place_opening_position_index" on "place_opening" using gist ("position") include ("open_at", "organization_id")
                 where "position" is not null;`);
    this.addSql(`create or replace function place_opening_mark() returns trigger language plpgsql as $$
begin
  if new.horaires is null then
    delete from place_opening where organization_id = new.id;
  else
    insert into place_opening (organization_id, position) values (new.id, public.maillage_earth_point(new.latitude, new.longitude))
      on conflict (organization_id) do update
        set open_at = '{}', valid_from = 'infinity', valid_until = '-infinity', position = excluded.position;
  end if;
  return null;
end $$;`);
    this.addSql(`drop trigger place_opening_mark_update on organization;`);
    this.addSql(`create trigger place_opening_mark_update after update of horaires, departement, code_postal, code_insee, latitude, longitude
      on organization
      for each row when (old.horaires is distinct from new.horaires or old.departement is distinct from new.departement
                         or old.code_postal is distinct from new.code_postal or old.code_insee is distinct from new.code_insee
                         or old.latitude is distinct from new.latitude or old.longitude is distinct from new.longitude)
      execute function place_opening_mark();`);
  }

  async down() {
    this.addSql(`drop trigger place_opening_mark_update on organization;`);
    this.addSql(`create trigger place_opening_mark_update after update of horaires, departement, code_postal, code_insee on organization
      for each row when (old.horaires is distinct from new.horaires or old.departement is distinct from new.departement
                         or old.code_postal is distinct from new.code_postal or old.code_insee is distinct from new.code_insee)
      execute function place_opening_mark();`);
    this.addSql(`create or replace function place_opening_mark() returns trigger language plpgsql as $$
begin
  if new.horaires is null then
    delete from place_opening where organization_id = new.id;
  else
    insert into place_opening (organization_id) values (new.id)
      on conflict (organization_id) do update set open_at = '{}', valid_from = 'infinity', valid_until = '-infinity';
  end if;
  return null;
end $$;`);
    this.addSql(`drop index "place_opening_position_index";`);
    this.addSql(`alter table "place_opening" drop column "position";`);
  }
}
exports.Migration20261207100000_place_opening_position = Migration20261207100000_place_opening_position;

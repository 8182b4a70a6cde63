'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * `maillage_earth_point()` (migration 20261201140000) inlined by the planner, so the "near a point"
 * indexes on `organization` and `project` stop paying a function call per written row.
 *
 * Its `set search_path = public` clause kept PostgreSQL from inlining it: every insert or update of
 * a place or a project ran it through the SQL-function executor, with a search_path switch around
 * each call (measured on 10,000 rows: most of the cost of the index's upkeep beyond the GiST itself).
 * The body is now `ll_to_earth()`'s own formula with every name of the extensions written with its
 * schema (`public.cube`, `public.earth()`, `::public.earth`; `cos`, `sin`, `radians` and `*` are in
 * `pg_catalog`, always searched), so it still works with an empty search_path, as pg_restore runs
 * when it rebuilds the indexes (tests/api/backup.test.ts).
 *
 * It is no longer `strict`: PostgreSQL inlines a strict SQL function only if every function of its
 * body is strict, and `earth()` is not. The result is the same: with a null latitude or longitude
 * every step of the formula gives null (and the indexes leave such rows out anyway).
 *
 * The values are exactly those of `ll_to_earth()`, as before, so the existing index entries stay
 * right: no rebuild. The directory, the import's matching and the projects search name the same
 * function, so the planner inlines both sides alike and still matches the indexes.
 */
class Migration20261205500000_earth_point_inline extends Migration {
  async up() {
    // `create or replace` also drops the former `set search_path` (no `set` clause here).
    this.addSql(`create or replace function public.maillage_earth_point(lat double precision, lng double precision) returns public.earth
  language sql immutable called on null input parallel safe
  as $$ select public.cube(public.cube(public.cube(public.earth() * cos(radians(lat)) * cos(radians(lng))),
    public.earth() * cos(radians(lat)) * sin(radians(lng))), public.earth() * sin(radians(lat)))::public.earth $$;`);
  }

  async down() {
    this.addSql(`create or replace function public.maillage_earth_point(lat double precision, lng double precision) returns public.earth
  language sql immutable strict parallel safe set search_path = public
  as $$ select public.ll_to_earth(lat, lng) $$;`);
  }
}
exports.Migration20261205500000_earth_point_inline = Migration20261205500000_earth_point_inline;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * The two "near a point" indexes, rebuilt on our own function so a backup made with pg_dump restores
 * them. `ll_to_earth()` (earthdistance) is a SQL function whose body names `earth` and `cube`
 * without their schema: pg_restore runs with an empty search_path, so building an index on it failed
 * ("type earth does not exist") and the restored site ran without them. `maillage_earth_point()`
 * carries its own search_path (which also keeps the planner from inlining it, the reason it works).
 * The directory (reseau/directory.service.ts) and the projects search (projets/projects.search.ts)
 * use the same expression, so the planner still matches the indexes.
 */
class Migration20261201140000_earth_point extends Migration {
  async up() {
    this.addSql(`create or replace function public.maillage_earth_point(lat double precision, lng double precision) returns public.earth
  language sql immutable strict parallel safe set search_path = public
  as $$ select public.ll_to_earth(lat, lng) $$;`);
    this.addSql(`drop index if exists "organization_point_index";`);
    this.addSql(
      `create index "organization_point_index" on "organization" using gist (public.maillage_earth_point(latitude, longitude)) where latitude is not null and longitude is not null;`,
    );
    this.addSql(`drop index if exists "project_location_index";`);
    this.addSql(
      `create index "project_location_index" on "project" using gist (public.maillage_earth_point("latitude", "longitude")) where "latitude" is not null;`,
    );
  }

  async down() {
    this.addSql(`drop index if exists "organization_point_index";`);
    this.addSql(
      `create index "organization_point_index" on "organization" using gist (ll_to_earth(latitude, longitude)) where latitude is not null and longitude is not null;`,
    );
    this.addSql(`drop index if exists "project_location_index";`);
    this.addSql(`create index "project_location_index" on "project" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null;`);
    this.addSql(`drop function if exists public.maillage_earth_point(double precision, double precision);`);
  }
}
exports.Migration20261201140000_earth_point = Migration20261201140000_earth_point;

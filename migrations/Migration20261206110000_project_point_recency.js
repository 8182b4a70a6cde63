'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * "The latest projects around a point" read in the index's own order (issue #15). The project list's
 * candidate sets near a point (latest, latest at a stage, latest sharing a tag) read every project of
 * the circle and sorted them (35,000 within 30 km of Nantes at 1,000,000 rows, 0.2–0.3 s each). A GiST
 * index on the position and the date (`btree_gist` gives the date a GiST class and its distance `<->`)
 * hands out the circle's projects latest first: the set stops after its rows.
 */
class Migration20261206110000_project_point_recency extends Migration {
  async up() {
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create index project_point_updated_at_index on project
                 using gist (public.maillage_earth_point(latitude, longitude), updated_at) where hidden_at is null and latitude is not null;`);
  }

  async down() {
    this.addSql(`drop index project_point_updated_at_index;`);
  }
}
exports.Migration20261206110000_project_point_recency = Migration20261206110000_project_point_recency;

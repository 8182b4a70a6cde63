'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Extensions shipped with PostgreSQL that the domains rely on:
 * - unaccent + a French text-search configuration that ignores accents ("evenement" finds "événement");
 * - pg_trgm for similar titles and fuzzy names;
 * - cube + earthdistance for "near a point" without PostGIS.
 */
class Migration20261122104300_search_extensions extends Migration {
  async up() {
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create extension if not exists cube;`);
    this.addSql(`create extension if not exists earthdistance;`);
    this.addSql(`create text search configuration fr_unaccent (copy = french);`);
    this.addSql(`alter text search configuration fr_unaccent alter mapping for hword, hword_part, word with unaccent, french_stem;`);
    // unaccent() is only STABLE; indexes need an IMMUTABLE function.
    this.addSql(`create or replace function immutable_unaccent(text) returns text language sql immutable parallel safe strict as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;`);
  }

  async down() {
    this.addSql(`drop function if exists immutable_unaccent(text);`);
    this.addSql(`drop text search configuration if exists fr_unaccent;`);
    this.addSql(`drop extension if exists earthdistance;`);
    this.addSql(`drop extension if exists cube;`);
    this.addSql(`drop extension if exists pg_trgm;`);
    this.addSql(`drop extension if exists unaccent;`);
  }
}
exports.Migration20261122104300_search_extensions = Migration20261122104300_search_extensions;

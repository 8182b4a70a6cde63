'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * The read views each module publishes for the others (docs/architecture.md, "Each module owns its
 * tables"). A module's SQL names only its own tables and these views; PostgreSQL inlines such plain
 * views, so the indexes of the tables behind them still serve.
 */
class Migration20261201060000_published_views extends Migration {
  async up() {
    // comptes: what other sections show of a member (never the password, the bio or the sessions).
    this.addSql(`create view member_card as
      select id, display_name, email, show_email, metier, commune, departement, role, status, locale,
             expertise_tags, languages, suspended_until, created_at
        from app_user;`);
    // réseau: an organisation as others name and link it, and who belongs to it with which role.
    this.addSql(`create view organization_card as
      select id, slug, name, kind, commune, departement, logo_url, created_at from organization;`);
    this.addSql(`create view organization_member as
      select organization_id, user_id, role, created_at from membership;`);
    // mots-clés: the shared tags and who follows them.
    this.addSql(`create view tag_card as select slug, label, created_at from tag;`);
    this.addSql(`create view tag_follower as select tag_slug, user_id, created_at from tag_follow;`);
  }

  async down() {
    this.addSql(`drop view if exists tag_follower;`);
    this.addSql(`drop view if exists tag_card;`);
    this.addSql(`drop view if exists organization_member;`);
    this.addSql(`drop view if exists organization_card;`);
    this.addSql(`drop view if exists member_card;`);
  }
}
exports.Migration20261201060000_published_views = Migration20261201060000_published_views;

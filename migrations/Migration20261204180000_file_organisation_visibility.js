'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * A file can be kept for one organization's members (a resource of visibility ORGANISATION): its
 * organization is stored beside the visibility, and the download checks membership.
 */
class Migration20261204180000_file_organisation_visibility extends Migration {
  async up() {
    this.addSql(`alter table "stored_file" alter column "visibility" type varchar(12);`);
    this.addSql(`alter table "stored_file" add column "visible_to_organization_id" uuid null;`);
  }

  async down() {
    this.addSql(`alter table "stored_file" drop column "visible_to_organization_id";`);
    this.addSql(`update "stored_file" set "visibility" = 'members' where "visibility" = 'organisation';`);
    this.addSql(`alter table "stored_file" alter column "visibility" type varchar(10);`);
  }
}
exports.Migration20261204180000_file_organisation_visibility = Migration20261204180000_file_organisation_visibility;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * The moderation log's lines about one kind of content, newest first (`auditLog(contentType:)`,
 * /moderation/journal?action=lieux for the answers about places): a page is the first rows of this index's walk,
 * however many other lines the log holds; on `created_at` alone, every line newer than the page was read to find it.
 */
class Migration20261210110000_audit_log_by_content extends Migration {
  async up() {
    this.addSql(`create index "audit_log_content_type_page_index" on "audit_log" ("content_type", "created_at", "id");`);
  }

  async down() {
    this.addSql(`drop index if exists "audit_log_content_type_page_index";`);
  }
}
exports.Migration20261210110000_audit_log_by_content = Migration20261210110000_audit_log_by_content;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Entraide: comments under questions and answers, @mentions (one row per text and member, so a
 * member is told once), and the asker's invitations to experts (docs/read-models.md, "Entraide").
 * Also the trigram index on members' names the mention picker searches (read through member_card).
 */
class Migration20261204160000_entraide_commentaires extends Migration {
  async up() {
    this.addSql(
      `create table "question_comment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "question_id" uuid not null, "answer_id" uuid null, "author_id" uuid not null, "body" varchar(600) not null, "edited_at" timestamptz null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "question_comment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "question_comment_answer_id_index" on "question_comment" ("answer_id");`);
    this.addSql(`create index "question_comment_author_id_index" on "question_comment" ("author_id");`);
    this.addSql(
      `create index "question_comment_question_id_answer_id_created_at_id_index" on "question_comment" ("question_id", "answer_id", "created_at", "id");`,
    );
    this.addSql(
      `alter table "question_comment" add constraint "question_comment_question_id_foreign" foreign key ("question_id") references "question" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "question_comment" add constraint "question_comment_answer_id_foreign" foreign key ("answer_id") references "answer" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "question_comment" add constraint "question_comment_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `create table "question_invitation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "question_id" uuid not null, "invitee_id" uuid not null, "declined_at" timestamptz null, constraint "question_invitation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "question_invitation_invitee_id_index" on "question_invitation" ("invitee_id");`);
    this.addSql(
      `alter table "question_invitation" add constraint "question_invitation_question_id_invitee_id_unique" unique ("question_id", "invitee_id");`,
    );
    this.addSql(
      `alter table "question_invitation" add constraint "question_invitation_question_id_foreign" foreign key ("question_id") references "question" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "question_invitation" add constraint "question_invitation_invitee_id_foreign" foreign key ("invitee_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `create table "question_mention" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "content" varchar(60) not null, "question_id" uuid not null, "member_id" uuid not null, constraint "question_mention_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "question_mention_question_id_index" on "question_mention" ("question_id");`);
    this.addSql(`create index "question_mention_member_id_index" on "question_mention" ("member_id");`);
    this.addSql(
      `alter table "question_mention" add constraint "question_mention_content_member_id_unique" unique ("content", "member_id");`,
    );
    this.addSql(
      `alter table "question_mention" add constraint "question_mention_question_id_foreign" foreign key ("question_id") references "question" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "question_mention" add constraint "question_mention_member_id_foreign" foreign key ("member_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `create index "app_user_display_name_trgm_index" on "app_user" using gin (immutable_unaccent(lower(display_name)) gin_trgm_ops);`,
    );
  }

  async down() {
    this.addSql(`drop index if exists "app_user_display_name_trgm_index";`);
    this.addSql(`drop table if exists "question_mention" cascade;`);
    this.addSql(`drop table if exists "question_invitation" cascade;`);
    this.addSql(`drop table if exists "question_comment" cascade;`);
  }
}
exports.Migration20261204160000_entraide_commentaires = Migration20261204160000_entraide_commentaires;

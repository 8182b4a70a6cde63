'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * Conversations: private messages between members, one-to-one or to an organization's team, and the
 * members each person blocked (docs/conversations.md).
 */
class Migration20261204150000_conversations extends Migration {
  async up() {
    this.addSql(
      `create table "conversation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kind" text not null, "organization_id" uuid null, "pair_key" text null, "last_message_at" timestamptz not null default now(), constraint "conversation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "conversation_organization_id_index" on "conversation" ("organization_id");`);
    this.addSql(`alter table "conversation" add constraint "conversation_pair_key_unique" unique ("pair_key");`);

    this.addSql(
      `create table "conversation_participant" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "conversation_id" uuid not null, "user_id" uuid not null, "team" boolean not null default false, "last_read_at" timestamptz null, "unread_count" int not null default 0, "archived" boolean not null default false, constraint "conversation_participant_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "conversation_participant_conversation_id_index" on "conversation_participant" ("conversation_id");`);
    this.addSql(
      `alter table "conversation_participant" add constraint "conversation_participant_user_id_conversation_id_unique" unique ("user_id", "conversation_id");`,
    );

    this.addSql(
      `create table "conversation_message" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "conversation_id" uuid not null, "author_id" uuid not null, "body" text not null, "hidden_at" timestamptz null, "hidden_reason" text null, "erased_at" timestamptz null, constraint "conversation_message_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "conversation_message_author_id_index" on "conversation_message" ("author_id");`);
    this.addSql(
      `create index "conversation_message_conversation_id_created_at_index" on "conversation_message" ("conversation_id", "created_at");`,
    );

    this.addSql(
      `create table "member_block" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "blocker_id" uuid not null, "blocked_id" uuid not null, constraint "member_block_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "member_block_blocked_id_index" on "member_block" ("blocked_id");`);
    this.addSql(`alter table "member_block" add constraint "member_block_blocker_id_blocked_id_unique" unique ("blocker_id", "blocked_id");`);

    this.addSql(
      `alter table "conversation" add constraint "conversation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "conversation_participant" add constraint "conversation_participant_conversation_id_foreign" foreign key ("conversation_id") references "conversation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "conversation_participant" add constraint "conversation_participant_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "conversation_message" add constraint "conversation_message_conversation_id_foreign" foreign key ("conversation_id") references "conversation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "conversation_message" add constraint "conversation_message_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "member_block" add constraint "member_block_blocker_id_foreign" foreign key ("blocker_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "member_block" add constraint "member_block_blocked_id_foreign" foreign key ("blocked_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    // The header's count: the conversations a person has unread messages in.
    this.addSql(
      `create index "conversation_participant_unread_index" on "conversation_participant" ("user_id") where "unread_count" > 0 and not "archived";`,
    );
  }

  async down() {
    this.addSql(`drop table if exists "member_block" cascade;`);
    this.addSql(`drop table if exists "conversation_message" cascade;`);
    this.addSql(`drop table if exists "conversation_participant" cascade;`);
    this.addSql(`drop table if exists "conversation" cascade;`);
  }
}
exports.Migration20261204150000_conversations = Migration20261204150000_conversations;

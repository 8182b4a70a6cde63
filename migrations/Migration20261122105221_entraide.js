'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122105221_entraide extends Migration {

  async up() {
    this.addSql(`create table "tag" ("slug" varchar(40) not null, "label" varchar(60) not null, "created_at" timestamptz not null default now(), constraint "tag_pkey" primary key ("slug"));`);

    this.addSql(`create table "tag_follow" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "tag_slug" varchar(40) not null, constraint "tag_follow_pkey" primary key ("id"));`);
    this.addSql(`alter table "tag_follow" add constraint "tag_follow_user_id_tag_slug_unique" unique ("user_id", "tag_slug");`);

    this.addSql(`create table "question" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "author_id" uuid not null, "title" varchar(200) not null, "body" text not null, "tags" text[] not null default '{}', "departement" varchar(3) null, "commune" varchar(120) null, "up_votes" int not null default 0, "down_votes" int not null default 0, "score" int not null default 0, "answer_count" int not null default 0, "accepted_answer_id" uuid null, "accepted_at" timestamptz null, "accepted_by_id" uuid null, "duplicate_of_id" uuid null, "closed_at" timestamptz null, "closed_by_id" uuid null, "last_activity_at" timestamptz not null default now(), "edited_at" timestamptz null, "hidden_at" timestamptz null, "hidden_reason" text null, "search_vector" tsvector null, constraint "question_pkey" primary key ("id"));`);
    this.addSql(`create index "question_author_id_index" on "question" ("author_id");`);
    this.addSql(`create index "question_departement_index" on "question" ("departement");`);
    this.addSql(`create index "question_last_activity_at_index" on "question" ("last_activity_at");`);
    this.addSql(`create index "question_tags_index" on "question" using gin ("tags");`);
    this.addSql(`create index "question_search_vector_index" on "public"."question" using gin("search_vector");`);
    this.addSql(`create index "question_score_created_at_index" on "question" ("score", "created_at");`);
    this.addSql(`create index "question_visible_created_at_index" on "question" ("created_at" desc, "id") where "hidden_at" is null;`);

    this.addSql(`create table "question_vote" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "voter_id" uuid not null, "question_id" uuid not null, "value" smallint not null, constraint "question_vote_pkey" primary key ("id"));`);
    this.addSql(`alter table "question_vote" add constraint "question_vote_voter_id_question_id_unique" unique ("voter_id", "question_id");`);

    this.addSql(`create table "question_follow" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "question_id" uuid not null, constraint "question_follow_pkey" primary key ("id"));`);
    this.addSql(`alter table "question_follow" add constraint "question_follow_user_id_question_id_unique" unique ("user_id", "question_id");`);

    this.addSql(`create table "answer" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "question_id" uuid not null, "author_id" uuid not null, "body" text not null, "up_votes" int not null default 0, "down_votes" int not null default 0, "score" int not null default 0, "edited_at" timestamptz null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "answer_pkey" primary key ("id"));`);
    this.addSql(`create index "answer_question_id_index" on "answer" ("question_id");`);
    this.addSql(`create index "answer_author_id_index" on "answer" ("author_id");`);

    this.addSql(`create table "answer_vote" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "voter_id" uuid not null, "answer_id" uuid not null, "value" smallint not null, constraint "answer_vote_pkey" primary key ("id"));`);
    this.addSql(`alter table "answer_vote" add constraint "answer_vote_voter_id_answer_id_unique" unique ("voter_id", "answer_id");`);

    this.addSql(`alter table "tag_follow" add constraint "tag_follow_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tag_follow" add constraint "tag_follow_tag_slug_foreign" foreign key ("tag_slug") references "tag" ("slug") on update cascade on delete cascade;`);

    this.addSql(`alter table "question" add constraint "question_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "question" add constraint "question_accepted_answer_id_foreign" foreign key ("accepted_answer_id") references "answer" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "question" add constraint "question_accepted_by_id_foreign" foreign key ("accepted_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "question" add constraint "question_duplicate_of_id_foreign" foreign key ("duplicate_of_id") references "question" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "question" add constraint "question_closed_by_id_foreign" foreign key ("closed_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "question_vote" add constraint "question_vote_voter_id_foreign" foreign key ("voter_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "question_vote" add constraint "question_vote_question_id_foreign" foreign key ("question_id") references "question" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "question_follow" add constraint "question_follow_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "question_follow" add constraint "question_follow_question_id_foreign" foreign key ("question_id") references "question" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "answer" add constraint "answer_question_id_foreign" foreign key ("question_id") references "question" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "answer" add constraint "answer_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "answer_vote" add constraint "answer_vote_voter_id_foreign" foreign key ("voter_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "answer_vote" add constraint "answer_vote_answer_id_foreign" foreign key ("answer_id") references "answer" ("id") on update cascade on delete cascade;`);

    // --- Hand-written: what MikroORM does not generate. ---
    // A vote is +1 or −1.
    this.addSql(`alter table "question_vote" add constraint "question_vote_value_check" check (abs(value) = 1);`);
    this.addSql(`alter table "answer_vote" add constraint "answer_vote_value_check" check (abs(value) = 1);`);
    // A question cannot be its own duplicate.
    this.addSql(`alter table "question" add constraint "question_not_own_duplicate_check" check (duplicate_of_id is null or duplicate_of_id <> id);`);

    // Similar titles while typing: trigrams on the title without accents.
    this.addSql(`create index "question_title_trgm_index" on "question" using gin (immutable_unaccent(lower(title)) gin_trgm_ops);`);

    // The search vector: title and tags weigh more than the body; "evenement" finds "événement".
    this.addSql(`create function question_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector :=
    setweight(to_tsvector('fr_unaccent', coalesce(new.title, '')), 'A') ||
    setweight(to_tsvector('fr_unaccent', translate(array_to_string(new.tags, ' '), '-', ' ')), 'A') ||
    setweight(to_tsvector('fr_unaccent', coalesce(new.body, '')), 'B');
  return new;
end $$;`);
    this.addSql(`create trigger question_search_vector before insert or update of title, body, tags on "question" for each row execute function question_search_vector();`);

    // Vote counts follow the votes, whoever writes them; "x = x + d" under the row lock is safe under concurrency.
    this.addSql(`create function question_vote_counts() returns trigger language plpgsql as $$
declare
  up_delta int := 0;
  down_delta int := 0;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    up_delta := up_delta - (old.value = 1)::int;
    down_delta := down_delta - (old.value = -1)::int;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    up_delta := up_delta + (new.value = 1)::int;
    down_delta := down_delta + (new.value = -1)::int;
  end if;
  update question set up_votes = up_votes + up_delta, down_votes = down_votes + down_delta, score = score + up_delta - down_delta
   where id = coalesce(new.question_id, old.question_id);
  return null;
end $$;`);
    this.addSql(`create trigger question_vote_counts after insert or update of value or delete on "question_vote" for each row execute function question_vote_counts();`);

    this.addSql(`create function answer_vote_counts() returns trigger language plpgsql as $$
declare
  up_delta int := 0;
  down_delta int := 0;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    up_delta := up_delta - (old.value = 1)::int;
    down_delta := down_delta - (old.value = -1)::int;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    up_delta := up_delta + (new.value = 1)::int;
    down_delta := down_delta + (new.value = -1)::int;
  end if;
  update answer set up_votes = up_votes + up_delta, down_votes = down_votes + down_delta, score = score + up_delta - down_delta
   where id = coalesce(new.answer_id, old.answer_id);
  return null;
end $$;`);
    this.addSql(`create trigger answer_vote_counts after insert or update of value or delete on "answer_vote" for each row execute function answer_vote_counts();`);

    // The answer count counts visible answers only: moderation hiding an answer (hidden_at) changes it.
    this.addSql(`create function question_answer_count() returns trigger language plpgsql as $$
declare
  delta int := 0;
begin
  if tg_op in ('UPDATE', 'DELETE') and old.hidden_at is null then delta := delta - 1; end if;
  if tg_op in ('INSERT', 'UPDATE') and new.hidden_at is null then delta := delta + 1; end if;
  if tg_op = 'INSERT' then
    update question set answer_count = answer_count + delta, last_activity_at = greatest(last_activity_at, new.created_at) where id = new.question_id;
  elsif delta <> 0 then
    update question set answer_count = answer_count + delta where id = coalesce(new.question_id, old.question_id);
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger question_answer_count after insert or update of hidden_at or delete on "answer" for each row execute function question_answer_count();`);
  }

  async down() {
    this.addSql(`drop trigger if exists question_answer_count on "answer";`);
    this.addSql(`drop function if exists question_answer_count();`);
    this.addSql(`drop trigger if exists answer_vote_counts on "answer_vote";`);
    this.addSql(`drop function if exists answer_vote_counts();`);
    this.addSql(`drop trigger if exists question_vote_counts on "question_vote";`);
    this.addSql(`drop function if exists question_vote_counts();`);
    this.addSql(`drop trigger if exists question_search_vector on "question";`);
    this.addSql(`drop function if exists question_search_vector();`);

    this.addSql(`alter table "tag_follow" drop constraint "tag_follow_tag_slug_foreign";`);

    this.addSql(`alter table "question" drop constraint "question_duplicate_of_id_foreign";`);

    this.addSql(`alter table "question_vote" drop constraint "question_vote_question_id_foreign";`);

    this.addSql(`alter table "question_follow" drop constraint "question_follow_question_id_foreign";`);

    this.addSql(`alter table "answer" drop constraint "answer_question_id_foreign";`);

    this.addSql(`alter table "question" drop constraint "question_accepted_answer_id_foreign";`);

    this.addSql(`alter table "answer_vote" drop constraint "answer_vote_answer_id_foreign";`);

    this.addSql(`drop table if exists "tag" cascade;`);

    this.addSql(`drop table if exists "tag_follow" cascade;`);

    this.addSql(`drop table if exists "question" cascade;`);

    this.addSql(`drop table if exists "question_vote" cascade;`);

    this.addSql(`drop table if exists "question_follow" cascade;`);

    this.addSql(`drop table if exists "answer" cascade;`);

    this.addSql(`drop table if exists "answer_vote" cascade;`);
  }

}
exports.Migration20261122105221_entraide = Migration20261122105221_entraide;

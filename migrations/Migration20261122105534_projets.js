'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122105534_projets extends Migration {

  async up() {
    this.addSql(`create type "project_stage" as enum ('idee', 'prototype', 'beta', 'deploye');`);
    this.addSql(`create type "tester_level" as enum ('eloigne', 'debutant', 'intermediaire', 'avance', 'autonome');`);
    this.addSql(`create type "application_status" as enum ('pending', 'accepted', 'declined');`);
    this.addSql(`create table "project" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "title" varchar(150) not null, "slug" varchar(120) not null, "summary" varchar(300) not null, "description" text not null default '', "essaimage" text not null default '', "stage" "project_stage" not null, "commune" varchar(120) null, "departement" varchar(3) null, "latitude" double precision null, "longitude" double precision null, "tags" text[] not null default '{}', "links" jsonb not null default '[]', "images" jsonb not null default '[]', "holder_id" uuid not null, "created_by_id" uuid null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "project_pkey" primary key ("id"), constraint project_coordinates_check check ((latitude is null) = (longitude is null)));`);
    this.addSql(`alter table "project" add constraint "project_slug_unique" unique ("slug");`);
    this.addSql(`create index "project_departement_index" on "project" ("departement");`);

    this.addSql(`create table "project_team_member" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "project_id" uuid not null, "user_id" uuid not null, "role" varchar(80) null, constraint "project_team_member_pkey" primary key ("id"));`);
    this.addSql(`alter table "project_team_member" add constraint "project_team_member_project_id_user_id_unique" unique ("project_id", "user_id");`);

    this.addSql(`create table "campaign" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "project_id" uuid not null, "title" varchar(150) not null, "goal" text not null, "tester_levels" text[] not null default '{}', "tester_publics" text[] not null default '{}', "tester_devices" text[] not null default '{}', "seats" int not null, "accepted_count" int not null default 0, "application_deadline" timestamptz not null, "test_starts_at" timestamptz not null, "test_ends_at" timestamptz not null, "closed_at" timestamptz null, "created_by_id" uuid null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "campaign_pkey" primary key ("id"), constraint campaign_dates_check check (test_ends_at > test_starts_at), constraint campaign_seats_check check (seats > 0 and accepted_count >= 0 and accepted_count <= seats));`);
    this.addSql(`create index "campaign_project_id_created_at_index" on "campaign" ("project_id", "created_at");`);

    this.addSql(`create table "campaign_scenario" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "campaign_id" uuid not null, "position" int not null, "title" varchar(150) not null, "steps" text[] not null, "expected_result" text not null, constraint "campaign_scenario_pkey" primary key ("id"));`);
    this.addSql(`alter table "campaign_scenario" add constraint "campaign_scenario_campaign_id_position_unique" unique ("campaign_id", "position");`);

    this.addSql(`create table "campaign_question" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "campaign_id" uuid not null, "position" int not null, "text" text not null, constraint "campaign_question_pkey" primary key ("id"));`);
    this.addSql(`alter table "campaign_question" add constraint "campaign_question_campaign_id_position_unique" unique ("campaign_id", "position");`);

    this.addSql(`create table "campaign_application" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "campaign_id" uuid not null, "applicant_id" uuid not null, "motivation" text not null, "level" "tester_level" not null, "publics" text[] not null default '{}', "device" varchar(120) not null, "agrees_to_be_named" boolean not null default false, "status" "application_status" not null default 'pending', "decided_at" timestamptz null, "decision_message" text null, constraint "campaign_application_pkey" primary key ("id"));`);
    this.addSql(`create index "campaign_application_campaign_id_status_index" on "campaign_application" ("campaign_id", "status");`);
    this.addSql(`alter table "campaign_application" add constraint "campaign_application_campaign_id_applicant_id_unique" unique ("campaign_id", "applicant_id");`);

    this.addSql(`create table "test_report" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "application_id" uuid not null, "scenario_id" uuid not null, "succeeded" boolean not null, "rating" smallint not null, "comment" text null, "device" varchar(120) not null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "test_report_pkey" primary key ("id"), constraint test_report_rating_check check (rating >= 1 and rating <= 5));`);
    this.addSql(`alter table "test_report" add constraint "test_report_application_id_scenario_id_unique" unique ("application_id", "scenario_id");`);

    this.addSql(`create table "questionnaire_answer" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "application_id" uuid not null, "question_id" uuid not null, "answer" text not null, "hidden_at" timestamptz null, "hidden_reason" text null, constraint "questionnaire_answer_pkey" primary key ("id"));`);
    this.addSql(`alter table "questionnaire_answer" add constraint "questionnaire_answer_application_id_question_id_unique" unique ("application_id", "question_id");`);

    this.addSql(`alter table "project" add constraint "project_holder_id_foreign" foreign key ("holder_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project" add constraint "project_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "project_team_member" add constraint "project_team_member_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_team_member" add constraint "project_team_member_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "campaign" add constraint "campaign_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "campaign" add constraint "campaign_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "campaign_scenario" add constraint "campaign_scenario_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "campaign_question" add constraint "campaign_question_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "campaign_application" add constraint "campaign_application_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "campaign_application" add constraint "campaign_application_applicant_id_foreign" foreign key ("applicant_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "test_report" add constraint "test_report_application_id_foreign" foreign key ("application_id") references "campaign_application" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "test_report" add constraint "test_report_scenario_id_foreign" foreign key ("scenario_id") references "campaign_scenario" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "questionnaire_answer" add constraint "questionnaire_answer_application_id_foreign" foreign key ("application_id") references "campaign_application" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "questionnaire_answer" add constraint "questionnaire_answer_question_id_foreign" foreign key ("question_id") references "campaign_question" ("id") on update cascade on delete cascade;`);

    // Hand-written: what the entities cannot say.
    // The text searched by projects(search), French without accents; one function so the index and the query agree.
    this.addSql(`create or replace function project_search_document(title text, summary text, description text, tags text[]) returns tsvector
      language sql immutable parallel safe as $$
        select setweight(to_tsvector('public.fr_unaccent', coalesce(title, '')), 'A')
            || setweight(to_tsvector('public.fr_unaccent', coalesce(summary, '') || ' ' || replace(coalesce(array_to_string(tags, ' '), ''), '-', ' ')), 'B')
            || setweight(to_tsvector('public.fr_unaccent', coalesce(description, '')), 'C')
      $$;`);
    this.addSql(`create index "project_search_index" on "project" using gin (project_search_document("title", "summary", "description", "tags"));`);
    this.addSql(`create index "project_location_index" on "project" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null;`);
  }

  async down() {
    this.addSql(`drop index if exists "project_search_index";`);
    this.addSql(`drop function if exists project_search_document(text, text, text, text[]);`);
    this.addSql(`alter table "project_team_member" drop constraint "project_team_member_project_id_foreign";`);

    this.addSql(`alter table "campaign" drop constraint "campaign_project_id_foreign";`);

    this.addSql(`alter table "campaign_scenario" drop constraint "campaign_scenario_campaign_id_foreign";`);

    this.addSql(`alter table "campaign_question" drop constraint "campaign_question_campaign_id_foreign";`);

    this.addSql(`alter table "campaign_application" drop constraint "campaign_application_campaign_id_foreign";`);

    this.addSql(`alter table "test_report" drop constraint "test_report_scenario_id_foreign";`);

    this.addSql(`alter table "questionnaire_answer" drop constraint "questionnaire_answer_question_id_foreign";`);

    this.addSql(`alter table "test_report" drop constraint "test_report_application_id_foreign";`);

    this.addSql(`alter table "questionnaire_answer" drop constraint "questionnaire_answer_application_id_foreign";`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "project_team_member" cascade;`);

    this.addSql(`drop table if exists "campaign" cascade;`);

    this.addSql(`drop table if exists "campaign_scenario" cascade;`);

    this.addSql(`drop table if exists "campaign_question" cascade;`);

    this.addSql(`drop table if exists "campaign_application" cascade;`);

    this.addSql(`drop table if exists "test_report" cascade;`);

    this.addSql(`drop table if exists "questionnaire_answer" cascade;`);

    this.addSql(`drop type "project_stage";`);
    this.addSql(`drop type "tester_level";`);
    this.addSql(`drop type "application_status";`);
  }

}
exports.Migration20261122105534_projets = Migration20261122105534_projets;

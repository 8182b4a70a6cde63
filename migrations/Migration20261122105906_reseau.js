'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

class Migration20261122105906_reseau extends Migration {

  async up() {
    this.addSql(`create type "network_membership_status" as enum ('pending', 'accepted', 'declined');`);
    this.addSql(`create table "network_membership" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "network_id" uuid not null, "member_id" uuid not null, "status" "network_membership_status" not null default 'pending', "requested_by_id" uuid null, "decided_by_id" uuid null, "decided_at" timestamptz null, "message" varchar(500) null, constraint "network_membership_pkey" primary key ("id"));`);
    this.addSql(`create index "network_membership_member_id_index" on "network_membership" ("member_id");`);
    this.addSql(`alter table "network_membership" add constraint "network_membership_network_id_member_id_unique" unique ("network_id", "member_id");`);

    this.addSql(`alter table "network_membership" add constraint "network_membership_network_id_foreign" foreign key ("network_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "network_membership" add constraint "network_membership_member_id_foreign" foreign key ("member_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "network_membership" add constraint "network_membership_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "network_membership" add constraint "network_membership_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organization" add column "logo_url" varchar(500) null, add column "standard_id" varchar(200) null, add column "pivot" varchar(14) null, add column "commune" varchar(250) null, add column "code_postal" varchar(5) null, add column "code_insee" varchar(5) null, add column "departement" varchar(3) null, add column "adresse" varchar(250) null, add column "complement_adresse" varchar(250) null, add column "latitude" double precision null, add column "longitude" double precision null, add column "typologie" text[] not null default '{}', add column "telephone" varchar(20) null, add column "courriels" text[] not null default '{}', add column "site_web" text[] not null default '{}', add column "horaires" text null, add column "presentation_resume" varchar(280) null, add column "presentation_detail" text null, add column "source" varchar(200) null, add column "itinerance" text[] not null default '{}', add column "structure_parente" varchar(250) null, add column "date_maj" date null, add column "services" text[] not null default '{}', add column "publics_specifiquement_adresses" text[] not null default '{}', add column "prise_en_charge_specifique" text[] not null default '{}', add column "frais_a_charge" text[] not null default '{}', add column "dispositif_programmes_nationaux" text[] not null default '{}', add column "formations_labels" text[] not null default '{}', add column "autres_formations_labels" text[] not null default '{}', add column "modalites_acces" text[] not null default '{}', add column "modalites_accompagnement" text[] not null default '{}', add column "fiche_acces_libre" varchar(500) null, add column "prise_rdv" varchar(500) null;`);
    this.addSql(`alter table "organization" add constraint "organization_standard_id_unique" unique ("standard_id");`);
    this.addSql(`create index "organization_pivot_index" on "organization" ("pivot");`);
    this.addSql(`create index "organization_code_postal_index" on "organization" ("code_postal");`);
    this.addSql(`create index "organization_departement_index" on "organization" ("departement");`);

    // Hand-written: what MikroORM does not describe.
    // French full text over the directory (the expression is ORGANIZATION_DOCUMENT in reseau/directory.service.ts).
    this.addSql(`create index "organization_search_index" on "organization" using gin (to_tsvector('fr_unaccent'::regconfig, coalesce(name, '') || ' ' || coalesce(commune, '') || ' ' || coalesce(presentation_resume, '') || ' ' || coalesce(structure_parente, '')));`);
    // "Near a point": earthdistance's cube of the place, for earth_box() look-ups.
    this.addSql(`create index "organization_point_index" on "organization" using gist (ll_to_earth(latitude, longitude)) where latitude is not null and longitude is not null;`);

  }

  async down() {
    this.addSql(`drop index if exists "organization_search_index";`);
    this.addSql(`drop index if exists "organization_point_index";`);
    this.addSql(`drop table if exists "network_membership" cascade;`);

    this.addSql(`alter table "organization" drop constraint "organization_standard_id_unique";`);
    this.addSql(`drop index "organization_pivot_index";`);
    this.addSql(`drop index "organization_code_postal_index";`);
    this.addSql(`drop index "organization_departement_index";`);
    this.addSql(`alter table "organization" drop column "logo_url", drop column "standard_id", drop column "pivot", drop column "commune", drop column "code_postal", drop column "code_insee", drop column "departement", drop column "adresse", drop column "complement_adresse", drop column "latitude", drop column "longitude", drop column "typologie", drop column "telephone", drop column "courriels", drop column "site_web", drop column "horaires", drop column "presentation_resume", drop column "presentation_detail", drop column "source", drop column "itinerance", drop column "structure_parente", drop column "date_maj", drop column "services", drop column "publics_specifiquement_adresses", drop column "prise_en_charge_specifique", drop column "frais_a_charge", drop column "dispositif_programmes_nationaux", drop column "formations_labels", drop column "autres_formations_labels", drop column "modalites_acces", drop column "modalites_accompagnement", drop column "fiche_acces_libre", drop column "prise_rdv";`);

    this.addSql(`drop type "network_membership_status";`);
  }

}
exports.Migration20261122105906_reseau = Migration20261122105906_reseau;

'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { Migration } = require('@mikro-orm/migrations');

/**
 * The agenda on the fediverse (server/src/modules/federation, docs/federation.md): the keys of each
 * organization's actor, its remote followers, the remote actors it follows and the events they sent,
 * and fedify's key-value store and message queue on PostgreSQL (deliveries survive restarts and are
 * shared by every process).
 */
class Migration20261203150000_federation extends Migration {
  async up() {
    this.addSql(`create table federation_actor_key (
      organization_id uuid primary key references organization (id) on delete cascade,
      rsa_public jsonb not null, rsa_private jsonb not null,
      ed25519_public jsonb not null, ed25519_private jsonb not null,
      created_at timestamptz not null default now());`);
    this.addSql(`create table federation_follower (
      organization_id uuid not null references organization (id) on delete cascade,
      actor_uri varchar(2000) not null,
      inbox_uri varchar(2000) not null,
      shared_inbox_uri varchar(2000) null,
      followed_at timestamptz not null default now(),
      primary key (organization_id, actor_uri));`);
    this.addSql(`create table federation_following (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organization (id) on delete cascade,
      actor_uri varchar(2000) not null,
      handle varchar(300) not null,
      name varchar(300) not null,
      follow_uri varchar(2000) not null,
      accepted_at timestamptz null,
      created_at timestamptz not null default now(),
      unique (organization_id, actor_uri));`);
    this.addSql(`create index federation_following_actor_index on federation_following (actor_uri);`);
    this.addSql(`create table federation_remote_event (
      object_uri varchar(2000) primary key,
      actor_uri varchar(2000) not null,
      name varchar(300) not null,
      content text not null default '',
      starts_at timestamptz not null,
      ends_at timestamptz null,
      location varchar(600) null,
      url varchar(2000) null,
      received_at timestamptz not null default now(),
      updated_at timestamptz not null default now());`);
    this.addSql(`create index federation_remote_event_starts_at_index on federation_remote_event (starts_at, object_uri);`);
    this.addSql(`create table federation_kv (
      key text[] primary key,
      value jsonb not null,
      expires_at timestamptz null);`);
    this.addSql(`create table federation_queue (
      id bigserial primary key,
      message jsonb not null,
      deliver_at timestamptz not null default now(),
      locked_until timestamptz null);`);
    this.addSql(`create index federation_queue_deliver_at_index on federation_queue (deliver_at);`);
  }

  async down() {
    this.addSql(`drop table if exists federation_queue;`);
    this.addSql(`drop table if exists federation_kv;`);
    this.addSql(`drop table if exists federation_remote_event;`);
    this.addSql(`drop table if exists federation_following;`);
    this.addSql(`drop table if exists federation_follower;`);
    this.addSql(`drop table if exists federation_actor_key;`);
  }
}
exports.Migration20261203150000_federation = Migration20261203150000_federation;

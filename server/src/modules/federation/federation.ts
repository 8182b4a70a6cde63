/**
 * Each organization as an ActivityPub actor, with fedify (docs/federation.md): WebFinger
 * (`acct:<slug>@<host>`), its keys, inbox, outbox and followers; its public events as `Event`
 * objects. Deliveries go through the PostgreSQL queue (federation-store.ts): signed, retried with
 * backoff by fedify, never sent while a request waits.
 */
import {
  Accept,
  Create,
  createFederation,
  Delete,
  Endpoints,
  Event as ApEvent,
  exportJwk,
  Follow,
  generateCryptoKeyPair,
  Group,
  importJwk,
  Organization as ApOrganization,
  Place,
  PUBLIC_COLLECTION,
  Undo,
  Update,
  type Context as FedContext,
  type Federation,
} from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { logger } from '../../logger.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { AgendaEvent } from '../agenda/event.entity.js';
import { eventLink } from '../agenda/event-lookup.js';
import { PostgresKvStore, PostgresMessageQueue } from './federation-store.js';
import { receiveRemoteEvent, type RemoteEventFields } from './remote-events.js';

export interface Running {
  federation: Federation<void>;
  origin: URL;
  orm: MikroORM;
  allowPrivateAddress: boolean;
}

/** The federation of this process, once `mountFederation` started it (null when it is off). */
let running: Running | null = null;
export const runningFederation = (): Running | null => running;

interface ActorRow {
  id: string;
  slug: string;
  name: string;
  kind: string;
  commune: string | null;
}

export async function organizationBySlug(em: EntityManager, slug: string): Promise<ActorRow | undefined> {
  return queryOne<ActorRow>(em, sql`select id, slug, name, kind::text as kind, commune from organization_card where slug = ${slug}`);
}

const ACTOR_PATH = '/federation/acteurs/{identifier}';
const PAGE = 100;

export function startFederation(orm: MikroORM, origin: URL, allowPrivateAddress: boolean): Running {
  const federation = createFederation<void>({
    kv: new PostgresKvStore(orm),
    queue: new PostgresMessageQueue(orm),
    origin: origin.origin,
    // Only for two instances on loopback in tests (config.ts): never on an https site.
    allowPrivateAddress,
    manuallyStartQueue: true,
  });
  const em = () => orm.em.fork();

  federation
    .setActorDispatcher(ACTOR_PATH, async (ctx, identifier) => {
      const organization = await organizationBySlug(em(), identifier);
      if (!organization) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      const values = {
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: organization.name,
        summary: organization.commune ? `${organization.name}, ${organization.commune}` : organization.name,
        url: new URL(`/organisations/${organization.slug}`, origin),
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: keys[0]?.cryptographicKey,
        assertionMethods: keys.map((key) => key.multikey),
        manuallyApprovesFollowers: false,
        discoverable: true,
      };
      // A local network is a group of organizations (Mobilizon's word too); the others are organizations.
      return organization.kind === 'reseau' ? new Group(values) : new ApOrganization(values);
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      const organization = await organizationBySlug(em(), identifier);
      return organization ? keyPairsOf(em(), organization.id) : [];
    });

  federation
    .setFollowersDispatcher(`${ACTOR_PATH}/followers`, async (_ctx, identifier, cursor) => {
      const organization = await organizationBySlug(em(), identifier);
      if (!organization) return null;
      const rows = await query<{ actor_uri: string; inbox_uri: string; shared_inbox_uri: string | null }>(
        em(),
        sql`select actor_uri, inbox_uri, shared_inbox_uri from federation_follower
             where organization_id = ${organization.id} and actor_uri > ${cursor ?? ''} order by actor_uri limit ${PAGE}`,
      );
      return {
        items: rows.map((row) => ({
          id: new URL(row.actor_uri),
          inboxId: new URL(row.inbox_uri),
          endpoints: row.shared_inbox_uri ? { sharedInbox: new URL(row.shared_inbox_uri) } : null,
        })),
        nextCursor: rows.length === PAGE ? rows[rows.length - 1].actor_uri : null,
      };
    })
    .setFirstCursor(() => '');

  federation.setOutboxDispatcher(`${ACTOR_PATH}/outbox`, async (ctx, identifier) => {
    const organization = await organizationBySlug(em(), identifier);
    if (!organization) return null;
    // The last 20 events it published (no paging: followers get the rest as they are published).
    const events = await em().find(
      AgendaEvent,
      { organizer: organization.id, hiddenAt: null, cancelledAt: null, publishedAt: { $ne: null } },
      { orderBy: { startsAt: 'desc' }, limit: 20, populate: ['place'] },
    );
    return {
      items: events.map(
        (event) =>
          new Create({
            id: activityId(ctx, identifier, 'create', event.id),
            actor: ctx.getActorUri(identifier),
            object: eventObject(ctx, identifier, event),
            to: PUBLIC_COLLECTION,
          }),
      ),
    };
  });

  federation.setObjectDispatcher(ApEvent, '/federation/evenements/{id}', async (ctx, { id }) => {
    const event = await publicEvent(em(), id);
    return event ? eventObject(ctx, event.organizer.slug, event) : null;
  });

  federation
    .setInboxListeners(`${ACTOR_PATH}/inbox`, '/federation/inbox')
    .on(Follow, async (ctx, follow) => {
      if (!follow.id || !follow.objectId) return;
      const target = ctx.parseUri(follow.objectId);
      if (target?.type !== 'actor') return;
      const organization = await organizationBySlug(em(), target.identifier);
      if (!organization) return;
      const follower = await follow.getActor(ctx);
      if (!follower?.id || !follower.inboxId) return;
      await execute(
        em(),
        sql`insert into federation_follower (organization_id, actor_uri, inbox_uri, shared_inbox_uri)
             values (${organization.id}, ${follower.id.href}, ${follower.inboxId.href}, ${follower.endpoints?.sharedInbox?.href ?? null})
             on conflict (organization_id, actor_uri) do update set inbox_uri = excluded.inbox_uri, shared_inbox_uri = excluded.shared_inbox_uri`,
      );
      logger.info({ organization: organization.slug, follower: follower.id.href }, 'federation: followed');
      await ctx.sendActivity(
        { identifier: target.identifier },
        follower,
        new Accept({ id: activityId(ctx, target.identifier, 'accept', randomUUID()), actor: follow.objectId, object: follow }),
      );
    })
    .on(Undo, async (ctx, undo) => {
      const object = await undo.getObject(ctx);
      if (!(object instanceof Follow) || !object.objectId || !undo.actorId) return;
      const target = ctx.parseUri(object.objectId);
      if (target?.type !== 'actor') return;
      const organization = await organizationBySlug(em(), target.identifier);
      if (!organization) return;
      await execute(
        em(),
        sql`delete from federation_follower where organization_id = ${organization.id} and actor_uri = ${undo.actorId.href}`,
      );
      logger.info({ organization: organization.slug, follower: undo.actorId.href }, 'federation: unfollowed');
    })
    .on(Accept, async (_ctx, accept) => {
      if (!accept.actorId) return;
      await execute(
        em(),
        sql`update federation_following set accepted_at = now() where actor_uri = ${accept.actorId.href} and accepted_at is null`,
      );
      logger.info({ actor: accept.actorId.href }, 'federation: follow accepted');
    })
    .on(Create, async (ctx, create) => {
      await receive(ctx, create.actorId, await create.getObject(ctx), 'create');
    })
    .on(Update, async (ctx, update) => {
      await receive(ctx, update.actorId, await update.getObject(ctx), 'update');
    })
    .on(Delete, async (_ctx, remove) => {
      if (!remove.actorId || !remove.objectId) return;
      const removed = await execute(
        em(),
        sql`delete from federation_remote_event where object_uri = ${remove.objectId.href} and actor_uri = ${remove.actorId.href}`,
      );
      if (removed > 0) logger.info({ object: remove.objectId.href }, 'federation: remote event deleted');
    })
    .onError((_ctx, error) => {
      logger.warn({ err: error }, 'federation: an incoming activity failed');
    });

  /** An `Event` from an actor an organization here follows; anything else (a `Note`, a stranger's event) is ignored. */
  async function receive(ctx: FedContext<void>, actorId: URL | null, object: unknown, verb: 'create' | 'update'): Promise<void> {
    if (!actorId || !(object instanceof ApEvent) || !object.id || !object.startTime) return;
    // The event must come from the actor's own server: nobody announces another server's events as theirs.
    if (object.id.origin !== actorId.origin) return;
    const followed = await queryOne(em(), sql`select 1 as one from federation_following where actor_uri = ${actorId.href} limit 1`);
    if (!followed) return;
    const location = await object.getLocation(ctx).catch(() => null);
    const url = object.url instanceof URL ? object.url : (object.url?.href ?? null);
    const fields: RemoteEventFields = {
      objectUri: object.id.href,
      actorUri: actorId.href,
      name: String(object.name ?? ''),
      content: String(object.content ?? ''),
      startsAt: new Date(object.startTime.epochMilliseconds),
      endsAt: object.endTime ? new Date(object.endTime.epochMilliseconds) : null,
      location: location instanceof Place ? [location.name, location.content].filter(Boolean).map(String).join(', ') : null,
      url: url ? String(url) : null,
    };
    await receiveRemoteEvent(em(), fields);
    logger.info({ object: object.id.href, verb }, 'federation: remote event received');
  }

  running = { federation, origin, orm, allowPrivateAddress };
  // Deliveries and incoming activities are handled by every process that runs the site.
  void federation.startQueue(undefined).catch((error: unknown) => logger.error({ err: error }, 'federation queue stopped'));
  return running;
}

function activityId(ctx: FedContext<void>, identifier: string, verb: string, id: string): URL {
  return new URL(`#${verb}/${id}/${Date.now()}`, ctx.getActorUri(identifier));
}

/** An event of the agenda anyone may see and that will happen (not cancelled), with its organizer and place. */
async function publicEvent(em: EntityManager, id: string): Promise<AgendaEvent | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return em.findOne(
    AgendaEvent,
    { id, hiddenAt: null, cancelledAt: null, publishedAt: { $ne: null } },
    { populate: ['organizer', 'place'] },
  );
}

/** The shape Mobilizon and Gancio read: name, content, startTime, endTime, location, url, attributedTo. */
export function eventObject(ctx: FedContext<void>, identifier: string, event: AgendaEvent): ApEvent {
  const address = [event.address, [event.postalCode, event.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const placeName = event.place?.name ?? event.commune ?? null;
  return new ApEvent({
    id: ctx.getObjectUri(ApEvent, { id: event.id }),
    name: event.title,
    content: renderMarkdown(event.description),
    mediaType: 'text/html',
    startTime: Temporal.Instant.fromEpochMilliseconds(event.startsAt.getTime()),
    endTime: Temporal.Instant.fromEpochMilliseconds(event.endsAt.getTime()),
    location:
      placeName || address
        ? new Place({
            name: placeName ?? address,
            content: address || null,
            latitude: event.latitude ?? null,
            longitude: event.longitude ?? null,
          })
        : null,
    url: new URL(eventLink(event.id), ctx.origin),
    attribution: ctx.getActorUri(identifier),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(identifier),
    updated: Temporal.Now.instant(),
  });
}

/** The actor's RSA and Ed25519 key pairs, made the first time they are needed and kept. */
async function keyPairsOf(em: EntityManager, organizationId: string): Promise<CryptoKeyPair[]> {
  type KeyRow = { rsa_public: JsonWebKey; rsa_private: JsonWebKey; ed25519_public: JsonWebKey; ed25519_private: JsonWebKey };
  let row = await queryOne<KeyRow>(
    em,
    sql`select rsa_public, rsa_private, ed25519_public, ed25519_private from federation_actor_key where organization_id = ${organizationId}`,
  );
  if (!row) {
    // RSA 2048 as Mastodon's (fedify's default, 4096, takes seconds to make on a busy machine).
    const rsa = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const ed25519 = await generateCryptoKeyPair('Ed25519');
    await execute(
      em,
      sql`insert into federation_actor_key (organization_id, rsa_public, rsa_private, ed25519_public, ed25519_private)
           values (${organizationId}, ${JSON.stringify(await exportJwk(rsa.publicKey))}::jsonb, ${JSON.stringify(await exportJwk(rsa.privateKey))}::jsonb,
                   ${JSON.stringify(await exportJwk(ed25519.publicKey))}::jsonb, ${JSON.stringify(await exportJwk(ed25519.privateKey))}::jsonb)
           on conflict (organization_id) do nothing`,
    );
    // Two processes may have made keys at once: the one kept is the one read back.
    row = (await queryOne<KeyRow>(
      em,
      sql`select rsa_public, rsa_private, ed25519_public, ed25519_private from federation_actor_key where organization_id = ${organizationId}`,
    ))!;
  }
  return [
    { publicKey: await importJwk(row.rsa_public, 'public'), privateKey: await importJwk(row.rsa_private, 'private') },
    { publicKey: await importJwk(row.ed25519_public, 'public'), privateKey: await importJwk(row.ed25519_private, 'private') },
  ];
}

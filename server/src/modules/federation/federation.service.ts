/**
 * What people do with the federation: an organization's admin follows an actor of another instance
 * (by handle `@collectif@mobilizon.example` or address), stops following it; and what the agenda's
 * changes become on the fediverse (`Create`, `Update`, `Delete` sent to the followers).
 */
import { Create, Delete, Event as ApEvent, Follow, isActor, lookupObject, Tombstone, Undo, Update, type Actor } from '@fedify/fedify';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { badInput, conflict, FieldErrors, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { ContentListener } from '../commun/content-changes.js';
import type { User } from '../comptes/user.entity.js';
import { AgendaEvent } from '../agenda/event.entity.js';
import { requireOrganizationAdmin } from '../reseau/organisations.service.js';
import { eventObject, organizationBySlug, runningFederation, type Running } from './federation.js';

export interface FollowingRow {
  id: string;
  organization_id: string;
  actor_uri: string;
  handle: string;
  name: string;
  accepted_at: Date | null;
  created_at: Date;
}

const OFF = say('La fédération n’est pas activée sur ce site.', 'Federation is not turned on on this site.');

function requireRunning(): Running {
  const running = runningFederation();
  if (!running) throw conflict(OFF);
  return running;
}

/**
 * How long another server has to answer a lookup (its WebFinger, then its actor's document): a person
 * is waiting on the page, and fedify's lookups have no time limit of their own.
 */
export const LOOKUP_TIMEOUT_MS = 5_000;

type Lookup = { actor: Actor } | { problem: 'not-found' | 'unreachable' | 'timeout'; host?: string };

class LookupTimeout extends Error {}

/** `work()`, or a `LookupTimeout` once `signal` (the lookup's deadline) is over. */
function withinDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new LookupTimeout());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new LookupTimeout());
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * `@name@host`, `name@host` or an https address (http too on loopback tests), within
 * `LOOKUP_TIMEOUT_MS`: the actor, or why not (nothing there, the server does not answer, or too late).
 */
async function findActor(running: Running, handle: string): Promise<Lookup> {
  const text = handle.trim();
  const ctx = running.federation.createContext(running.origin);
  const loader = ctx.documentLoader;
  const deadline = AbortSignal.timeout(LOOKUP_TIMEOUT_MS);
  const match = /^@?([^@\s]+)@([^@\s/]+)$/.exec(text);
  const host = match?.[2] ?? (URL.canParse(text) ? new URL(text).host : undefined);
  try {
    const looked = await withinDeadline(
      lookupObject(text, { documentLoader: loader, contextLoader: ctx.contextLoader }).catch(() => null),
      deadline,
    );
    if (isActor(looked)) return { actor: looked };
    // WebFinger over https only in fedify; two instances on loopback (tests) speak http.
    if (!running.allowPrivateAddress || !match) return { problem: 'not-found', host };
    let response: Response;
    try {
      response = await fetch(`http://${match[2]}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${match[1]}@${match[2]}`)}`, {
        headers: { accept: 'application/jrd+json' },
        signal: deadline,
      });
    } catch {
      if (deadline.aborted) throw new LookupTimeout();
      return { problem: 'unreachable', host }; // refused, no such host: nothing answers there
    }
    const finger = response.ok
      ? await withinDeadline(
          (response.json() as Promise<{ links?: Array<{ rel?: string; href?: string }> }>).catch(() => null),
          deadline,
        )
      : null;
    const self = finger?.links?.find((link) => link.rel === 'self' && link.href)?.href;
    if (self) {
      const actor = await withinDeadline(
        lookupObject(self, { documentLoader: loader, contextLoader: ctx.contextLoader }).catch(() => null),
        deadline,
      );
      if (isActor(actor)) return { actor };
    }
    return { problem: 'not-found', host };
  } catch (error) {
    if (error instanceof LookupTimeout) return { problem: 'timeout', host };
    throw error;
  }
}

const NOT_FOUND = say('Aucun compte trouvé à cette adresse sur le fédivers.', 'No account found at this address on the fediverse.');

/** Why nothing was found, next to the field: in French, with what the person can do about it. */
function lookupProblem(problem: 'not-found' | 'unreachable' | 'timeout', host: string | undefined) {
  const server = host ?? '?';
  if (problem === 'unreachable')
    return say(
      `${NOT_FOUND.fr} Le serveur ${server} ne répond pas : vérifiez l’adresse, ou réessayez plus tard.`,
      `${NOT_FOUND.en} The server ${server} does not answer: check the address, or try again later.`,
    );
  if (problem === 'timeout')
    return say(
      `${NOT_FOUND.fr} Le serveur ${server} n’a pas répondu dans les ${LOOKUP_TIMEOUT_MS / 1000} secondes : réessayez plus tard.`,
      `${NOT_FOUND.en} The server ${server} did not answer within ${LOOKUP_TIMEOUT_MS / 1000} seconds: try again later.`,
    );
  return NOT_FOUND;
}

export async function followRemoteActor(em: EntityManager, user: User, organizationId: string, handle: string): Promise<FollowingRow> {
  const errors = new FieldErrors();
  const text = handle.trim();
  if (!text)
    errors.add(
      'handle',
      say(
        'Indiquez l’adresse du compte à suivre, par exemple @collectif@mobilizon.fr.',
        'Give the account to follow, e.g. @collectif@mobilizon.fr.',
      ),
    );
  errors.throwIfAny();
  await requireOrganizationAdmin(em, organizationId, user);
  const running = requireRunning();
  const organization = await queryOne<{ slug: string }>(em, sql`select slug from organization_card where id = ${organizationId}`);
  if (!organization) throw notFound();
  const lookup = await findActor(running, text);
  if (!('actor' in lookup) || !lookup.actor.id || !lookup.actor.inboxId) {
    // The sentence at the top of the form says what failed; the field says why.
    throw badInput(
      { handle: 'actor' in lookup ? NOT_FOUND : lookupProblem(lookup.problem, lookup.host) },
      say('Ce compte n’a pas pu être suivi.', 'This account could not be followed.'),
    );
  }
  const found = lookup.actor;
  const ctx = running.federation.createContext(running.origin);
  const followId = new URL(`#follow/${randomUUID()}`, ctx.getActorUri(organization.slug));
  const name = String(found.name ?? found.preferredUsername ?? found.id!.host).slice(0, 300);
  const shownHandle = found.preferredUsername ? `@${found.preferredUsername}@${found.id!.host}` : found.id!.href;
  const row = (await queryOne<FollowingRow>(
    em,
    sql`insert into federation_following (organization_id, actor_uri, handle, name, follow_uri)
         values (${organizationId}, ${found.id!.href}, ${shownHandle.slice(0, 300)}, ${name}, ${followId.href})
         on conflict (organization_id, actor_uri) do update set name = excluded.name, handle = excluded.handle, follow_uri = excluded.follow_uri
         returning id, organization_id, actor_uri, handle, name, accepted_at, created_at`,
  ))!;
  await ctx.sendActivity(
    { identifier: organization.slug },
    found,
    new Follow({ id: followId, actor: ctx.getActorUri(organization.slug), object: found.id }),
  );
  return row;
}

export async function unfollowRemoteActor(em: EntityManager, user: User, followingId: string): Promise<boolean> {
  const row = /^[0-9a-f-]{36}$/i.test(followingId)
    ? await queryOne<FollowingRow & { slug: string; follow_uri: string }>(
        em,
        sql`select f.id, f.organization_id, f.actor_uri, f.follow_uri, o.slug from federation_following f
             join organization_card o on o.id = f.organization_id where f.id = ${followingId}`,
      )
    : undefined;
  if (!row) throw notFound();
  await requireOrganizationAdmin(em, row.organization_id, user);
  const running = requireRunning();
  await execute(em, sql`delete from federation_following where id = ${row.id}`);
  const ctx = running.federation.createContext(running.origin);
  const follow = new Follow({ id: new URL(row.follow_uri), actor: ctx.getActorUri(row.slug), object: new URL(row.actor_uri) });
  // The row is gone either way; the `Undo` goes only if the other server answers in time.
  const actor = await withinDeadline(
    lookupObject(row.actor_uri, { documentLoader: ctx.documentLoader }).catch(() => null),
    AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
  ).catch(() => null);
  if (isActor(actor)) {
    await ctx.sendActivity(
      { identifier: row.slug },
      actor,
      new Undo({ id: new URL(`#undo/${randomUUID()}`, ctx.getActorUri(row.slug)), actor: ctx.getActorUri(row.slug), object: follow }),
    );
  }
  return true;
}

/** The actors an organization follows, newest first (at most 200: a handful in practice). */
export async function followingsOf(em: EntityManager, organizationId: string): Promise<FollowingRow[]> {
  if (!/^[0-9a-f-]{36}$/i.test(organizationId)) return [];
  return query<FollowingRow>(
    em,
    sql`select id, organization_id, actor_uri, handle, name, accepted_at, created_at from federation_following
         where organization_id = ${organizationId} order by created_at desc, id limit 200`,
  );
}

/**
 * The agenda's events on the fediverse: each change of a public event goes to its organization's
 * followers, queued in the caller's transaction (sent by the queue's worker, never during the request).
 */
export const federationContentListener: ContentListener = {
  name: 'federation',
  async onChange(em, change) {
    const running = runningFederation();
    if (!running || change.type !== 'agenda.event') return;
    const event = await em.findOne(AgendaEvent, { id: change.id }, { populate: ['organizer', 'place'] });
    if (!event || !event.publishedAt) return; // a draft is nobody's business yet
    const organization = await organizationBySlug(em, event.organizer.slug);
    if (!organization) return;
    // No follower, nothing to send (and no keys made for nothing).
    const followed = await queryOne(em, sql`select 1 as one from federation_follower where organization_id = ${organization.id} limit 1`);
    if (!followed) return;
    const slug = organization.slug;
    const ctx = running.federation.createContext(running.origin);
    const actor = ctx.getActorUri(slug);
    const id = new URL(`#${change.change}/${event.id}/${Date.now()}`, actor);
    const objectUri = ctx.getObjectUri(ApEvent, { id: event.id });
    // Withdrawn (hidden by moderation) or cancelled: a `Delete`. ActivityPub's Event has no status
    // fedify can carry (Mobilizon's ical:status), so remote agendas take the event off.
    const gone = change.change === 'removed' || event.hiddenAt || event.cancelledAt;
    const activity = gone
      ? new Delete({ id, actor, object: new Tombstone({ id: objectUri }), to: ctx.getFollowersUri(slug) })
      : change.change === 'updated'
        ? new Update({ id, actor, object: eventObject(ctx, slug, event), to: ctx.getFollowersUri(slug) })
        : new Create({ id, actor, object: eventObject(ctx, slug, event), to: ctx.getFollowersUri(slug) });
    await ctx.sendActivity({ identifier: slug }, 'followers', activity, { preferSharedInbox: true });
  },
};

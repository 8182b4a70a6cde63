import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from './sql.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { isDepartement, normalizeDepartement } from '../../shared/territory.js';
import type { DigitalLevel, EventKind } from './event.entity.js';
import type { Attendee, BarcampSession, EventCard } from './agenda.types.js';
import type { RegistrationStatus } from './registration.entity.js';

/** Raw rows carry timestamps as text (MikroORM's driver settings): the API wants dates. */
export function asDate(value: Date | string): Date;
export function asDate(value: Date | string | null): Date | null;
export function asDate(value: Date | string | null): Date | null {
  return value == null ? null : value instanceof Date ? value : new Date(value);
}

/**
 * The read side of the agenda: each list is one SQL statement returning plain rows shaped like
 * the GraphQL types (DESIGN.md: read-heavy lists never hydrate entities row by row).
 */

export interface EventFilters {
  from?: Date | null;
  to?: Date | null;
  kind?: EventKind | null;
  level?: DigitalLevel | null;
  departement?: string | null;
  near?: { lat: number; lng: number; radiusKm?: number | null } | null;
  organizationId?: string | null;
  seriesId?: string | null;
  /** Only the events this person registered to (confirmed or waiting). */
  registeredUserId?: string | null;
  /** Newest first (past registrations). */
  descending?: boolean;
}

interface Page {
  limit: number;
  offset: number;
}

const EVENT_CARD_COLUMNS = `
  e.id, e.kind, e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", e.level, e.capacity,
  e.departement, e.commune, (e.online_url is not null) as online,
  o.id as "organizerId", o.name as "organizerName", o.slug as "organizerSlug",
  p.name as "placeName", e.series_id as "seriesId", e.series_position as "seriesPosition", s.session_count as "seriesSize",
  coalesce(seats.confirmed, 0)::int as "confirmedCount", coalesce(seats.waiting, 0)::int as "waitlistCount",
  case when e.capacity is null then null else greatest(e.capacity - coalesce(seats.confirmed, 0), 0)::int end as "remainingSeats",
  mine.status as "myStatus", mine.position::int as "myWaitlistPosition"`;

const EVENT_CARD_JOINS = `
  join organization o on o.id = e.organizer_id
  left join organization p on p.id = e.place_id
  left join event_series s on s.id = e.series_id
  left join lateral (
    select count(*) filter (where r.status = 'confirmed') as confirmed, count(*) filter (where r.status = 'waitlisted') as waiting
    from event_registration r where r.event_id = e.id
  ) seats on true
  left join lateral (
    select r.status,
      case when r.status = 'waitlisted' then (
        select count(*) from event_registration w
        where w.event_id = e.id and w.status = 'waitlisted' and w.queue_number <= r.queue_number
      ) end as position
    from event_registration r where r.event_id = e.id and r.user_id = ? and r.status <> 'cancelled'
  ) mine on true`;

/** 30 km around the point unless the person says otherwise. */
function radiusOf(near: { radiusKm?: number | null }): number {
  return near.radiusKm ?? 30;
}

function checkNear(near: EventFilters['near']): void {
  if (!near) return;
  if (near.lat < -90 || near.lat > 90 || near.lng < -180 || near.lng > 180) {
    throw badInput({ near: say('Ce point n’est pas sur la carte (latitude -90 à 90, longitude -180 à 180).', 'This point is not on the map.') });
  }
  if (!(radiusOf(near) > 0 && radiusOf(near) <= 1000)) {
    throw badInput({ near: say('Choisissez un rayon entre 1 et 1 000 km.', 'Choose a radius between 1 and 1,000 km.') });
  }
}

/** Events matching `filters`, soonest first; `totalCount` comes with the rows. */
export async function listEvents(em: EntityManager, filters: EventFilters, page: Page, viewerId: string | null): Promise<{ rows: EventCard[]; total: number }> {
  checkNear(filters.near);
  const where: string[] = ['e.hidden_at is null'];
  const params: unknown[] = [viewerId];
  if (filters.from !== null) {
    where.push('e.ends_at >= ?');
    params.push(filters.from ?? new Date());
  }
  if (filters.to) {
    where.push('e.starts_at < ?');
    params.push(filters.to);
  }
  if (filters.kind) {
    where.push('e.kind = ?');
    params.push(filters.kind);
  }
  if (filters.level) {
    where.push('e.level = ?');
    params.push(filters.level);
  }
  if (filters.departement) {
    const code = normalizeDepartement(filters.departement)!;
    if (!isDepartement(code)) throw badInput({ departement: say("Ce numéro de département n'existe pas (exemple : 44).", 'This département code does not exist (e.g. 44).') });
    where.push('e.departement = ?');
    params.push(code);
  }
  if (filters.near) {
    where.push('e.latitude is not null and earth_distance(ll_to_earth(e.latitude, e.longitude), ll_to_earth(?, ?)) <= ?');
    params.push(filters.near.lat, filters.near.lng, radiusOf(filters.near) * 1000);
  }
  if (filters.organizationId) {
    where.push('(e.organizer_id = ? or exists (select 1 from agenda_event_co_organizer c where c.event_id = e.id and c.organization_id = ?))');
    params.push(filters.organizationId, filters.organizationId);
  }
  if (filters.seriesId) {
    where.push('e.series_id = ?');
    params.push(filters.seriesId);
  }
  if (filters.registeredUserId) {
    where.push('mine.status is not null');
  }
  const order = filters.descending ? 'e.starts_at desc, e.id desc' : 'e.starts_at asc, e.id asc';
  const run = (limit: number, offset: number) => sql<Array<EventCard & { totalCount: number }>>(em, `select ${EVENT_CARD_COLUMNS}, count(*) over ()::int as "totalCount"
     from agenda_event e ${EVENT_CARD_JOINS}
     where ${where.join(' and ')}
     order by ${order}
     limit ? offset ?`,
    [...params, limit, offset],
  );
  const { rows, total } = await pageWithTotal(run, page);
  return { rows: rows.map(({ totalCount: _, ...row }) => ({ ...row, startsAt: asDate(row.startsAt), endsAt: asDate(row.endsAt) })), total };
}

/** Everyone registered to an event, confirmed first then the waitlist in its order. */
export async function listAttendees(em: EntityManager, eventId: string, status: RegistrationStatus | null, page: Page): Promise<{ rows: Attendee[]; total: number }> {
  const run = (limit: number, offset: number) => sql<Array<Attendee & { totalCount: number; queueNumber: number }>>(em, `select a.*, count(*) over ()::int as "totalCount" from (
       select r.id as "registrationId", u.id as "userId", u.display_name as "displayName", u.email, u.commune, r.status,
         case when r.status = 'waitlisted'
           then (row_number() over (partition by r.status order by r.queue_number))::int end as "waitlistPosition",
         r.created_at as "registeredAt", r.queue_number as "queueNumber"
       from event_registration r join app_user u on u.id = r.user_id
       where r.event_id = ? and r.status <> 'cancelled'
     ) a
     where (?::text is null or a.status::text = ?)
     order by case a.status when 'confirmed' then 0 else 1 end, a."queueNumber"
     limit ? offset ?`,
    [eventId, status, status, limit, offset],
  );
  const { rows, total } = await pageWithTotal(run, page);
  return { rows: rows.map(({ totalCount: _, queueNumber: __, ...row }) => ({ ...row, registeredAt: asDate(row.registeredAt) })), total };
}

/**
 * Runs a page query whose rows carry `totalCount` (count(*) over ()). Only a page past the end
 * has no row to carry it; then one more statement asks for the first row.
 */
async function pageWithTotal<R extends { totalCount: number }>(run: (limit: number, offset: number) => Promise<R[]>, page: Page): Promise<{ rows: R[]; total: number }> {
  const rows = await run(page.limit, page.offset);
  if (rows.length > 0 || page.offset === 0) return { rows, total: rows[0]?.totalCount ?? 0 };
  const [first] = await run(1, 0);
  return { rows, total: first?.totalCount ?? 0 };
}

export interface SessionFilters {
  eventId: string;
  sessionId?: string;
  viewerId: string | null;
  /** Organizers and moderators also see sessions hidden by moderation. */
  includeHidden: boolean;
  viewerManages: boolean;
}

/**
 * Barcamp sessions with speakers, interest count and grid position: most-wanted first, or in
 * program order (slot, room) when `programOrder`.
 */
export async function listSessions(em: EntityManager, filters: SessionFilters, programOrder = false): Promise<BarcampSession[]> {
  const rows = await sql<Array<Omit<BarcampSession, 'notesHtml' | 'canEditNotes' | 'hidden'> & { hiddenAt: Date | null }>>(em, `select s.id, s.event_id as "eventId", s.title, s.pitch, s.theme, s.notes, s.notes_updated_at as "notesUpdatedAt", s.hidden_at as "hiddenAt",
       s.room_id as "roomId", room.name as "roomName", s.slot_id as "slotId", slot.starts_at as "startsAt", slot.ends_at as "endsAt",
       coalesce(speakers.list, '[]'::json) as speakers,
       coalesce(interest.n, 0)::int as "interestCount",
       coalesce(interest.mine, false) as "interestedByMe"
     from barcamp_session s
     left join barcamp_room room on room.id = s.room_id
     left join barcamp_slot slot on slot.id = s.slot_id
     left join lateral (
       select json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name) as list
       from barcamp_session_speaker sp join app_user u on u.id = sp.user_id where sp.session_id = s.id
     ) speakers on true
     left join lateral (
       select count(*) as n, bool_or(i.user_id = ?) as mine from barcamp_interest i where i.session_id = s.id
     ) interest on true
     where s.event_id = ? and (?::uuid is null or s.id = ?::uuid)
       and (s.hidden_at is null or ?::boolean or exists (select 1 from barcamp_session_speaker me where me.session_id = s.id and me.user_id = ?))
     order by ${programOrder ? 'slot.starts_at nulls last, room.capacity desc nulls last, room.name, s.title' : '"interestCount" desc, s.created_at, s.id'}`,
    [filters.viewerId, filters.eventId, filters.sessionId ?? null, filters.sessionId ?? null, filters.includeHidden, filters.viewerId],
  );
  return rows.map(({ hiddenAt, ...row }) => ({
    ...row,
    startsAt: asDate(row.startsAt),
    endsAt: asDate(row.endsAt),
    notesUpdatedAt: asDate(row.notesUpdatedAt),
    notesHtml: renderMarkdown(row.notes),
    hidden: hiddenAt !== null,
    canEditNotes: filters.viewerManages || (!!filters.viewerId && row.speakers.some((speaker) => speaker.id === filters.viewerId)),
  }));
}

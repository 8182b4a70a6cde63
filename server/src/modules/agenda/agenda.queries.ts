import type { EntityManager } from '@mikro-orm/postgresql';
import { asDate, query, sql, whereAll, type Sql } from '../../db/sql.js';
import {
  afterCursor,
  boundedCount,
  countBounded,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type SortKey,
} from '../../graphql/connection.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { OVERSEAS_TIME_ZONES, PARIS_TIME_ZONE, UNKNOWN_DEPARTEMENT, isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { isCalendarDay } from '../../shared/local-time.js';
import { hasProfile } from '../comptes/comptes.read.js';
import type { DigitalLevel, EventKind } from './event.entity.js';
import type { Attendee, BarcampSession, EventCard } from './agenda.types.js';
import type { RegistrationStatus } from './registration.entity.js';

/**
 * The read side of the agenda: each list is one SQL statement returning plain rows shaped like
 * the GraphQL types: a read-heavy list never hydrates entities row by row. Lists are keyset pages
 * (docs/read-models.md): the cursor holds the sort keys of the last row seen.
 */

export interface EventFilters {
  from?: Date | null;
  to?: Date | null;
  /** Events under way on or after this day ("2026-03-01") on their place's clock: no default `from` then. */
  fromDay?: string | null;
  /** Events starting on or before this day ("2026-03-31") on their place's clock. */
  toDay?: string | null;
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

/** `first` / `after` of a list. */
interface PageRequest {
  first?: number | null;
  after?: string | null;
}

const EVENT_CARD_COLUMNS = sql`
  e.id, e.kind, e.title, e.starts_at as "startsAt", e.ends_at as "endsAt", e.level, e.capacity,
  e.departement, e.commune, (e.online_url is not null) as online, (e.cancelled_at is not null) as cancelled,
  o.id as "organizerId", o.name as "organizerName", o.slug as "organizerSlug",
  p.name as "placeName", e.series_id as "seriesId", e.series_position as "seriesPosition", s.session_count as "seriesSize",
  coalesce(seats.confirmed, 0)::int as "confirmedCount", coalesce(seats.waiting, 0)::int as "waitlistCount",
  case when e.capacity is null then null else greatest(e.capacity - coalesce(seats.confirmed, 0), 0)::int end as "remainingSeats",
  mine.status as "myStatus", mine.position::int as "myWaitlistPosition"`;

/** Organizer, place, cycle, seat counts and the viewer's own registration of each event `e`. */
function eventCardJoins(viewerId: string | null): Sql {
  return sql`
  join organization_card o on o.id = e.organizer_id
  left join organization_card p on p.id = e.place_id
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
    from event_registration r where r.event_id = e.id and r.user_id = ${viewerId} and r.status <> 'cancelled'
  ) mine on true`;
}

/** 30 km around the point unless the person says otherwise. */
function radiusOf(near: { radiusKm?: number | null }): number {
  return near.radiusKm ?? 30;
}

function checkNear(near: EventFilters['near']): void {
  if (!near) return;
  if (near.lat < -90 || near.lat > 90 || near.lng < -180 || near.lng > 180) {
    throw badInput({
      near: say('Ce point n’est pas sur la carte (latitude -90 à 90, longitude -180 à 180).', 'This point is not on the map.'),
    });
  }
  if (!(radiusOf(near) > 0 && radiusOf(near) <= 1000)) {
    throw badInput({ near: say('Choisissez un rayon entre 1 et 1 000 km.', 'Choose a radius between 1 and 1,000 km.') });
  }
}

/** Soonest first; the id breaks ties between events that start at the same instant. */
const EVENT_ORDER: SortKey[] = [
  { expression: sql`e.starts_at`, direction: 'asc' },
  { expression: sql`e.id`, direction: 'asc' },
];

/** Latest first (past registrations). */
const EVENT_ORDER_DESCENDING: SortKey[] = [
  { expression: sql`e.starts_at`, direction: 'desc' },
  { expression: sql`e.id`, direction: 'desc' },
];

/** Events matching `filters`, soonest first: one page, with `totalCount`, in one statement. */
export async function listEvents(
  em: EntityManager,
  filters: EventFilters,
  page: PageRequest,
  viewerId: string | null,
): Promise<Connection<EventCard>> {
  checkNear(filters.near);
  // A fixed order chosen in code, never a request's text.
  const order = filters.descending ? EVENT_ORDER_DESCENDING : EVENT_ORDER;
  const window = keysetWindow(page, order);
  const where = eventFilters(filters);
  // The page read on the starts_at index, its cards, and the total counted up to the cap (docs/read-models.md).
  const listed = sql`select e.id from agenda_event e ${whereAll(where)}`;
  const rows = await query<EventCard & { totalCount: number }>(
    em,
    sql`select ${EVENT_CARD_COLUMNS}, ${boundedCount(listed)} as "totalCount", ${keysetColumns(order)}
     from agenda_event e
     ${eventCardJoins(viewerId)}
     ${whereAll([...where, afterCursor(order, window)])}
     ${keysetOrder(order)}
     limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].totalCount : window.after ? await countBounded(em, listed) : 0;
  return keysetConnection(
    rows.map(({ totalCount: _, ...row }) => ({ ...row, startsAt: asDate(row.startsAt), endsAt: asDate(row.endsAt) })),
    window,
    total,
  );
}

const HOUR = 3_600_000;

/** The time zone of `agenda_event e` in SQL: its département's (local-time.ts, `eventZone`). */
const EVENT_ZONE = sql`coalesce(${JSON.stringify(OVERSEAS_TIME_ZONES)}::jsonb ->> e.departement, ${PARIS_TIME_ZONE})`;

/** Midnight UTC of a day written "2026-03-01", or the field's error when it is not such a day. */
function calendarDay(text: string, field: 'fromDay' | 'toDay'): Date {
  if (!isCalendarDay(text))
    throw badInput({ [field]: say('Cette date n’est pas au format 2026-03-01.', 'This date is not written like 2026-03-01.') });
  return new Date(`${text}T00:00:00Z`);
}

/** The conditions on `agenda_event e` for `filters`. */
function eventFilters(filters: EventFilters): Sql[] {
  const where: Sql[] = [sql`e.hidden_at is null`, sql`e.published_at is not null`];
  // Upcoming by default, unless the request gives its own start (`from`, or a first day) or none (`from: null`).
  if (filters.from) where.push(sql`e.ends_at >= ${filters.from}`);
  else if (filters.from === undefined && !filters.fromDay) where.push(sql`e.ends_at >= ${new Date()}`);
  if (filters.to) where.push(sql`e.starts_at < ${filters.to}`);
  if (filters.fromDay) {
    const day = calendarDay(filters.fromDay, 'fromDay');
    // First a bound on the index, whatever the zone (no place is more than 14 hours ahead of UTC), then the exact one.
    where.push(sql`e.ends_at >= ${new Date(day.getTime() - 14 * HOUR)}`);
    where.push(sql`e.ends_at >= (${filters.fromDay}::date::timestamp at time zone ${EVENT_ZONE})`);
  }
  if (filters.toDay) {
    const dayAfter = new Date(calendarDay(filters.toDay, 'toDay').getTime() + 24 * HOUR);
    // No place is more than 12 hours behind UTC.
    where.push(sql`e.starts_at < ${new Date(dayAfter.getTime() + 12 * HOUR)}`);
    where.push(sql`e.starts_at < ((${filters.toDay}::date + 1)::timestamp at time zone ${EVENT_ZONE})`);
  }
  if (filters.kind) where.push(sql`e.kind = ${filters.kind}`);
  if (filters.level) where.push(sql`e.level = ${filters.level}`);
  if (filters.departement) {
    const code = normalizeDepartement(filters.departement)!;
    if (!isDepartement(code)) throw badInput({ departement: UNKNOWN_DEPARTEMENT });
    where.push(sql`e.departement = ${code}`);
  }
  if (filters.near) {
    const { lat, lng } = filters.near;
    where.push(
      sql`e.latitude is not null and earth_distance(ll_to_earth(e.latitude, e.longitude), ll_to_earth(${lat}, ${lng})) <= ${radiusOf(filters.near) * 1000}`,
    );
  }
  if (filters.organizationId) {
    const id = filters.organizationId;
    where.push(
      sql`(e.organizer_id = ${id} or exists (select 1 from agenda_event_co_organizer c where c.event_id = e.id and c.organization_id = ${id} and c.status = 'accepted'))`,
    );
  }
  if (filters.seriesId) where.push(sql`e.series_id = ${filters.seriesId}`);
  if (filters.registeredUserId) {
    where.push(
      sql`exists (select 1 from event_registration r where r.event_id = e.id and r.user_id = ${filters.registeredUserId} and r.status <> 'cancelled')`,
    );
  }
  return where;
}

/**
 * Confirmed people first, then the waitlist, each in line order; the registration id is unique.
 * `registration_status` is an enum declared ('confirmed', 'waitlisted', 'cancelled'), so ordering
 * by the status itself puts confirmed first, and the page is the first entries of the index
 * `event_registration (event_id, status, queue_number)` for this event (no sort of its rows).
 */
const ATTENDEE_ORDER: SortKey[] = [
  { expression: sql`a.status`, direction: 'asc' },
  { expression: sql`a."queueNumber"`, direction: 'asc' },
  { expression: sql`a."registrationId"`, direction: 'asc' },
];

/** The statuses a cursor of the attendee list may carry (cancelled registrations are not listed). */
const LISTED_STATUSES = new Set(['confirmed', 'waitlisted']);

/** A member's name, or a guest's (agenda/guest-registrations.ts): "Camille (sans compte)", or anonymous once erased. */
export const GUEST_NAME = sql`coalesce(u.display_name, case when r.guest_first_name <> '' then r.guest_first_name || ' (sans compte)' end, 'Personne sans compte (effacée)')`;

/**
 * Everyone registered to an event, confirmed first then the waitlist in its order: one keyset page,
 * one statement, a bounded total (issue #15: no window function over the event's registrations).
 * The waitlist position is counted for the rows of the page only, after the limit: the waiting
 * registrations of this event up to that one, on the same index.
 */
export async function listAttendees(
  em: EntityManager,
  eventId: string,
  status: RegistrationStatus | null,
  page: PageRequest,
): Promise<Connection<Attendee>> {
  const window = keysetWindow(page, ATTENDEE_ORDER);
  // The status is compared with the enum: a cursor of another list must not reach PostgreSQL.
  if (window.after && !LISTED_STATUSES.has(window.after[0])) {
    throw badInput({ after: say('Curseur de pagination invalide.', 'Invalid pagination cursor.') });
  }
  const listed = sql`select r.id as "registrationId", u.id as "userId", ${GUEST_NAME} as "displayName",
       coalesce(u.email, r.guest_email) as email, u.commune, r.guest_phone as phone, r.user_id is null as guest, r.status,
       r.created_at as "registeredAt", r.queue_number as "queueNumber"
     from event_registration r left join member_card u on u.id = r.user_id
     ${whereAll([sql`r.event_id = ${eventId}`, sql`r.status <> 'cancelled'`, status ? sql`r.status = ${status}` : null])}`;
  const rows = await query<Attendee & { totalCount: number; queueNumber: number }>(
    em,
    sql`select a.*, case when a.status = 'waitlisted' then (
         select count(*) from event_registration w
          where w.event_id = ${eventId} and w.status = 'waitlisted' and w.queue_number <= a."queueNumber")::int end as "waitlistPosition"
       from (
         select a.*, ${keysetColumns(ATTENDEE_ORDER)}, ${boundedCount(listed)} as "totalCount" from (${listed}) a
         ${whereAll([afterCursor(ATTENDEE_ORDER, window)])}
         ${keysetOrder(ATTENDEE_ORDER)}
         limit ${window.limit + 1}
       ) a
     ${keysetOrder(ATTENDEE_ORDER)}`,
  );
  const total = rows.length > 0 ? rows[0].totalCount : window.after ? await countBounded(em, listed) : 0;
  return keysetConnection(
    rows.map(({ totalCount: _, queueNumber: __, ...row }) => ({ ...row, registeredAt: asDate(row.registeredAt) })),
    window,
    total,
  );
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
  const sessionId = filters.sessionId ?? null;
  // Two fixed orders chosen in code.
  const order = sql.raw(
    programOrder
      ? 'slot.starts_at nulls last, room.capacity desc nulls last, room.name, s.title'
      : '"interestCount" desc, s.created_at, s.id',
  );
  const rows = await query<Omit<BarcampSession, 'notesHtml' | 'canEditNotes' | 'hidden'> & { hiddenAt: Date | null }>(
    em,
    sql`select s.id, s.event_id as "eventId", s.title, s.pitch, s.theme, s.notes, s.notes_updated_at as "notesUpdatedAt", s.hidden_at as "hiddenAt",
       s.room_id as "roomId", room.name as "roomName", s.slot_id as "slotId", slot.starts_at as "startsAt", slot.ends_at as "endsAt",
       coalesce(speakers.list, '[]'::json) as speakers,
       coalesce(interest.n, 0)::int as "interestCount",
       coalesce(interest.mine, false) as "interestedByMe"
     from barcamp_session s
     left join barcamp_room room on room.id = s.room_id
     left join barcamp_slot slot on slot.id = s.slot_id
     left join lateral (
       select json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'hasProfile', ${hasProfile('u')}) order by u.display_name) as list
       from barcamp_session_speaker sp join member_card u on u.id = sp.user_id where sp.session_id = s.id
     ) speakers on true
     left join lateral (
       select count(*) as n, bool_or(i.user_id = ${filters.viewerId}) as mine from barcamp_interest i where i.session_id = s.id
     ) interest on true
     where s.event_id = ${filters.eventId} and (${sessionId}::uuid is null or s.id = ${sessionId}::uuid)
       and (s.hidden_at is null or ${filters.includeHidden}::boolean or exists (select 1 from barcamp_session_speaker me where me.session_id = s.id and me.user_id = ${filters.viewerId}))
     order by ${order}`,
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

export interface SeatCounts {
  confirmed: number;
  waiting: number;
}

/** Confirmed and waiting people of each event, in one statement for all of them. */
export async function seatCounts(em: EntityManager, eventIds: readonly string[]): Promise<Map<string, SeatCounts>> {
  const rows = await query<SeatCounts & { eventId: string }>(
    em,
    sql`select event_id as "eventId",
       count(*) filter (where status = 'confirmed')::int as confirmed, count(*) filter (where status = 'waitlisted')::int as waiting
     from event_registration where event_id = any(${pgTextArray(eventIds)}::uuid[])
     group by event_id`,
  );
  return new Map(rows.map(({ eventId, ...counts }) => [eventId, counts]));
}

/** The co-organizing organizations of each event (their ids; accepted only), in one statement for all of them. */
export async function coOrganizerIds(
  em: EntityManager,
  eventIds: readonly string[],
): Promise<Array<{ eventId: string; organizationId: string }>> {
  return query<{ eventId: string; organizationId: string }>(
    em,
    sql`select event_id as "eventId", organization_id as "organizationId"
     from agenda_event_co_organizer where event_id = any(${pgTextArray(eventIds)}::uuid[]) and status = 'accepted'`,
  );
}

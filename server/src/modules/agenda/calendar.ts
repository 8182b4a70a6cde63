import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { EntityManager } from '@mikro-orm/postgresql';
import { asDate, query, sql, whereAll, type Sql } from '../../db/sql.js';
import { PARIS_TIME_ZONE } from '../../shared/territory.js';
import { eventZone } from '../../shared/local-time.js';
import { markdownAsPlainText } from '../../shared/markdown.js';

/** The definitions already read: the library reads a file from disk for each one it gives. */
const vtimezones = new Map<string, string | null>();
function vtimezone(zone: string): string | null {
  if (!vtimezones.has(zone)) vtimezones.set(zone, getVtimezoneComponent(zone) ?? null);
  return vtimezones.get(zone)!;
}

/** What a calendar entry needs: one row per event, from one SQL statement. */
export interface CalendarRow {
  id: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  updatedAt: Date;
  organizerName: string;
  placeName: string | null;
  address: string | null;
  postalCode: string | null;
  commune: string | null;
  departement: string | null;
  onlineUrl: string | null;
  latitude: number | null;
  longitude: number | null;
  cancelled: boolean;
}

export interface CalendarScope {
  eventId?: string;
  organizationId?: string;
  departement?: string;
  userId?: string;
}

/**
 * Events of a calendar file: one event, an organization's (organized or co-organized), a
 * département's, or a person's registrations. Feeds keep the last 90 days so recent changes reach
 * calendars, and everything ahead.
 */
export async function calendarRows(em: EntityManager, scope: CalendarScope): Promise<CalendarRow[]> {
  const where: Sql[] = scope.eventId
    ? [sql`e.id = ${scope.eventId}`]
    : [sql`e.ends_at >= now() - interval '90 days'`, sql`e.hidden_at is null`, sql`e.published_at is not null`];
  if (scope.organizationId) {
    const id = scope.organizationId;
    where.push(
      sql`(e.organizer_id = ${id} or exists (select 1 from agenda_event_co_organizer c where c.event_id = e.id and c.organization_id = ${id} and c.status = 'accepted'))`,
    );
  }
  if (scope.departement) where.push(sql`e.departement = ${scope.departement}`);
  if (scope.userId) {
    where.push(
      sql`exists (select 1 from event_registration r where r.event_id = e.id and r.user_id = ${scope.userId} and r.status <> 'cancelled')`,
    );
  }
  const rows = await query<CalendarRow>(
    em,
    sql`select e.id, e.title, e.description, e.starts_at as "startsAt", e.ends_at as "endsAt", e.sequence, e.updated_at as "updatedAt",
       o.name as "organizerName", p.name as "placeName", e.address, e.postal_code as "postalCode", e.commune, e.departement, e.online_url as "onlineUrl",
       e.latitude, e.longitude, (e.hidden_at is not null or e.cancelled_at is not null) as cancelled
     from agenda_event e join organization_card o on o.id = e.organizer_id left join organization_card p on p.id = e.place_id
     ${whereAll(where)}
     order by e.starts_at, e.id
     limit 2000`,
  );
  return rows.map((row) => ({ ...row, startsAt: asDate(row.startsAt), endsAt: asDate(row.endsAt), updatedAt: asDate(row.updatedAt) }));
}

function location(row: CalendarRow): string | null {
  const postal = [row.postalCode, row.commune].filter(Boolean).join(' ');
  const parts = [row.placeName, row.address, postal].filter(Boolean);
  if (parts.length === 0) return row.onlineUrl;
  return parts.join(', ');
}

/**
 * An RFC 5545 calendar. UIDs are stable (the event id) and SEQUENCE grows with every change, so a
 * calendar app replaces its copy instead of adding a second one.
 */
export function renderCalendar(name: string, rows: CalendarRow[], publicUrl: string): string {
  const calendar = ical({
    name,
    prodId: { company: 'Maillage', product: 'Agenda', language: 'FR' },
    // Each zone an event is written in gets its definition (VTIMEZONE, RFC 5545 §3.6.5), from the time-zone database.
    timezone: { name: PARIS_TIME_ZONE, generator: vtimezone },
    ttl: 3600,
  });
  for (const row of rows) {
    const url = `${publicUrl}/agenda/evenements/${row.id}`;
    // On the clock of its place: a calendar app shows 8:00 in Nouméa as 8:00 there, whatever its own zone.
    const zone = eventZone(row);
    calendar.createEvent({
      id: `${row.id}@maillage`,
      sequence: row.sequence,
      stamp: row.updatedAt,
      start: DateTime.fromJSDate(row.startsAt, { zone }),
      end: DateTime.fromJSDate(row.endsAt, { zone }),
      timezone: zone,
      summary: row.title,
      // Calendar apps show the description as plain text: the organizer's Markdown without its marks.
      description: [
        markdownAsPlainText(row.description),
        row.onlineUrl ? `En ligne : ${row.onlineUrl}` : null,
        `Organisé par ${row.organizerName}`,
        url,
      ]
        .filter(Boolean)
        .join('\n\n'),
      location: location(row),
      url,
      status: row.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

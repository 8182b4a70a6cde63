import type { EntityManager } from '@mikro-orm/postgresql';
import { asDate, query, sql } from '../../db/sql.js';
import { GUEST_NAME } from './agenda.queries.js';
import { eventZone, spreadsheetDateTime } from '../../shared/local-time.js';
import { FRENCH_SPREADSHEET, toCsv } from '../../shared/csv.js';

/**
 * The attendance sheet (feuille d'émargement) of an event as CSV, with French column names:
 * confirmed people by name, then the waitlist in its order, and an empty column to sign.
 * `;`-separated with a BOM, as French spreadsheet software expects (shared/csv.ts, which also keeps
 * a name such as `=HYPERLINK(…)` from running as a formula).
 *
 * Unlike the lists of the API (issue #15, docs/read-models.md), the sheet reads every seat of ONE
 * event on purpose: it is the whole list to print, and its size is bounded by that event's
 * registrations (its capacity plus its waitlist, on `event_registration (event_id, status,
 * queue_number)`), never by the table of all events' registrations. So the window function over
 * these rows (the waitlist rank) is allowed here.
 */
export async function attendanceSheetCsv(em: EntityManager, event: { id: string; departement?: string | null }): Promise<string> {
  const rows = await query<{
    displayName: string;
    email: string | null;
    phone: string | null;
    commune: string | null;
    status: string;
    position: number | null;
    registeredAt: Date;
  }>(
    em,
    sql`select ${GUEST_NAME} as "displayName", coalesce(u.email, r.guest_email) as email, r.guest_phone as phone, u.commune, r.status,
       case when r.status = 'waitlisted' then (row_number() over (partition by r.status order by r.queue_number))::int end as position,
       r.created_at as "registeredAt"
     from event_registration r left join member_card u on u.id = r.user_id
     where r.event_id = ${event.id} and r.status <> 'cancelled'
     order by case r.status when 'confirmed' then 0 else 1 end,
       case r.status when 'confirmed' then lower(immutable_unaccent(${GUEST_NAME})) end, r.queue_number`,
  );
  const zone = eventZone(event);
  const when = (date: Date) => spreadsheetDateTime(date, zone);
  return toCsv(
    [
      ['Nom', 'Courriel', 'Téléphone', 'Commune', 'Statut', 'Rang en liste d’attente', 'Inscrit·e le', 'Signature'],
      ...rows.map((row) => [
        row.displayName,
        row.email,
        row.phone,
        row.commune,
        row.status === 'confirmed' ? 'Inscrit·e' : 'Liste d’attente',
        row.position,
        when(asDate(row.registeredAt)),
        '',
      ]),
    ],
    FRENCH_SPREADSHEET,
  );
}

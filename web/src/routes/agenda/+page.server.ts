import { graphql } from '$lib/graphql';
import { EVENT_KINDS, LEVELS, isCalendarDay, lastDayOfMonth } from '$lib/agenda';
import { dayIn } from '$lib/format';
import { queryLeavingOut } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const EVENTS = graphql(`
  query AgendaEvents(
    $first: Int
    $after: String
    $fromDay: String
    $toDay: String
    $kind: EventKind
    $level: DigitalLevel
    $departement: String
    $near: NearInput
  ) {
    events(
      first: $first
      after: $after
      fromDay: $fromDay
      toDay: $toDay
      kind: $kind
      level: $level
      departement: $departement
      near: $near
    ) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          startsAt
          timeZone
          endsAt
          level
          capacity
          commune
          departement
          online
          cancelled
          organizerName
          placeName
          seriesPosition
          seriesSize
          remainingSeats
          waitlistCount
          myStatus
          myWaitlistPosition
        }
      }
    }
  }
`);

type Kind = (typeof EVENT_KINDS)[number];
type Level = (typeof LEVELS)[number];

/** The list (or the month) of events, filtered by what the query string says. */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const kind = EVENT_KINDS.includes(params.get('type') as Kind) ? (params.get('type') as Kind) : null;
  const level = LEVELS.includes(params.get('niveau') as Level) ? (params.get('niveau') as Level) : null;
  const typedDepartement = params.get('departement')?.trim() || '';
  const lat = Number(params.get('lat'));
  const lng = Number(params.get('lng'));
  const near = params.has('lat') && params.has('lng') && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng, radiusKm: 30 } : null;
  // A month that exists ("2026-13" would be asked as a day that does not).
  const month = isCalendarDay(`${params.get('mois')}-01`) ? params.get('mois')! : null;
  const view = params.get('vue') === 'mois' ? 'mois' : 'liste';

  // Days, not instants: each event is kept or not by its own day, on the clock of its place (an atelier in
  // Nouméa at 8:00 on the 1st belongs to that month, though it is still the day before in Paris).
  const du = params.get('du') ?? '';
  const au = params.get('au') ?? '';
  let fromDay = isCalendarDay(du) ? du : null;
  let toDay = isCalendarDay(au) ? au : null;
  let shownMonth = month;
  if (view === 'mois') {
    shownMonth = month ?? dayIn(new Date()).slice(0, 7);
    fromDay = `${shownMonth}-01`;
    toDay = lastDayOfMonth(shownMonth);
  }
  // The API knows which départements exist: one it refuses is said next to its field, over the whole agenda.
  const { data, refused } = await queryLeavingOut(
    event,
    EVENTS,
    {
      first: view === 'mois' ? 100 : 20,
      after: view === 'mois' ? null : params.get('apres'),
      fromDay,
      toDay,
      kind,
      level,
      departement: typedDepartement || null,
      near,
    },
    ['departement'],
  );
  return {
    events: data.events,
    view,
    month: shownMonth,
    departementError: refused.departement ?? null,
    filters: {
      type: kind ?? '',
      niveau: level ?? '',
      departement: typedDepartement,
      du: params.get('du') ?? '',
      au: params.get('au') ?? '',
      near: !!near,
    },
  };
};

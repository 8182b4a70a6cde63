import { graphql } from '$lib/graphql';
import { EVENT_KINDS, LEVELS, parisMidnight } from '$lib/agenda';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const EVENTS = graphql(`
  query AgendaEvents(
    $first: Int
    $after: String
    $from: DateTime
    $to: DateTime
    $kind: EventKind
    $level: DigitalLevel
    $departement: String
    $near: NearInput
  ) {
    events(first: $first, after: $after, from: $from, to: $to, kind: $kind, level: $level, departement: $departement, near: $near) {
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
  const typedDepartement = params.get('departement')?.trim().toUpperCase() || '';
  const departement = /^(\d{2,3}|2A|2B)$/.test(typedDepartement) ? typedDepartement : null;
  const lat = Number(params.get('lat'));
  const lng = Number(params.get('lng'));
  const near = params.has('lat') && params.has('lng') && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng, radiusKm: 30 } : null;
  const month = /^\d{4}-\d{2}$/.test(params.get('mois') ?? '') ? params.get('mois')! : null;
  const view = params.get('vue') === 'mois' ? 'mois' : 'liste';

  let from: Date | null = parisMidnight(params.get('du') ?? '');
  let to: Date | null = null;
  const until = parisMidnight(params.get('au') ?? '');
  if (until) to = new Date(until.getTime() + 86_400_000);
  let shownMonth = month;
  if (view === 'mois') {
    shownMonth =
      month ??
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const [y, m] = shownMonth.split('-').map(Number);
    from = parisMidnight(`${shownMonth}-01`);
    to = parisMidnight(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`);
  }
  const data = await query(event, EVENTS, {
    first: view === 'mois' ? 100 : 20,
    after: view === 'mois' ? null : params.get('apres'),
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    kind,
    level,
    departement,
    near,
  });
  return {
    events: data.events,
    view,
    month: shownMonth,
    departementInvalid: !!typedDepartement && !departement,
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

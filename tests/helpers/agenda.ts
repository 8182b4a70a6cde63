import { Session } from '../../server/src/modules/comptes/session.entity.js';
import { hashToken, newToken } from '../../server/src/modules/comptes/tokens.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { signUp, uniqueEmail, type GraphQLClient, type TestApp } from './api.js';

export const EVENT_FIELDS = `id kind title startsAt endsAt capacity departement commune sequence confirmedCount waitlistCount remainingSeats
  registrationState canEdit calendarUrl attendanceSheetUrl dateText organizer { id name } myRegistration { status waitlistPosition }`;

export const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} series { id sessionCount sessions { id startsAt seriesPosition } } } }`;
export const UPDATE_EVENT = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const REGISTER = `mutation ($eventId: ID!) { registerToEvent(input: { eventId: $eventId }) { eventId status waitlistPosition } }`;
export const CANCEL = `mutation ($eventId: ID!) { cancelRegistration(input: { eventId: $eventId }) { eventId status } }`;
export const EVENT = `query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;

/**
 * Confirmed members made directly in the database with a session each: the API's registration is rate
 * limited per address (30 an hour), and these tests need more people than that.
 */
export async function members(
  app: TestApp,
  count: number,
  prefix = 'Membre',
): Promise<Array<{ id: string; client: GraphQLClient; name: string }>> {
  const em = app.orm.em.fork();
  const users = Array.from({ length: count }, (_, i) =>
    em.create(User, {
      email: uniqueEmail('agenda'),
      displayName: `${prefix} ${String(i + 1).padStart(3, '0')}`,
      passwordHash: null,
      // Their address confirmed, as members who registered and opened their link.
      emailVerifiedAt: new Date(),
    }),
  );
  // Signed in like after a login: a session row each (one flush for all), its token in the cookie jar.
  const tokens = users.map((user) => {
    const token = newToken();
    em.create(Session, { user, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000) });
    return token;
  });
  await em.flush();
  return users.map((user, i) => {
    const client = app.client();
    client.cookies.set(SESSION_COOKIE, tokens[i]);
    return { id: user.id, client, name: user.displayName };
  });
}

/** A signed-in organization admin and their organization. */
export async function organizer(app: TestApp, name = 'Amicale laïque de Savenay') {
  const client = app.client();
  const user = await signUp(client, 'Camille Organisatrice');
  const { createOrganization } = await client.data(
    `mutation ($name: String!) { createOrganization(input: { name: $name }) { id name slug } }`,
    { name },
  );
  return { client, user, organization: createOrganization as { id: string; name: string; slug: string } };
}

/** A date in `days` days at the given Paris wall-clock time, as "YYYY-MM-DDTHH:mm". */
export function parisLocal(days: number, time: string): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    date,
  );
  return `${day}T${time}`;
}

export function eventInput(organizationId: string, overrides: Record<string, unknown> = {}) {
  return {
    organizationId,
    kind: 'ATELIER',
    title: 'Premiers pas sur le smartphone',
    description: 'Apprendre à **envoyer un message** et à prendre une photo.',
    localStart: parisLocal(10, '14:30'),
    localEnd: parisLocal(10, '16:00'),
    address: '12 rue de la Mairie',
    postalCode: '44260',
    commune: 'Savenay',
    capacity: 12,
    level: 'DEBUTANT',
    publics: ['Seniors'],
    fees: 'Gratuit',
    ...overrides,
  };
}

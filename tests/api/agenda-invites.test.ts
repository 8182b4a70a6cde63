import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { CANCEL as CANCEL_MINE, CREATE_EVENT, EVENT, REGISTER, eventInput, members, organizer } from '../helpers/agenda.js';
import { guestWhen } from '../../server/src/modules/agenda/guest-emails.js';
import { eraseGuestData } from '../../server/src/modules/agenda/guest-registrations.js';
import { sendReminders } from '../../server/src/modules/agenda/reminders.js';

import { french } from '../helpers/french.js';
const REQUEST = `mutation ($input: RequestGuestRegistrationInput!) { requestGuestRegistration(input: $input) { message } }`;
const GUEST_FIELDS = `firstName pending status waitlistPosition canCancel calendarUrl event { id title }`;
const GUEST = `query ($token: String!) { guestRegistration(token: $token) { ${GUEST_FIELDS} } }`;
const CONFIRM = `mutation ($token: String!) { confirmGuestRegistration(input: { token: $token }) { ${GUEST_FIELDS} } }`;
const CANCEL = `mutation ($token: String!) { cancelGuestRegistration(input: { token: $token }) { ${GUEST_FIELDS} } }`;
const DESK = `mutation ($input: RegisterGuestAtDeskInput!) { registerGuestAtDesk(input: $input) { eventId status waitlistPosition } }`;
const ATTENDEES = `query ($id: ID!) { event(id: $id) { confirmedCount waitlistCount attendees { edges { node { userId displayName email phone guest status waitlistPosition } } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { publicUrl: 'https://maillage.exemple.fr' } });
});
afterAll(async () => {
  await app?.close();
});

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(text, params);
}

interface GuestEmail {
  subject: string;
  body: string;
  link: string;
}

/** The guest e-mails waiting in the outbox for `to`, oldest first. */
async function guestEmailsTo(to: string): Promise<GuestEmail[]> {
  const rows = await sql<{ subject: string; payload: { plain: { body: string; link: string } } }>(
    `select subject, payload from email_outbox where to_address = ? and kind = 'agenda.guest' order by created_at, id`,
    [to.toLowerCase()],
  );
  return rows.map((row) => ({ subject: row.subject, body: row.payload.plain.body, link: row.payload.plain.link }));
}

async function latestToken(to: string): Promise<string> {
  const emails = await guestEmailsTo(to);
  expect(emails.length).toBeGreaterThan(0);
  return emails[emails.length - 1].link.replace('/agenda/invite/', '');
}

let counter = 0;
function guestAddress(name: string): string {
  counter += 1;
  return `${name}.${counter}.${Date.now()}@exemple.fr`;
}

async function anEvent(overrides: Record<string, unknown> = {}) {
  const organizerOf = await organizer(app, `Médiathèque invitée ${Math.random().toString(36).slice(2, 8)}`);
  const { createEvent: event } = await organizerOf.client.data(CREATE_EVENT, {
    input: eventInput(organizerOf.organization.id, { title: 'Atelier ouvert à tous', ...overrides }),
  });
  return { ...organizerOf, event };
}

async function registerGuest(eventId: string, firstName: string, email: string): Promise<string> {
  const { requestGuestRegistration } = await app.client().data(REQUEST, { input: { eventId, firstName, email, consent: true } });
  expect(requestGuestRegistration.message).toMatch(/^Vérifiez votre boîte e-mail/);
  return latestToken(email);
}

describe('registering without an account', () => {
  it('e-mails a link; confirming takes a seat, then the waitlist once full; no account is created', async () => {
    const { client, event } = await anEvent({ capacity: 2 });
    const [member] = await members(app, 1, 'Membre inscrit');
    await member.client.data(REGISTER, { eventId: event.id });
    const usersBefore = (await sql(`select count(*)::int as n from app_user`))[0].n;

    const alice = guestAddress('alice');
    const aliceToken = await registerGuest(event.id, 'Alice', alice);
    const [mail] = await guestEmailsTo(alice);
    expect(mail.subject).toBe(french('Maillage — Confirmez votre inscription : Atelier ouvert à tous'));
    expect(mail.body).toContain('valable 48 heures');

    // Not confirmed yet: no seat held.
    expect((await app.client().data(EVENT, { id: event.id })).event.confirmedCount).toBe(1);
    const pending = (await app.client().data(GUEST, { token: aliceToken })).guestRegistration;
    expect(pending).toMatchObject({ firstName: 'Alice', pending: true, status: null, canCancel: false, calendarUrl: null });

    const confirmed = (await app.client().data(CONFIRM, { token: aliceToken })).confirmGuestRegistration;
    expect(confirmed).toMatchObject({ pending: false, status: 'CONFIRMED', waitlistPosition: null, canCancel: true });
    expect(confirmed.calendarUrl).toBe(`https://maillage.exemple.fr/ical/invites/${aliceToken}.ics`);
    expect((await app.client().data(EVENT, { id: event.id })).event).toMatchObject({ confirmedCount: 2, remainingSeats: 0 });

    // Full: the next guest waits, like a member would.
    const bob = guestAddress('bob');
    const bobToken = await registerGuest(event.id, 'Bob', bob);
    expect((await app.client().data(CONFIRM, { token: bobToken })).confirmGuestRegistration).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });

    // The organizers see guests on the list and the attendance sheet.
    const { event: seen } = await client.data(ATTENDEES, { id: event.id });
    expect(seen).toMatchObject({ confirmedCount: 2, waitlistCount: 1 });
    const names = seen.attendees.edges.map((edge: any) => [edge.node.displayName, edge.node.guest, edge.node.status]);
    expect(names).toContainEqual(['Alice (sans compte)', true, 'CONFIRMED']);
    expect(names).toContainEqual(['Bob (sans compte)', true, 'WAITLISTED']);
    const csv = await fetch(`${app.url}/api/agenda/events/${event.id}/emargement.csv`, {
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const sheet = await csv.text();
    expect(sheet).toContain('Alice (sans compte)');
    expect(sheet).toContain(alice);

    // The calendar file from the private page.
    const ics = await fetch(`${app.url}/ical/invites/${aliceToken}.ics`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('SUMMARY:Atelier ouvert à tous');
    expect((await fetch(`${app.url}/ical/invites/nimportequoi.ics`)).status).toBe(404);

    // No account was made from these addresses.
    expect((await sql(`select count(*)::int as n from app_user`))[0].n).toBe(usersBefore);
    expect(await sql(`select id from app_user where email in (?, ?)`, [alice, bob])).toHaveLength(0);
  });

  it('cancelling by the private link frees the seat: the first waiting guest gets it and an e-mail with their link', async () => {
    const { event } = await anEvent({ capacity: 1 });
    const first = guestAddress('premiere');
    const second = guestAddress('seconde');
    const firstToken = await registerGuest(event.id, 'Première', first);
    await app.client().data(CONFIRM, { token: firstToken });
    const secondToken = await registerGuest(event.id, 'Seconde', second);
    expect((await app.client().data(CONFIRM, { token: secondToken })).confirmGuestRegistration.status).toBe('WAITLISTED');

    const cancelled = (await app.client().data(CANCEL, { token: firstToken })).cancelGuestRegistration;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', canCancel: false });
    expect((await app.client().error(CANCEL, { token: firstToken })).message).toBe('Cette inscription est déjà annulée.');

    const promotedMails = await guestEmailsTo(second);
    const promotion = promotedMails[promotedMails.length - 1];
    expect(promotion.subject).toBe(french('Maillage — Une place s’est libérée : Atelier ouvert à tous'));
    // The new link and the first one both lead to the (now confirmed) registration.
    const viaNewLink = (await app.client().data(GUEST, { token: promotion.link.replace('/agenda/invite/', '') })).guestRegistration;
    expect(viaNewLink).toMatchObject({ firstName: 'Seconde', status: 'CONFIRMED' });
    expect((await app.client().data(GUEST, { token: secondToken })).guestRegistration.status).toBe('CONFIRMED');
    expect((await app.client().data(EVENT, { id: event.id })).event).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
  });

  it('answers the same for a known and an unknown address; the known one is led back to its registration', async () => {
    const { event } = await anEvent();
    const known = guestAddress('connue');
    const token = await registerGuest(event.id, 'Connue', known);
    await app.client().data(CONFIRM, { token });

    const again = await app.client().request(REQUEST, { input: { eventId: event.id, firstName: 'Connue', email: known, consent: true } });
    const fresh = await app
      .client()
      .request(REQUEST, { input: { eventId: event.id, firstName: 'Inconnue', email: guestAddress('inconnue'), consent: true } });
    expect(again.data).toEqual(fresh.data);
    expect(again.errors).toBeUndefined();

    // The second link opens the same registration: no second seat.
    const second = await latestToken(known);
    expect(second).not.toBe(token);
    expect((await app.client().data(CONFIRM, { token: second })).confirmGuestRegistration.status).toBe('CONFIRMED');
    expect((await app.client().data(EVENT, { id: event.id })).event.confirmedCount).toBe(1);
  });

  it('refuses an event that does not take guests, bad input, and links that are not valid or expired', async () => {
    const { event: formation } = await anEvent({ kind: 'FORMATION' });
    const refused = await app
      .client()
      .error(REQUEST, { input: { eventId: formation.id, firstName: 'Zoé', email: guestAddress('zoe'), consent: true } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/^Cet événement n’accepte pas d’inscription sans compte/);

    // Ateliers take guests by default; the organizers may say no.
    const { client, event } = await anEvent();
    expect((await client.data(`query ($id: ID!) { event(id: $id) { guestsAllowed } }`, { id: event.id })).event.guestsAllowed).toBe(true);
    await client.data(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { id guestsAllowed } }`, {
      input: { id: event.id, guestsAllowed: false },
    });
    expect(
      (await app.client().error(REQUEST, { input: { eventId: event.id, firstName: 'Zoé', email: guestAddress('zoe'), consent: true } }))
        .extensions?.code,
    ).toBe('FORBIDDEN');

    const { event: open } = await anEvent();
    const bad = await app
      .client()
      .error(REQUEST, { input: { eventId: open.id, firstName: ' ', email: 'pas-une-adresse', consent: false } });
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(bad.extensions?.fields ?? {})).toEqual(expect.arrayContaining(['firstName', 'email', 'consent']));

    expect((await app.client().data(GUEST, { token: 'inconnu' })).guestRegistration).toBeNull();
    expect((await app.client().error(CONFIRM, { token: 'inconnu' })).extensions?.code).toBe('NOT_FOUND');
    const late = guestAddress('tardive');
    const lateToken = await registerGuest(open.id, 'Tardive', late);
    await sql(`update event_guest_link set expires_at = now() - interval '1 minute' where email = ?`, [late]);
    expect((await app.client().error(CONFIRM, { token: lateToken })).message).toMatch(/^Ce lien n’est pas valable/);
  });

  it('lets only the organizers register someone at the desk by name and phone', async () => {
    const { client, event } = await anEvent({ capacity: 1 });
    const [stranger] = await members(app, 1, 'Curieux');
    const refused = await stranger.client.error(DESK, { input: { eventId: event.id, name: 'Jeanne', phone: '06 12 34 56 78' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().error(DESK, { input: { eventId: event.id, name: 'Jeanne' } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await client.error(DESK, { input: { eventId: event.id, name: 'Jeanne', phone: '12' } })).extensions?.fields?.phone,
    ).toBeTruthy();

    expect(
      (await client.data(DESK, { input: { eventId: event.id, name: 'Jeanne', phone: '0612345678' } })).registerGuestAtDesk.status,
    ).toBe('CONFIRMED');
    expect((await client.data(DESK, { input: { eventId: event.id, name: 'Marcel' } })).registerGuestAtDesk).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
    const { event: seen } = await client.data(ATTENDEES, { id: event.id });
    expect(seen.attendees.edges[0].node).toMatchObject({
      userId: null,
      displayName: 'Jeanne (sans compte)',
      phone: '06 12 34 56 78',
      email: null,
      guest: true,
    });
  });

  it('erases guests three months after the event, keeping an anonymous seat', async () => {
    const { client, event } = await anEvent();
    const address = guestAddress('effacee');
    const token = await registerGuest(event.id, 'Effacée', address);
    await app.client().data(CONFIRM, { token });
    await client.data(DESK, { input: { eventId: event.id, name: 'Au guichet', phone: '0240000000' } });

    const em = app.orm.em.fork();
    await em.transactional((tx) => eraseGuestData(tx));
    expect(await sql(`select guest_first_name from event_registration where event_id = ? and user_id is null`, [event.id])).toHaveLength(2);
    expect((await app.client().data(GUEST, { token })).guestRegistration.firstName).toBe('Effacée');

    // Two months later: still kept. Four months later: erased.
    await sql(
      `update agenda_event set starts_at = now() - interval '2 months 2 hours', ends_at = now() - interval '2 months' where id = ?`,
      [event.id],
    );
    await app.orm.em.fork().transactional((tx) => eraseGuestData(tx));
    expect((await app.client().data(GUEST, { token })).guestRegistration).not.toBeNull();
    await sql(
      `update agenda_event set starts_at = now() - interval '4 months 2 hours', ends_at = now() - interval '4 months' where id = ?`,
      [event.id],
    );
    await app.orm.em.fork().transactional((tx) => eraseGuestData(tx));
    const rows = await sql(
      `select guest_first_name, guest_email, guest_phone, status from event_registration where event_id = ? and user_id is null`,
      [event.id],
    );
    expect(rows).toEqual([
      { guest_first_name: '', guest_email: null, guest_phone: null, status: 'confirmed' },
      { guest_first_name: '', guest_email: null, guest_phone: null, status: 'confirmed' },
    ]);
    expect((await app.client().data(GUEST, { token })).guestRegistration).toBeNull();
    expect(await sql(`select 1 from event_registration where guest_email = ?`, [address])).toHaveLength(0);
  });

  it('reminds a confirmed guest by e-mail the day before, and tells them when the organizers cancel', async () => {
    const { client, event } = await anEvent();
    const address = guestAddress('rappel');
    await app.client().data(CONFIRM, { token: await registerGuest(event.id, 'Rappel', address) });
    await sql(`update agenda_event set starts_at = now() + interval '20 hours', ends_at = now() + interval '22 hours' where id = ?`, [
      event.id,
    ]);
    await sql(`update event_registration set created_at = now() - interval '3 days' where event_id = ?`, [event.id]);
    await app.orm.em.fork().transactional((tx) => sendReminders(tx, 'day-before'));
    const reminder = (await guestEmailsTo(address)).at(-1)!;
    expect(reminder.subject).toBe(french('Maillage — Rappel : Atelier ouvert à tous'));
    expect(reminder.body).toContain('12 rue de la Mairie');
    expect((await app.client().data(GUEST, { token: reminder.link.replace('/agenda/invite/', '') })).guestRegistration.status).toBe(
      'CONFIRMED',
    );

    await client.data(`mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { id } }`, {
      input: { eventId: event.id, reason: 'Salle indisponible.' },
    });
    const cancelled = (await guestEmailsTo(address)).at(-1)!;
    expect(cancelled.subject).toBe(french('Maillage — Événement annulé : Atelier ouvert à tous'));
    expect(cancelled.body).toContain(french('Motif : Salle indisponible.'));
  });

  it('limits requests per address and per connection', async () => {
    const { event } = await anEvent();
    const address = guestAddress('pressee');
    for (let i = 0; i < 3; i += 1) {
      await app.client().data(REQUEST, { input: { eventId: event.id, firstName: 'Pressée', email: address, consent: true } });
    }
    const limited = await app
      .client()
      .error(REQUEST, { input: { eventId: event.id, firstName: 'Pressée', email: address, consent: true } });
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(await guestEmailsTo(address)).toHaveLength(3);

    // This connection already asked many times this hour (counted as the rate limit counts).
    await sql(`update rate_limit set hits = 1000 where key like 'guest-register-ip:%'`);
    const fromHere = await app
      .client()
      .error(REQUEST, { input: { eventId: event.id, firstName: 'Autre', email: guestAddress('autre'), consent: true } });
    expect(fromHere.extensions?.code).toBe('RATE_LIMITED');
    expect(fromHere.message).toBe('Trop de demandes depuis cette connexion. Patientez une heure.');
  });
});

const WRITE = `mutation ($input: MessageRegistrantsInput!) { messageRegistrants(input: $input) { recipientCount unreachableCount } }`;
const REACH = `query ($id: ID!) { event(id: $id) { messageReach { confirmedReachable confirmedUnreachable waitlistedReachable waitlistedUnreachable } } }`;
const REMOVE = `mutation ($id: ID!) { removeRegistration(input: { registrationId: $id }) { capacity confirmedCount waitlistCount } }`;
const PROMOTE = `mutation ($id: ID!) { promoteRegistration(input: { registrationId: $id }) { capacity confirmedCount waitlistCount } }`;
const LIST = `query ($id: ID!) { event(id: $id) { attendees { edges { node { registrationId displayName status waitlistPosition } } } } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message } } } }`;

async function registrationOf(client: any, eventId: string, displayName: string): Promise<string> {
  const { event } = await client.data(LIST, { id: eventId });
  const found = event.attendees.edges.find((edge: any) => edge.node.displayName === displayName);
  expect(found, displayName).toBeTruthy();
  return found.node.registrationId;
}

describe('organizers and the registrations without an account', () => {
  // The test above spent this connection's guest requests of the hour.
  beforeEach(async () => {
    await sql('delete from rate_limit');
  });

  it('"Écrire aux inscrits" e-mails the guests with an address and counts the desk registrations it cannot reach', async () => {
    const { client, event } = await anEvent({ capacity: 10 });
    const address = guestAddress('lectrice');
    await app.client().data(CONFIRM, { token: await registerGuest(event.id, 'Lucie', address) });
    await client.data(DESK, { input: { eventId: event.id, name: 'Jeanne', phone: '0612345678' } });

    expect((await client.data(REACH, { id: event.id })).event.messageReach).toEqual({
      confirmedReachable: 1,
      confirmedUnreachable: 1,
      waitlistedReachable: 0,
      waitlistedUnreachable: 0,
    });
    const [stranger] = await members(app, 1, 'Curieux');
    expect((await stranger.client.data(REACH, { id: event.id })).event.messageReach).toBeNull();

    const { messageRegistrants } = await client.data(WRITE, { input: { eventId: event.id, body: 'Rendez-vous salle 2.' } });
    expect(messageRegistrants).toEqual({ recipientCount: 1, unreachableCount: 1 });
    const mail = (await guestEmailsTo(address)).at(-1)!;
    expect(mail.subject).toBe(french('Maillage — Message des organisateurs : Atelier ouvert à tous'));
    expect(mail.body).toMatch(/^Message des organisateurs de «\u00a0Atelier ouvert à tous\u00a0» \(.+\)\u00a0: Rendez-vous salle 2\.$/);
    expect(mail.link).toMatch(/^\/agenda\/invite\//);
  });

  it('"Écrire aux inscrits" reads its recipients in one statement and writes the guests\' links at once: as many statements for 6 guests as for 2', async () => {
    const sent = async (guests: number) => {
      const { client, event } = await anEvent({ capacity: 20 });
      const addresses: string[] = [];
      for (let i = 0; i < guests; i += 1) {
        const address = guestAddress(`lecteur${i}`);
        await app.client().data(CONFIRM, { token: await registerGuest(event.id, `Lecteur ${i}`, address) });
        addresses.push(address);
      }
      await client.data(DESK, { input: { eventId: event.id, name: 'Au guichet', phone: '0612345678' } });
      await sql('delete from rate_limit');
      const counted = await app.countStatements(() => client.data(WRITE, { input: { eventId: event.id, body: 'Salle 4.' } }));
      expect(counted.result.messageRegistrants).toEqual({ recipientCount: guests, unreachableCount: 1 });
      // Each guest still gets the message, with a link of their own to their page.
      const links = new Set<string>();
      for (const address of addresses) {
        const mail = (await guestEmailsTo(address)).at(-1)!;
        expect(mail.body).toMatch(/\u00a0: Salle 4\.$/);
        links.add(mail.link);
        const page = (await app.client().data(GUEST, { token: mail.link.replace('/agenda/invite/', '') })).guestRegistration;
        expect(page.status).toBe('CONFIRMED');
      }
      expect(links.size).toBe(guests);
      return counted;
    };
    const few = await sent(2);
    const more = await sent(6);
    expect(more.statements).toBe(few.statements);
    expect(few.sql.filter((statement) => /from "?event_registration"?/i.test(statement))).toHaveLength(1);
  });

  it('a message to a whole cycle e-mails each guest address once, naming the session they are registered to', async () => {
    const { client, event } = await anEvent({ weeklySessions: 3 });
    const [one, two] = [event.series.sessions[0], event.series.sessions[1]];
    const [both, second] = [guestAddress('deux-seances'), guestAddress('seconde-seance')];
    await client.data(DESK, { input: { eventId: one.id, name: 'Berthe', email: both } });
    await client.data(DESK, { input: { eventId: two.id, name: 'Berthe', email: both } });
    await client.data(DESK, { input: { eventId: two.id, name: 'Simone', email: second } });
    const { messageRegistrants } = await client.data(WRITE, { input: { eventId: one.id, body: 'Salle 4 désormais.', wholeCycle: true } });
    expect(messageRegistrants).toEqual({ recipientCount: 2, unreachableCount: 0 });
    // Past the e-mail each desk registration sent at once (one per session), the message comes once per address.
    const messagesTo = async (to: string) => (await guestEmailsTo(to)).filter((mail) => mail.subject.includes('Message des organisateurs'));
    const [toBoth, toSecond] = [await messagesTo(both), await messagesTo(second)];
    expect([toBoth.length, toSecond.length]).toEqual([1, 1]);
    // Each says the session of its registration (this one first), on the clock of its place.
    const when = (startsAt: string) => guestWhen({ startsAt: new Date(startsAt), departement: event.departement }, 'fr');
    expect(toBoth[0].body).toContain(`(${when(one.startsAt)})`);
    expect(toSecond[0].body).toContain(`(${when(two.startsAt)})`);
    const simone = (await app.client().data(GUEST, { token: toSecond[0].link.replace('/agenda/invite/', '') })).guestRegistration;
    expect(simone).toMatchObject({ firstName: 'Simone', event: { id: two.id } });
  });

  it('lets only the organizers remove a registration or confirm someone waiting; seats stay counted', async () => {
    const { client, event } = await anEvent({ capacity: 2 });
    const [seated, waiting, third, stranger] = await members(app, 4, 'Gestion');
    await seated.client.data(REGISTER, { eventId: event.id });
    await client.data(DESK, { input: { eventId: event.id, name: 'Erreur de saisie' } });
    await waiting.client.data(REGISTER, { eventId: event.id });
    await third.client.data(REGISTER, { eventId: event.id });
    const mistake = await registrationOf(client, event.id, 'Erreur de saisie (sans compte)');
    const thirdId = await registrationOf(client, event.id, third.name);

    // Refusals: a visitor, a member who does not organize it (even the person registered), an unknown id.
    expect((await app.client().error(REMOVE, { id: mistake })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stranger.client.error(REMOVE, { id: mistake })).extensions?.code).toBe('FORBIDDEN');
    expect((await seated.client.error(PROMOTE, { id: thirdId })).extensions?.code).toBe('FORBIDDEN');
    expect((await client.error(REMOVE, { id: '00000000-0000-4000-8000-000000000000' })).message).toBe(
      'Cette inscription n’existe pas ou plus.',
    );
    expect((await client.error(PROMOTE, { id: mistake })).message).toBe('Cette personne n’est pas sur la liste d’attente.');
    expect((await client.data(EVENT, { id: event.id })).event).toMatchObject({ confirmedCount: 2, waitlistCount: 2 });

    // Removing the desk mistake frees its seat: the first person waiting gets it and is told, as when people cancel.
    expect((await client.data(REMOVE, { id: mistake })).removeRegistration).toEqual({ capacity: 2, confirmedCount: 2, waitlistCount: 1 });
    expect((await waiting.client.data(EVENT, { id: event.id })).event.myRegistration.status).toBe('CONFIRMED');
    const told = (await waiting.client.data(NOTIFICATIONS)).notifications.edges.map((edge: any) => edge.node.kind);
    expect(told).toContain('agenda.promoted');
    expect((await client.error(REMOVE, { id: mistake })).message).toBe('Cette inscription est déjà annulée.');

    // Confirming the next one on a full event adds one seat: never more people confirmed than seats.
    expect((await client.data(PROMOTE, { id: thirdId })).promoteRegistration).toEqual({ capacity: 3, confirmedCount: 3, waitlistCount: 0 });
    expect((await third.client.data(EVENT, { id: event.id })).event).toMatchObject({
      myRegistration: { status: 'CONFIRMED', waitlistPosition: null },
      remainingSeats: 0,
    });

    // A member removed is told; their seat goes back (nobody waits any more).
    const seatedId = await registrationOf(client, event.id, seated.name);
    expect((await client.data(REMOVE, { id: seatedId })).removeRegistration).toEqual({ capacity: 3, confirmedCount: 2, waitlistCount: 0 });
    expect((await seated.client.data(EVENT, { id: event.id })).event.myRegistration).toBeNull();
    const removedNotice = (await seated.client.data(NOTIFICATIONS)).notifications.edges.map((edge: any) => edge.node);
    expect(removedNotice[0]).toMatchObject({ kind: 'agenda.changed' });
    expect(removedNotice[0].message).toMatch(
      /^Les organisateurs de «\u00a0Atelier ouvert à tous\u00a0» du .+ ont annulé votre inscription\.$/,
    );
  });

  it('leaves the registrations of a cancelled event as they were: the organizers are refused, and a seat freed gives nobody a place', async () => {
    const { client, event } = await anEvent({ capacity: 1 });
    const [seated, waiting] = await members(app, 2, 'Annulé');
    await seated.client.data(REGISTER, { eventId: event.id });
    await waiting.client.data(REGISTER, { eventId: event.id });
    await client.data(`mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { id } }`, { input: { eventId: event.id } });
    const [seatedId, waitingId] = [
      await registrationOf(client, event.id, seated.name),
      await registrationOf(client, event.id, waiting.name),
    ];
    for (const refused of [await client.error(REMOVE, { id: seatedId }), await client.error(PROMOTE, { id: waitingId })]) {
      expect(refused.extensions?.code).toBe('CONFLICT');
      expect(refused.message).toBe(french('Cet événement est annulé : ses inscriptions ne peuvent plus être modifiées.'));
    }
    // Its holder may still cancel it (agenda/registrations.service.ts, freeRegistration): the people waiting are not told of a seat.
    await seated.client.data(CANCEL_MINE, { eventId: event.id });
    expect((await waiting.client.data(EVENT, { id: event.id })).event.myRegistration.status).toBe('WAITLISTED');
    const told = (await waiting.client.data(NOTIFICATIONS)).notifications.edges.map((edge: any) => edge.node.kind);
    expect(told).not.toContain('agenda.promoted');
  });

  it('refuses to remove or confirm anyone once the event is over, and tells nobody', async () => {
    const { client, event } = await anEvent({ capacity: 1 });
    const [seated, waiting] = await members(app, 2, 'Terminé');
    await seated.client.data(REGISTER, { eventId: event.id });
    await waiting.client.data(REGISTER, { eventId: event.id });
    const [seatedId, waitingId] = [
      await registrationOf(client, event.id, seated.name),
      await registrationOf(client, event.id, waiting.name),
    ];
    await sql(`update agenda_event set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ?`, [
      event.id,
    ]);
    for (const refused of [await client.error(REMOVE, { id: seatedId }), await client.error(PROMOTE, { id: waitingId })]) {
      expect(refused.extensions?.code).toBe('CONFLICT');
      expect(refused.message).toBe(french('Cet événement est terminé : ses inscriptions ne peuvent plus être modifiées.'));
    }
    expect((await client.data(EVENT, { id: event.id })).event).toMatchObject({ confirmedCount: 1, waitlistCount: 1, capacity: 1 });
    expect((await seated.client.data(NOTIFICATIONS)).notifications.edges).toHaveLength(0);
    expect((await waiting.client.data(NOTIFICATIONS)).notifications.edges).toHaveLength(0);
  });

  it('e-mails a guest whom the organizers remove', async () => {
    const { client, event } = await anEvent();
    const address = guestAddress('retiree');
    await app.client().data(CONFIRM, { token: await registerGuest(event.id, 'Rita', address) });
    await client.data(REMOVE, { id: await registrationOf(client, event.id, 'Rita (sans compte)') });
    const mail = (await guestEmailsTo(address)).at(-1)!;
    expect(mail.subject).toBe(french('Maillage — Inscription annulée : Atelier ouvert à tous'));
    expect(mail.body).toMatch(/ont annulé votre inscription/);
  });

  it("keeps an address given at the desk like an online guest's: counted as reachable, written to, told when removed", async () => {
    const { client, event } = await anEvent({ capacity: 1 });
    const [seated] = await members(app, 1, 'Place prise');
    await seated.client.data(REGISTER, { eventId: event.id });
    const address = guestAddress('guichet');
    const desk = await client.data(DESK, {
      input: { eventId: event.id, name: 'Gisèle', phone: '0612345678', email: `  ${address.toUpperCase()} ` },
    });
    expect(desk.registerGuestAtDesk).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    // At once, the e-mail an online guest gets: the link of her page, saying the organizers registered her at the desk.
    const [welcome, ...others] = await guestEmailsTo(address);
    expect(others).toEqual([]);
    expect(welcome.subject).toBe(french('Maillage — Votre inscription : Atelier ouvert à tous'));
    expect(welcome.body).toBe(
      french(
        `Les organisateurs de « Atelier ouvert à tous » (${guestWhen({ startsAt: new Date(event.startsAt), departement: event.departement }, 'fr')}) vous ont inscrit·e à l’accueil : vous êtes sur la liste d’attente, en 1re position : un e-mail vous le dira si une place se libère. Ce lien mène à la page de votre inscription : gardez ce message pour l’ajouter à votre agenda ou l’annuler (la place ira alors à la personne suivante).`,
      ),
    );
    const welcomed = (await app.client().data(GUEST, { token: welcome.link.replace('/agenda/invite/', '') })).guestRegistration;
    expect(welcomed).toMatchObject({ firstName: 'Gisèle', pending: false, status: 'WAITLISTED', waitlistPosition: 1, canCancel: true });
    const { event: seen } = await client.data(ATTENDEES, { id: event.id });
    expect(seen.attendees.edges.map((edge: any) => edge.node)).toContainEqual(
      expect.objectContaining({ displayName: 'Gisèle (sans compte)', email: address, phone: '06 12 34 56 78', guest: true }),
    );
    // Stored where an online guest's address is: one shape for both.
    expect(await sql(`select guest_email, guest_phone from event_registration where event_id = ? and user_id is null`, [event.id])).toEqual(
      [{ guest_email: address, guest_phone: '06 12 34 56 78' }],
    );

    // "Écrire aux inscrits" counts her among those it reaches, then e-mails her with the link of her page.
    expect((await client.data(REACH, { id: event.id })).event.messageReach).toEqual({
      confirmedReachable: 1,
      confirmedUnreachable: 0,
      waitlistedReachable: 1,
      waitlistedUnreachable: 0,
    });
    const { messageRegistrants } = await client.data(WRITE, {
      input: { eventId: event.id, body: 'Apportez un stylo.', includesWaitlisted: true },
    });
    expect(messageRegistrants).toEqual({ recipientCount: 2, unreachableCount: 0 });
    const message = (await guestEmailsTo(address)).at(-1)!;
    expect(message.subject).toBe(french('Maillage — Message des organisateurs : Atelier ouvert à tous'));
    expect(message.body).toMatch(/Apportez un stylo\.$/);
    const page = (await app.client().data(GUEST, { token: message.link.replace('/agenda/invite/', '') })).guestRegistration;
    expect(page).toMatchObject({ firstName: 'Gisèle', status: 'WAITLISTED', waitlistPosition: 1 });

    // A seat freed: she is confirmed and told by e-mail, as an online guest is.
    await client.data(REMOVE, { id: await registrationOf(client, event.id, seated.name) });
    expect((await guestEmailsTo(address)).at(-1)!.subject).toBe(french('Maillage — Une place s’est libérée : Atelier ouvert à tous'));
    // Removed by the organizers: told too.
    await client.data(REMOVE, { id: await registrationOf(client, event.id, 'Gisèle (sans compte)') });
    expect((await guestEmailsTo(address)).at(-1)!.subject).toBe(french('Maillage — Inscription annulée : Atelier ouvert à tous'));
  });

  it("checks the desk's e-mail address: a clear message next to the field, nothing registered, one registration per address", async () => {
    const { client, event } = await anEvent();
    const refused = await client.error(DESK, { input: { eventId: event.id, name: 'Gisèle', email: 'gisele@exemple' } });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.fields?.email).toBe(french('Cette adresse e-mail n’est pas valide (exemple : prenom.nom@exemple.fr).'));
    const tooLong = await client.error(DESK, { input: { eventId: event.id, name: 'Gisèle', email: `${'a'.repeat(250)}@exemple.fr` } });
    expect(tooLong.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await client.data(EVENT, { id: event.id })).event.confirmedCount).toBe(0);

    // The address of someone who registered online already: the organizers find them in their list instead.
    const address = guestAddress('deja');
    await app.client().data(CONFIRM, { token: await registerGuest(event.id, 'Déjà', address) });
    const twice = await client.error(DESK, { input: { eventId: event.id, name: 'Déjà là', email: address } });
    expect(twice.extensions?.fields?.email).toBe(
      french('Cette adresse e-mail est déjà inscrite à cet événement : retrouvez la personne dans la liste des inscriptions.'),
    );
    expect((await client.data(EVENT, { id: event.id })).event.confirmedCount).toBe(1);
    // An empty address is no address: no e-mail.
    const guestEmails = async () => (await sql(`select count(*)::int as n from email_outbox where kind = 'agenda.guest'`))[0].n;
    const before = await guestEmails();
    expect((await client.data(DESK, { input: { eventId: event.id, name: 'Sans adresse', email: '  ' } })).registerGuestAtDesk.status).toBe(
      'CONFIRMED',
    );
    expect(await guestEmails()).toBe(before);
    // A seat taken at the desk with an address: the person is told it is kept, with the link of their page.
    const seated = guestAddress('assise');
    expect((await client.data(DESK, { input: { eventId: event.id, name: 'Assise', email: seated } })).registerGuestAtDesk.status).toBe(
      'CONFIRMED',
    );
    const [welcome, ...others] = await guestEmailsTo(seated);
    expect(others).toEqual([]);
    expect(welcome.body).toMatch(
      /vous ont inscrit·e à l’accueil\u00a0: votre place est retenue\. Ce lien mène à la page de votre inscription/,
    );
    const page = (await app.client().data(GUEST, { token: welcome.link.replace('/agenda/invite/', '') })).guestRegistration;
    expect(page).toMatchObject({ firstName: 'Assise', status: 'CONFIRMED', canCancel: true });
  });

  it('says "Nom ou prénom" in the desk form\'s error too', async () => {
    const { client, event } = await anEvent();
    const refused = await client.error(DESK, { input: { eventId: event.id, name: '  ' } });
    expect(refused.extensions?.fields?.name).toBe('Indiquez le nom ou le prénom de la personne.');
  });
});

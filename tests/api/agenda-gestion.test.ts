import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberRole, Membership } from '../../server/src/modules/reseau/membership.entity.js';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { parisDayAndMonth, french } from '../helpers/french.js';
import { CREATE_EVENT, EVENT, REGISTER, UPDATE_EVENT, eventInput, members, organizer, parisLocal } from '../helpers/agenda.js';

const DELETE = `mutation ($eventId: ID!) { deleteEvent(input: { eventId: $eventId }) }`;
const PUBLISH = `mutation ($eventId: ID!) { publishEvent(input: { eventId: $eventId }) { id publishedAt } }`;
const ACCEPT = `mutation ($input: CoOrganizationAnswerInput!) { acceptCoOrganization(input: $input) { status organization { name } } }`;
const DECLINE = `mutation ($input: CoOrganizationAnswerInput!) { declineCoOrganization(input: $input) { status } }`;
const CO = `query ($id: ID!) { event(id: $id) { id canEdit coOrganizers { id name }
  coOrganizerInvitations { status organization { id name } } myCoOrganizationInvitations { status organization { id } } } }`;
const SESSION = `query ($id: ID!) { event(id: $id) { id title startsAt capacity sequence cancelledAt previousStartAt } }`;
const CANCEL_EVENT = `mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { id } }`;
const ATTENDEES = `query ($id: ID!) { event(id: $id) { attendees { totalCount } } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;
const AGENDA = `{ events(first: 100) { edges { node { id title } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { publicUrl: 'https://maillage.exemple.fr' } });
});
afterAll(async () => {
  await app?.close();
});

const parisClock = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

async function listedIds(): Promise<string[]> {
  return (await app.client().data(AGENDA)).events.edges.map((edge: any) => edge.node.id);
}

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, values);
}

describe('drafts', () => {
  it('only its organizers see a draft, and may delete it; nobody registers to it', async () => {
    const { client, organization } = await organizer(app, 'Centre social des Brouillons');
    const { createEvent: draft } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier pas encore prêt', draft: true }),
    });
    expect(await listedIds()).not.toContain(draft.id);
    expect((await app.client().data(EVENT, { id: draft.id })).event).toBeNull();
    expect((await client.data(`query ($id: ID!) { event(id: $id) { id publishedAt } }`, { id: draft.id })).event).toEqual({
      id: draft.id,
      publishedAt: null,
    });
    const [stranger] = await members(app, 1, 'Curieux');
    expect((await stranger.client.error(REGISTER, { eventId: draft.id })).extensions?.code).toBe('NOT_FOUND');
    const refused = await stranger.client.error(DELETE, { eventId: draft.id });
    expect(refused.extensions?.code).toBe('FORBIDDEN');

    expect((await client.data(DELETE, { eventId: draft.id })).deleteEvent).toBe(true);
    expect((await client.data(EVENT, { id: draft.id })).event).toBeNull();
    expect((await client.error(DELETE, { eventId: draft.id })).extensions?.code).toBe('NOT_FOUND');
  });

  it('a published event cannot be deleted: the organizers are told to cancel it', async () => {
    const { client, organization } = await organizer(app, 'Centre social des Publications');
    const { createEvent: draft } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier bientôt publié', draft: true }),
    });
    const { publishEvent } = await client.data(PUBLISH, { eventId: draft.id });
    expect(publishEvent.publishedAt).toBeTruthy();
    expect(await listedIds()).toContain(draft.id);
    const [person] = await members(app, 1, 'Inscrite');
    expect((await person.client.data(REGISTER, { eventId: draft.id })).registerToEvent.status).toBe('CONFIRMED');

    const refused = await client.error(DELETE, { eventId: draft.id });
    expect(refused.extensions?.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      french('Cet événement est publié : il ne peut plus être supprimé. Annulez-le plutôt, les personnes inscrites seront prévenues.'),
    );
    expect((await app.client().data(EVENT, { id: draft.id })).event.id).toBe(draft.id);
  });
});

describe('editing a whole cycle', () => {
  async function cycle(name: string) {
    const { client, organization } = await organizer(app, name);
    const { createEvent: first } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, {
        title: 'Cycle tablette',
        weeklySessions: 4,
        capacity: 10,
        localStart: parisLocal(3, '14:30'),
        localEnd: parisLocal(3, '16:00'),
      }),
    });
    const sessions: Array<{ id: string }> = first.series.sessions;
    return { client, organization, sessions };
  }

  it('changes the sessions to come only (not past, not cancelled ones), notifies their registered people once', async () => {
    const { client, sessions } = await cycle('Médiathèque des Cycles');
    const [s1, s2, s3, s4] = sessions;
    // The first session is over (moved into the past directly), the third one cancelled.
    await sql(
      `update agenda_event set starts_at = now() - interval '7 days', ends_at = now() - interval '7 days' + interval '90 minutes' where id = ?`,
      [s1!.id],
    );
    await client.data(CANCEL_EVENT, { input: { eventId: s3!.id } });
    const [person] = await members(app, 1, 'Fidèle');
    await person.client.data(REGISTER, { eventId: s4!.id });
    const before = Object.fromEntries(await Promise.all(sessions.map(async ({ id }) => [id, (await client.data(SESSION, { id })).event])));
    const s2Day = before[s2!.id].startsAt;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(s2Day));

    await client.data(UPDATE_EVENT, {
      input: {
        id: s2!.id,
        wholeCycle: true,
        title: 'Cycle tablette (nouvel horaire)',
        localStart: `${day}T15:00`,
        localEnd: `${day}T16:30`,
      },
    });
    const after = async (id: string) => (await client.data(SESSION, { id })).event;
    for (const id of [s2!.id, s4!.id]) {
      const session = await after(id);
      expect(session.title).toBe('Cycle tablette (nouvel horaire)');
      expect(parisClock(session.startsAt)).toBe('15:00');
      // Each keeps its own day; calendars see a new version; the first date announced is kept.
      expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(session.startsAt))).toBe(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(before[id].startsAt)),
      );
      expect(session.sequence).toBe(before[id].sequence + 1);
      expect(session.previousStartAt).toBe(before[id].startsAt);
    }
    for (const id of [s1!.id, s3!.id]) expect(await after(id)).toEqual(before[id]);

    const { notifications } = await person.client.data(NOTIFICATIONS);
    const changes = notifications.edges.map((edge: any) => edge.node).filter((node: any) => node.kind === 'agenda.changed');
    expect(changes).toHaveLength(1);
    expect(changes[0].message).toMatch(/Les séances à venir du cycle «\u00a0Cycle tablette \(nouvel horaire\)\u00a0» ont changé/);
  });

  it('refuses a capacity below the registrations of a session, naming it, and changes nothing', async () => {
    const { client, sessions } = await cycle('Médiathèque des Jauges');
    const [s1, , s3] = sessions;
    const people = await members(app, 3, 'Jauge');
    for (const person of people) await person.client.data(REGISTER, { eventId: s3!.id });
    const { event: third } = await client.data(SESSION, { id: s3!.id });

    const refused = await client.error(UPDATE_EVENT, { input: { id: s1!.id, wholeCycle: true, capacity: 2, title: 'Cycle réduit' } });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.fields?.capacity).toMatch(/^La séance du .+ compte déjà 3 inscrits\u00a0: gardez au moins 3 places\.$/);
    expect(refused.extensions?.fields?.capacity).toContain(parisDayAndMonth(new Date(third.startsAt)));
    for (const { id } of sessions)
      expect((await client.data(SESSION, { id })).event).toMatchObject({ title: 'Cycle tablette', capacity: 10 });

    const { updateEvent } = await client.data(UPDATE_EVENT, { input: { id: s1!.id, wholeCycle: true, capacity: 3 } });
    expect(updateEvent.capacity).toBe(3);
    expect((await client.data(SESSION, { id: s3!.id })).event.capacity).toBe(3);
  });

  it('a start moved on a single edit marks the event rescheduled and tells the registered people', async () => {
    const { client, organization } = await organizer(app, 'Médiathèque des Reports');
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Atelier reporté' }) });
    const [person] = await members(app, 1, 'Reportée');
    await person.client.data(REGISTER, { eventId: event.id });
    await client.data(UPDATE_EVENT, { input: { id: event.id, localStart: parisLocal(17, '10:00'), localEnd: parisLocal(17, '12:00') } });
    await client.data(UPDATE_EVENT, { input: { id: event.id, localStart: parisLocal(18, '10:00'), localEnd: parisLocal(18, '12:00') } });
    const { event: moved } = await client.data(SESSION, { id: event.id });
    // The first date announced is kept, not the one in between.
    expect(moved.previousStartAt).toBe(event.startsAt);
    const { notifications } = await person.client.data(NOTIFICATIONS);
    expect(notifications.edges[0].node.message).toMatch(
      /«\u00a0Atelier reporté\u00a0» est reporté\u00a0: rendez-vous le .* \(initialement prévu le .*\)/,
    );
    // Back to its first date: no longer rescheduled.
    await client.data(UPDATE_EVENT, { input: { id: event.id, startsAt: event.startsAt, endsAt: event.endsAt } });
    expect((await client.data(SESSION, { id: event.id })).event.previousStartAt).toBeNull();
  });

  it('a commune typed in capitals is kept as the official list spells it, and respelling it tells no one the event moved', async () => {
    const { client, organization } = await organizer(app, 'Médiathèque des Capitales');
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier en capitales', commune: 'LA CHAPELLE LAUNAY', postalCode: '44260' }),
    });
    expect(event.commune).toBe('La Chapelle-Launay');
    const [person] = await members(app, 1, 'Capitale');
    await person.client.data(REGISTER, { eventId: event.id });
    // An event stored before communes were respelled, saved again with the commune its form shows.
    await app.orm.em.getConnection().execute(`update agenda_event set commune = 'SAVENAY' where id = ?`, [event.id]);
    const { updateEvent } = await client.data(UPDATE_EVENT, { input: { id: event.id, commune: 'SAVENAY' } });
    expect(updateEvent.commune).toBe('Savenay');
    expect((await person.client.data(NOTIFICATIONS)).notifications.edges).toEqual([]);
    // Another commune is a move the registered people hear of.
    await client.data(UPDATE_EVENT, { input: { id: event.id, commune: 'Blain', postalCode: '44130' } });
    expect((await person.client.data(NOTIFICATIONS)).notifications.edges.map(({ node }: { node: { kind: string } }) => node.kind)).toEqual([
      'agenda.changed',
    ]);
  });
});

describe('co-organizers', () => {
  async function memberOf(organizationId: string, role: MemberRole) {
    const [person] = await members(app, 1, role === MemberRole.ADMIN ? 'Admin invitée' : 'Membre invitée');
    const em = app.orm.em.fork();
    em.create(Membership, { organization: organizationId, user: person!.id, role });
    await em.flush();
    return person!;
  }

  it('are invited: shown and able to manage only once an admin of theirs accepted', async () => {
    const host = await organizer(app, 'Tiers-lieu qui invite');
    const guest = await organizer(app, 'Association invitée');
    const { createEvent: event } = await host.client.data(CREATE_EVENT, {
      input: eventInput(host.organization.id, { title: 'Atelier à deux', coOrganizerIds: [guest.organization.id] }),
    });
    const [registered] = await members(app, 1, 'Participante');
    await registered.client.data(REGISTER, { eventId: event.id });

    // Pending: not shown publicly, nor in the invited organization's list; its admins are told.
    let seen = (await app.client().data(CO, { id: event.id })).event;
    expect(seen.coOrganizers).toEqual([]);
    expect(seen.coOrganizerInvitations).toEqual([]);
    const { events } = await app.client().data(`query ($id: ID!) { events(organizationId: $id) { edges { node { id } } } }`, {
      id: guest.organization.id,
    });
    expect(events.edges).toEqual([]);
    const { notifications } = await guest.client.data(NOTIFICATIONS);
    expect(notifications.edges[0].node).toMatchObject({
      kind: 'agenda.co-organisation',
      message: expect.stringMatching(/Tiers-lieu qui invite invite Association invitée à co-organiser «\u00a0Atelier à deux\u00a0»/),
      link: `/agenda/evenements/${event.id}#co-organisation`,
    });
    expect((await host.client.data(CO, { id: event.id })).event.coOrganizerInvitations).toEqual([
      { status: 'PENDING', organization: { id: guest.organization.id, name: 'Association invitée' } },
    ]);
    seen = (await guest.client.data(CO, { id: event.id })).event;
    expect(seen).toMatchObject({
      canEdit: false,
      myCoOrganizationInvitations: [{ status: 'PENDING', organization: { id: guest.organization.id } }],
    });
    expect((await guest.client.error(UPDATE_EVENT, { input: { id: event.id, title: 'Pris en main' } })).extensions?.code).toBe('FORBIDDEN');

    // Only the invited organization's admins answer.
    const answer = { input: { eventId: event.id, organizationId: guest.organization.id } };
    const plainMember = await memberOf(guest.organization.id, MemberRole.MEMBER);
    const refused = await plainMember.client.error(ACCEPT, answer);
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Seuls les administrateurs de l’organisation invitée peuvent répondre à cette invitation.');
    expect((await host.client.error(ACCEPT, answer)).extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().error(ACCEPT, answer)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await guest.client.error(ACCEPT, { input: { eventId: event.id, organizationId: host.organization.id } })).extensions?.code,
    ).toBe('NOT_FOUND');

    const secondAdmin = await memberOf(guest.organization.id, MemberRole.ADMIN);
    expect((await secondAdmin.client.data(ACCEPT, answer)).acceptCoOrganization).toEqual({
      status: 'ACCEPTED',
      organization: { name: 'Association invitée' },
    });
    seen = (await app.client().data(CO, { id: event.id })).event;
    expect(seen.coOrganizers).toEqual([{ id: guest.organization.id, name: 'Association invitée' }]);

    // Now they manage it like the organizer: edit, registrations, cancel.
    expect((await guest.client.data(CO, { id: event.id })).event.canEdit).toBe(true);
    expect((await guest.client.data(UPDATE_EVENT, { input: { id: event.id, title: 'Atelier à deux voix' } })).updateEvent.title).toBe(
      'Atelier à deux voix',
    );
    expect((await guest.client.data(ATTENDEES, { id: event.id })).event.attendees.totalCount).toBe(1);
    const sheet = await fetch(`${app.url}/api/agenda/events/${event.id}/emargement.csv`, {
      headers: { cookie: [...guest.client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    expect(sheet.status).toBe(200);
    // Only the organizer's own people choose whom to invite.
    expect((await guest.client.error(UPDATE_EVENT, { input: { id: event.id, coOrganizerIds: [] } })).extensions?.code).toBe('FORBIDDEN');
    await guest.client.data(CANCEL_EVENT, { input: { eventId: event.id, reason: 'Salle indisponible.' } });
    expect(
      (await app.client().data(`query ($id: ID!) { event(id: $id) { cancelledAt } }`, { id: event.id })).event.cancelledAt,
    ).toBeTruthy();
  });

  it('a declined invitation shows nowhere and gives no rights', async () => {
    const host = await organizer(app, 'Mairie qui invite');
    const guest = await organizer(app, 'Association qui décline');
    const { createEvent: event } = await host.client.data(CREATE_EVENT, {
      input: eventInput(host.organization.id, { title: 'Café sans eux', coOrganizerIds: [guest.organization.id] }),
    });
    const answer = { input: { eventId: event.id, organizationId: guest.organization.id } };
    expect((await guest.client.data(DECLINE, answer)).declineCoOrganization.status).toBe('DECLINED');
    expect((await app.client().data(CO, { id: event.id })).event.coOrganizers).toEqual([]);
    expect((await host.client.data(CO, { id: event.id })).event.coOrganizerInvitations).toEqual([
      { status: 'DECLINED', organization: { id: guest.organization.id, name: 'Association qui décline' } },
    ]);
    expect((await guest.client.error(UPDATE_EVENT, { input: { id: event.id, title: 'Repris' } })).extensions?.code).toBe('FORBIDDEN');
  });
});

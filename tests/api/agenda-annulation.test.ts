import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, eventInput, members, organizer } from '../helpers/agenda.js';

import { french } from '../helpers/french.js';
const CANCEL_EVENT = `mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { id cancelledAt cancellationReason registrationState } }`;
const AGENDA = `{ events(first: 50) { edges { node { id title cancelled } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { publicUrl: 'https://maillage.exemple.fr' } });
});
afterAll(async () => {
  await app?.close();
});

describe('cancelling an event', () => {
  it('keeps it visible as cancelled, tells every registered and waiting person, closes registrations and tells calendars', async () => {
    const { client, organization } = await organizer(app, 'Médiathèque des Annulations');
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier annulé pour de vrai', capacity: 1 }),
    });
    const [seated, waiting, late] = await members(app, 3, 'Inscrit');
    await seated.client.data(REGISTER, { eventId: event.id });
    await waiting.client.data(REGISTER, { eventId: event.id });

    const refused = await seated.client.error(CANCEL_EVENT, { input: { eventId: event.id } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    const tooLong = await client.error(CANCEL_EVENT, { input: { eventId: event.id, reason: 'x'.repeat(501) } });
    expect(tooLong.extensions?.code).toBe('BAD_USER_INPUT');

    const { cancelEvent } = await client.data(CANCEL_EVENT, { input: { eventId: event.id, reason: "L'animatrice est malade." } });
    expect(cancelEvent).toMatchObject({ id: event.id, cancellationReason: "L'animatrice est malade.", registrationState: 'CLOSED' });
    expect(cancelEvent.cancelledAt).toBeTruthy();

    for (const person of [seated, waiting]) {
      const { notifications } = await person.client.data(`{ notifications { edges { node { kind message link } } } }`);
      expect(notifications.edges[0].node).toMatchObject({
        kind: 'agenda.changed',
        message: expect.stringMatching(
          /«\u00a0Atelier annulé pour de vrai\u00a0», prévu le .*, est annulé\. Motif\u00a0: L'animatrice est malade\./,
        ),
        link: `/agenda/evenements/${event.id}`,
      });
    }
    // By e-mail too (the default channel of this kind), through the outbox.
    const emails = await app.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ subject: string }>>(
        `select o.subject from email_outbox o join app_user u on lower(u.email) = lower(o.to_address) where u.id in (?, ?)`,
        [seated.id, waiting.id],
      );
    expect(emails).toHaveLength(2);

    expect((await late.client.error(REGISTER, { eventId: event.id })).message).toBe(
      french('Cet événement est annulé : on ne peut plus s’y inscrire.'),
    );
    expect((await client.error(CANCEL_EVENT, { input: { eventId: event.id } })).message).toBe('Cet événement est déjà annulé.');

    const listed = (await app.client().data(AGENDA)).events.edges.map((edge: any) => edge.node);
    expect(listed.find((node: any) => node.id === event.id)).toEqual({
      id: event.id,
      title: 'Atelier annulé pour de vrai',
      cancelled: true,
    });

    const feed = await (await fetch(`${app.url}/ical/events/${event.id}.ics`)).text();
    const [entry] = Object.values(ical.sync.parseICS(feed)).filter((c: any) => c.type === 'VEVENT') as any[];
    expect(entry.status).toBe('CANCELLED');
    expect(Number(entry.sequence)).toBe(1);
    const organizationFeed = await (await fetch(`${app.url}/ical/organizations/${organization.id}.ics`)).text();
    expect(organizationFeed).toContain('STATUS:CANCELLED');
  });

  it('refuses to cancel an event that is over', async () => {
    const { client, organization } = await organizer(app, 'Tiers-lieu du passé');
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id) });
    await app.orm.em
      .fork()
      .getConnection()
      .execute(`update agenda_event set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ?`, [
        event.id,
      ]);
    const refused = await client.error(CANCEL_EVENT, { input: { eventId: event.id } });
    expect(refused.message).toBe(french('Cet événement est terminé : il n’y a plus rien à annuler.'));
  });
});

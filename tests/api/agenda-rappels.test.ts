import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReminders } from '../../server/src/modules/agenda/reminders.js';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, eventInput, members, organizer } from '../helpers/agenda.js';

const CANCEL_EVENT = `mutation ($id: ID!) { cancelEvent(input: { eventId: $id }) { id } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.orm.em.fork().getConnection();

/** Moves an event to start `hours` from now, its registrations made two days ago unless said otherwise. */
async function startsIn(eventId: string, hours: number) {
  await db().execute(
    `update agenda_event set starts_at = now() + make_interval(mins => ?), ends_at = now() + make_interval(mins => ?) where id = ?`,
    [hours * 60, hours * 60 + 90, eventId],
  );
  await db().execute(`update event_registration set created_at = now() - interval '2 days' where event_id = ?`, [eventId]);
}

const run = (reminder: 'day-before' | 'soon') => app.orm.em.fork().transactional((em) => sendReminders(em, reminder));

async function remindersOf(client: any) {
  const { notifications } = await client.data(NOTIFICATIONS);
  return notifications.edges.map((edge: any) => edge.node).filter((node: any) => node.kind.startsWith('agenda.reminder'));
}

describe('reminders before an event', () => {
  it('reminds every confirmed person the day before, once, with the place and the way to free the seat, by e-mail', async () => {
    const { client, organization } = await organizer(app, 'Espace numérique des rappels');
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier courriel', capacity: 1 }),
    });
    const [seated, waiting] = await members(app, 2, 'Rappel');
    await seated.client.data(REGISTER, { eventId: event.id });
    await waiting.client.data(REGISTER, { eventId: event.id });
    await startsIn(event.id, 20);

    expect(await run('day-before')).toBe(1);
    const [reminder] = await remindersOf(seated.client);
    expect(reminder).toMatchObject({ kind: 'agenda.reminder', link: `/agenda/evenements/${event.id}` });
    expect(reminder.message).toMatch(
      /^Rappel\u00a0: «\u00a0Atelier courriel\u00a0», \p{L}+ \d+ \p{L}+ à \d+\u202fh(\u202f\d\d)? — 12 rue de la Mairie, 44260 Savenay\./u,
    );
    expect(reminder.message).toMatch(/Libérez votre place depuis la page de l’événement/);
    expect(await remindersOf(waiting.client)).toEqual([]); // a waiting person has no seat to be reminded of
    const emails = await db().execute(`select subject from email_outbox where kind = 'agenda.reminder' and recipient_id = ?`, [seated.id]);
    expect(emails).toHaveLength(1);

    expect(await run('day-before')).toBe(0);
    expect(await remindersOf(seated.client)).toHaveLength(1);
  });

  it('does not remind a person who registered within the last day, nor the people of a cancelled event', async () => {
    const { client, organization } = await organizer(app, 'Tiers-lieu des rappels');
    const { createEvent: fresh } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier du lendemain' }),
    });
    const { createEvent: cancelled } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Atelier annulé' }) });
    const [person] = await members(app, 1, 'Tardif');
    await person.client.data(REGISTER, { eventId: fresh.id });
    await person.client.data(REGISTER, { eventId: cancelled.id });
    await startsIn(cancelled.id, 20);
    await db().execute(
      `update agenda_event set starts_at = now() + interval '20 hours', ends_at = now() + interval '22 hours' where id = ?`,
      [fresh.id],
    );
    await client.data(CANCEL_EVENT, { id: cancelled.id });
    expect(await run('day-before')).toBe(0);
    expect(await remindersOf(person.client)).toEqual([]);
  });

  it('sends the two-hours reminder only to those who turned it on', async () => {
    const { client, organization } = await organizer(app, 'Médiathèque des rappels');
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Café citoyen' }) });
    const [wantsIt, doesNot] = await members(app, 2, 'Bientôt');
    await wantsIt.client.data(REGISTER, { eventId: event.id });
    await doesNot.client.data(REGISTER, { eventId: event.id });
    await wantsIt.client.data(`mutation { setNotificationPreference(input: { kind: "agenda.reminder-soon", channel: IN_APP }) { kind } }`);
    await startsIn(event.id, 1.5);

    expect(await run('soon')).toBe(2);
    const [soon] = await remindersOf(wantsIt.client);
    expect(soon).toMatchObject({
      kind: 'agenda.reminder-soon',
      message: expect.stringMatching(/^C’est bientôt\u00a0: «\u00a0Café citoyen\u00a0» commence/),
    });
    expect(await remindersOf(doesNot.client)).toEqual([]);
    expect(await run('soon')).toBe(0);
  });
});

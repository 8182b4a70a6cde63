import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, eventInput, members, organizer } from '../helpers/agenda.js';

import { french } from '../helpers/french.js';
const WRITE = `mutation ($input: MessageRegistrantsInput!) { messageRegistrants(input: $input) { id body authorName recipientCount wholeCycle } }`;
const MESSAGES = `query ($id: ID!) { event(id: $id) { messages { body authorName includesWaitlisted createdAt } } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind message link } } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function messagesOf(client: any) {
  const { notifications } = await client.data(NOTIFICATIONS);
  return notifications.edges.map((edge: any) => edge.node).filter((node: any) => node.kind === 'agenda.message');
}

describe('organizers writing to the people registered', () => {
  it('reaches the confirmed people (and the waitlist when asked), keeps the message on the page for them only', async () => {
    const { client, organization } = await organizer(app, 'Médiathèque des messages');
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Atelier tablette', capacity: 1 }),
    });
    const [seated, waiting, stranger] = await members(app, 3, 'Message');
    await seated.client.data(REGISTER, { eventId: event.id });
    await waiting.client.data(REGISTER, { eventId: event.id });

    expect(
      (await seated.client.error(WRITE, { input: { eventId: event.id, body: 'Je ne suis pas organisatrice.' } })).extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await client.error(WRITE, { input: { eventId: event.id, body: '   ' } })).message).toBe('Écrivez le message à envoyer.');
    expect((await client.error(WRITE, { input: { eventId: event.id, body: 'x'.repeat(2001) } })).extensions?.code).toBe('BAD_USER_INPUT');

    const { messageRegistrants: first } = await client.data(WRITE, {
      input: { eventId: event.id, body: "L'atelier a lieu salle 2, au premier étage." },
    });
    expect(first).toMatchObject({
      body: "L'atelier a lieu salle 2, au premier étage.",
      authorName: 'Camille Organisatrice',
      recipientCount: 1,
    });
    expect(await messagesOf(seated.client)).toEqual([
      {
        kind: 'agenda.message',
        message: french("Message des organisateurs de « Atelier tablette » : L'atelier a lieu salle 2, au premier étage."),
        link: `/agenda/evenements/${event.id}`,
      },
    ]);
    expect(await messagesOf(waiting.client)).toEqual([]);

    await client.data(WRITE, { input: { eventId: event.id, body: 'Apportez votre tablette chargée.', includesWaitlisted: true } });
    expect(await messagesOf(waiting.client)).toHaveLength(1);
    expect(await messagesOf(seated.client)).toHaveLength(2);

    const seen = (await seated.client.data(MESSAGES, { id: event.id })).event.messages;
    expect(seen.map((m: any) => m.body)).toEqual(['Apportez votre tablette chargée.', "L'atelier a lieu salle 2, au premier étage."]);
    expect(seen[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(Date.now() - new Date(seen[0].createdAt).getTime()).toBeLessThan(10 * 60_000);
    expect((await waiting.client.data(MESSAGES, { id: event.id })).event.messages).toHaveLength(2);
    expect((await stranger.client.data(MESSAGES, { id: event.id })).event.messages).toEqual([]);
    expect((await app.client().data(MESSAGES, { id: event.id })).event.messages).toEqual([]);
    expect((await client.data(MESSAGES, { id: event.id })).event.messages).toHaveLength(2);
  });

  it('writes to every session to come of a cycle, and limits organizers to five messages a day per event', async () => {
    const { client, organization } = await organizer(app, 'EPN des cycles');
    const { createEvent: first } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Cycle débutants', weeklySessions: 3 }),
    });
    const [sessionOne, sessionThree] = [first.series.sessions[0].id, first.series.sessions[2].id];
    const [alice, bruno] = await members(app, 2, 'Cycle');
    await alice.client.data(REGISTER, { eventId: sessionOne });
    await bruno.client.data(REGISTER, { eventId: sessionThree });

    const { messageRegistrants } = await client.data(WRITE, {
      input: { eventId: sessionOne, body: 'Le cycle change de salle : rendez-vous en salle 4.', wholeCycle: true },
    });
    expect(messageRegistrants).toMatchObject({ wholeCycle: true, recipientCount: 2 });
    expect(await messagesOf(alice.client)).toHaveLength(1);
    expect(await messagesOf(bruno.client)).toHaveLength(1);
    // Bruno reads it on his own session's page.
    expect((await bruno.client.data(MESSAGES, { id: sessionThree })).event.messages.map((m: any) => m.body)).toEqual([
      'Le cycle change de salle : rendez-vous en salle 4.',
    ]);

    for (let i = 2; i <= 5; i++) await client.data(WRITE, { input: { eventId: sessionOne, body: `Message ${i}` } });
    const sixth = await client.error(WRITE, { input: { eventId: sessionOne, body: 'Un de trop' } });
    expect(sixth.extensions?.code).toBe('RATE_LIMITED');
    expect(sixth.message).toMatch(/^Vous avez déjà écrit 5 messages aux inscrits de cet événement ces dernières 24 heures/);
  });

  it('refuses "the whole cycle" for an event that is not part of one', async () => {
    const { client, organization } = await organizer(app, 'Café citoyen seul');
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id) });
    const refused = await client.error(WRITE, { input: { eventId: event.id, body: 'À tout le cycle', wholeCycle: true } });
    expect(refused.message).toBe('Cet événement ne fait pas partie d’un cycle.');
  });
});

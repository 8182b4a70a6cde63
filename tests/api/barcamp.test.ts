import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, eventInput, members, organizer, parisLocal } from '../helpers/agenda.js';

import { french } from '../helpers/french.js';
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const SESSION_FIELDS =
  'id title theme speakers { id displayName } interestCount interestedByMe roomId roomName slotId startsAt notes notesHtml canEditNotes';
const PROPOSE = `mutation ($input: ProposeSessionInput!) { proposeSession(input: $input) { ${SESSION_FIELDS} } }`;
const INTEREST = `mutation ($id: ID!, $on: Boolean) { markInterest(input: { sessionId: $id, interested: $on }) { id interestCount interestedByMe } }`;
const GRID = `mutation ($input: SaveBarcampGridInput!) { saveBarcampGrid(input: $input) { id barcampRooms { id name capacity } barcampSlots { id startsAt endsAt } } }`;
const SCHEDULE = `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id roomName startsAt } }`;
const PROGRAM = `query ($id: ID!) { event(id: $id) { barcampSessions(programOrder: true) { ${SESSION_FIELDS} } } }`;
const NOTES = `mutation ($input: SaveSessionNotesInput!) { saveSessionNotes(input: $input) { id notes notesHtml } }`;

async function barcamp() {
  const { client, organization } = await organizer(app, 'Réseau régional de la médiation numérique');
  const day = parisLocal(30, '09:00').slice(0, 10);
  const { createEvent: event } = await client.data(CREATE_EVENT, {
    input: eventInput(organization.id, {
      kind: 'BARCAMP',
      title: 'Barcamp régional de la médiation numérique',
      capacity: 80,
      localStart: `${day}T09:00`,
      localEnd: `${day}T17:00`,
      themes: ['Former les médiateurs', 'Les lieux de demain', "S'organiser localement"],
    }),
  });
  const { saveBarcampGrid } = await client.data(GRID, {
    input: {
      eventId: event.id,
      rooms: [
        { name: 'Petite salle', capacity: 15 },
        { name: 'Grande salle', capacity: 60 },
      ],
      slots: [
        { localStart: `${day}T10:00`, localEnd: `${day}T11:00` },
        { localStart: `${day}T11:00`, localEnd: `${day}T12:00` },
      ],
    },
  });
  return { client, event, day, grid: saveBarcampGrid };
}

async function participants(eventId: string, count: number) {
  const people = await members(app, count, 'Participant');
  for (const person of people) await person.client.data(REGISTER, { eventId });
  return people;
}

const propose = (client: GraphQLClient, eventId: string, title: string, extra: Record<string, unknown> = {}) =>
  client
    .data(PROPOSE, { input: { eventId, title, pitch: 'On en parle ensemble.', theme: 'Former les médiateurs', ...extra } })
    .then((d) => d.proposeSession);

describe('barcamp mode', () => {
  it('lets participants propose sessions and mark interest; others are refused', async () => {
    const { event } = await barcamp();
    const [ana, bruno] = await participants(event.id, 2);
    const session = await propose(ana.client, event.id, 'Former des aidants au numérique', { speakerIds: [bruno.id] });
    expect(session).toMatchObject({ title: 'Former des aidants au numérique', interestCount: 0, roomId: null });
    expect(session.speakers.map((s: any) => s.displayName)).toEqual(['Participant 001', 'Participant 002']);

    const [outsider] = await members(app, 1, 'Extérieur');
    const refused = await outsider.client.error(PROPOSE, { input: { eventId: event.id, title: 'Hors sujet' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/Inscrivez-vous au barcamp/);
    const badTheme = await ana.client.error(PROPOSE, { input: { eventId: event.id, title: 'Un thème inventé', theme: 'Autre chose' } });
    expect(badTheme.extensions?.fields?.theme).toMatch(/Choisissez une des thématiques/);

    // Anyone signed in may mark interest, once; and withdraw it.
    expect((await outsider.client.data(INTEREST, { id: session.id })).markInterest).toMatchObject({
      interestCount: 1,
      interestedByMe: true,
    });
    expect((await outsider.client.data(INTEREST, { id: session.id })).markInterest.interestCount).toBe(1);
    expect((await bruno.client.data(INTEREST, { id: session.id })).markInterest.interestCount).toBe(2);
    expect((await outsider.client.data(INTEREST, { id: session.id, on: false })).markInterest).toMatchObject({
      interestCount: 1,
      interestedByMe: false,
    });
    expect((await app.client().error(INTEREST, { id: session.id })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses two sessions in one room and slot, and a speaker in two rooms at once, with clear messages', async () => {
    const { client, event, grid } = await barcamp();
    const [ana, bruno] = await participants(event.id, 2);
    const [small, large] = [
      grid.barcampRooms.find((r: any) => r.name === 'Petite salle'),
      grid.barcampRooms.find((r: any) => r.name === 'Grande salle'),
    ];
    const [ten, eleven] = grid.barcampSlots;
    const first = await propose(ana.client, event.id, 'Les tiers-lieux de demain');
    const second = await propose(bruno.client, event.id, 'Former en binôme', { speakerIds: [ana.id] });
    const third = await propose(bruno.client, event.id, 'Animer un réseau local');

    expect(
      (await client.data(SCHEDULE, { input: { sessionId: first.id, roomId: large.id, slotId: ten.id } })).scheduleSession.roomName,
    ).toBe('Grande salle');
    const taken = await client.error(SCHEDULE, { input: { sessionId: third.id, roomId: large.id, slotId: ten.id } });
    expect(taken.extensions?.code).toBe('CONFLICT');
    expect(taken.message).toBe(french('La salle « Grande salle » est déjà prise à 10\u202fh par « Les tiers-lieux de demain ».'));
    // English reads its own clock: "at 10:00", not the French "10 h".
    const english = { 'accept-language': 'en' };
    const takenInEnglish = await client.error(SCHEDULE, { input: { sessionId: third.id, roomId: large.id, slotId: ten.id } }, english);
    expect(takenInEnglish.message).toBe('Room "Grande salle" is already taken at 10:00 by "Les tiers-lieux de demain".');
    const twoRooms = await client.error(SCHEDULE, { input: { sessionId: second.id, roomId: small.id, slotId: ten.id } });
    expect(twoRooms.extensions?.code).toBe('CONFLICT');
    expect(twoRooms.message).toMatch(
      /^Participant 001 intervient déjà à ce moment-là dans «\u00a0Les tiers-lieux de demain\u00a0» .*deux salles à la fois/,
    );
    const twoRoomsInEnglish = await client.error(SCHEDULE, { input: { sessionId: second.id, roomId: small.id, slotId: ten.id } }, english);
    expect(twoRoomsInEnglish.message).toBe(
      'Participant 001 already speaks then in "Les tiers-lieux de demain" (room "Grande salle", 10:00): nobody can be in two rooms at once.',
    );
    // At 11 h Ana is free again.
    expect(
      (await client.data(SCHEDULE, { input: { sessionId: second.id, roomId: small.id, slotId: eleven.id } })).scheduleSession.roomName,
    ).toBe('Petite salle');

    // Only organizers place sessions.
    const refused = await ana.client.error(SCHEDULE, { input: { sessionId: third.id, roomId: small.id, slotId: ten.id } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    const gridRefused = await ana.client.error(GRID, { input: { eventId: event.id, rooms: [], slots: [] } });
    expect(gridRefused.extensions?.code).toBe('FORBIDDEN');

    const { event: program } = await app.client().data(PROGRAM, { id: event.id });
    expect(program.barcampSessions.map((s: any) => [s.title, s.roomName])).toEqual([
      ['Les tiers-lieux de demain', 'Grande salle'],
      ['Former en binôme', 'Petite salle'],
      ['Animer un réseau local', null],
    ]);
  });

  it('proposes a grid from interest: the most-wanted sessions in the largest room, no speaker twice at once', async () => {
    const { client, event } = await barcamp();
    const [ana, bruno, ...voters] = await participants(event.id, 6);
    const a = await propose(ana.client, event.id, 'Session A (3 intérêts)');
    const b = await propose(ana.client, event.id, 'Session B (2 intérêts, même intervenante que A)');
    const c = await propose(bruno.client, event.id, 'Session C (1 intérêt)');
    const d = await propose(bruno.client, event.id, 'Session D (0 intérêt)');
    for (const [session, count] of [
      [a, 3],
      [b, 2],
      [c, 1],
    ] as const) {
      for (const voter of voters.slice(0, count)) await voter.client.data(INTEREST, { id: session.id });
    }
    const refused = await ana.client.error(`mutation ($id: ID!) { autoScheduleBarcamp(input: { eventId: $id }) { placed } }`, {
      id: event.id,
    });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    const { autoScheduleBarcamp } = await client.data(
      `mutation ($id: ID!) { autoScheduleBarcamp(input: { eventId: $id }) { placed unplaced clashes overCapacity } }`,
      { id: event.id },
    );
    // The first voter wants A, B and C; A and B share a speaker, C and D too: C meets A or B whatever the grid.
    expect(autoScheduleBarcamp).toEqual({ placed: 4, unplaced: 0, clashes: 1, overCapacity: 0 });
    const { event: program } = await client.data(PROGRAM, { id: event.id });
    const placed = Object.fromEntries(
      program.barcampSessions.map((s: any) => [s.id, `${s.roomName} ${new Date(s.startsAt).toISOString()}`]),
    );
    const at = (session: any) => program.barcampSessions.find((s: any) => s.id === session.id);
    expect(at(a).roomName).toBe('Grande salle');
    expect(at(b).roomName).toBe('Grande salle');
    expect(at(a).startsAt).not.toBe(at(b).startsAt); // the same speaker, so not at the same time
    expect(at(c).roomName).toBe('Petite salle');
    expect(new Set(Object.values(placed)).size).toBe(4);
    // Ana's two sessions are at different times; Bruno's too.
    expect(at(c).startsAt).not.toBe(at(d).startsAt);
  });

  it('keeps the notes of each session afterwards, written by its speakers', async () => {
    const { client, event, grid } = await barcamp();
    const [ana, bruno] = await participants(event.id, 2);
    const session = await propose(ana.client, event.id, 'Restitution test');
    await client.data(SCHEDULE, { input: { sessionId: session.id, roomId: grid.barcampRooms[0].id, slotId: grid.barcampSlots[0].id } });
    const early = await ana.client.error(NOTES, { input: { sessionId: session.id, notes: 'Trop tôt' } });
    expect(early.extensions?.code).toBe('CONFLICT');
    expect(early.message).toMatch(/une fois la session commencée/);
    await app.orm.em
      .getConnection()
      .execute(`update barcamp_slot set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = ?`, [
        grid.barcampSlots[0].id,
      ]);
    const { saveSessionNotes } = await ana.client.data(NOTES, {
      input: { sessionId: session.id, notes: '## Ce qui ressort\n- former en **binôme**' },
    });
    expect(saveSessionNotes.notesHtml).toContain('<h2>Ce qui ressort</h2>');
    expect(saveSessionNotes.notesHtml).toContain('<strong>binôme</strong>');
    const refused = await bruno.client.error(NOTES, { input: { sessionId: session.id, notes: 'Pas mon texte' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    const { event: program } = await app.client().data(PROGRAM, { id: event.id });
    expect(program.barcampSessions[0]).toMatchObject({ notes: '## Ce qui ressort\n- former en **binôme**', canEditNotes: false });
  });

  it('refuses a slot outside the barcamp and barcamp actions on other kinds of events', async () => {
    const { client, event, day } = await barcamp();
    const outside = await client.error(GRID, {
      input: {
        eventId: event.id,
        rooms: [{ name: 'Salle', capacity: 10 }],
        slots: [{ localStart: `${day}T18:00`, localEnd: `${day}T19:00` }],
      },
    });
    expect(outside.extensions?.fields?.['slots.0']).toMatch(/pendant le barcamp/);
    const outsideInEnglish = await client.error(
      GRID,
      {
        input: {
          eventId: event.id,
          rooms: [{ name: 'Salle', capacity: 10 }],
          slots: [{ localStart: `${day}T18:00`, localEnd: `${day}T19:00` }],
        },
      },
      { 'accept-language': 'en' },
    );
    expect(outsideInEnglish.extensions?.fields?.['slots.0']).toBe('The 18:00 slot must be within the barcamp (from 09:00 to 17:00).');
    const { createEvent: atelier } = await client.data(CREATE_EVENT, { input: eventInput(event.organizer.id) });
    const notBarcamp = await client.error(PROPOSE, { input: { eventId: atelier.id, title: 'Session' } });
    expect(notBarcamp.extensions?.fields?.eventId).toMatch(/n’est pas un barcamp/);
  });
});

describe('barcamp program reads', () => {
  it('reads the program in the same number of SQL statements for 2 and for 20 sessions', async () => {
    const read = (id: string) => app.client().data(PROGRAM, { id });
    const withSessions = async (count: number) => {
      const { event } = await barcamp();
      const [speaker, fan] = await participants(event.id, 2);
      await establishAccountInDb(app, speaker.id); // past the first-week posting limit
      for (let i = 0; i < count; i++) {
        const session = await propose(speaker.client, event.id, `Session ${i}`);
        await fan.client.data(INTEREST, { id: session.id });
      }
      return event.id;
    };
    const smallId = await withSessions(2);
    const small = await app.countStatements(() => read(smallId));
    expect(small.result.event.barcampSessions).toHaveLength(2);
    const largeId = await withSessions(20);
    const large = await app.countStatements(() => read(largeId));
    expect(large.result.event.barcampSessions).toHaveLength(20);
    expect(large.result.event.barcampSessions[0].interestCount).toBe(1);
    expect(large.statements).toBe(small.statements);
  });
});

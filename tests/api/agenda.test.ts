import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishAccountInDb, signUp, startTestApp, type TestApp } from '../helpers/api.js';
import { CANCEL, CREATE_EVENT, EVENT, REGISTER, UPDATE_EVENT, eventInput, members, organizer, parisLocal } from '../helpers/agenda.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { publicUrl: 'https://maillage.exemple.fr' } });
});
afterAll(async () => {
  await app?.close();
});

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });

describe('publishing events', () => {
  it('creates an atelier at a Paris time, with its département from the postcode and a readable date', async () => {
    const { client, organization } = await organizer(app);
    const input = eventInput(organization.id, { localStart: parisLocal(12, '14:30'), localEnd: parisLocal(12, '16:00') });
    const { createEvent } = await client.data(CREATE_EVENT, { input });
    expect(createEvent).toMatchObject({
      kind: 'ATELIER',
      title: 'Premiers pas sur le smartphone',
      capacity: 12,
      departement: '44',
      commune: 'Savenay',
      confirmedCount: 0,
      remainingSeats: 12,
      registrationState: 'OPEN',
      canEdit: true,
      organizer: { id: organization.id },
      myRegistration: null,
      calendarUrl: `https://maillage.exemple.fr/ical/events/${createEvent.id}.ics`,
      attendanceSheetUrl: `https://maillage.exemple.fr/api/agenda/events/${createEvent.id}/emargement.csv`,
    });
    expect(paris(createEvent.startsAt).toFormat('HH:mm')).toBe('14:30');
    expect(paris(createEvent.endsAt).toFormat('HH:mm')).toBe('16:00');
    expect(createEvent.dateText).toMatch(
      /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) \S+ \d{4}, 14\u202fh\u202f30\u00a0– 16\u202fh$/,
    );

    // A visitor sees it, without the organizer's links.
    const { event } = await app.client().data(EVENT, { id: createEvent.id });
    expect(event).toMatchObject({ title: input.title, canEdit: false, attendanceSheetUrl: null });
    const html = await app.client().data(`query ($id: ID!) { event(id: $id) { descriptionHtml } }`, { id: createEvent.id });
    expect(html.event.descriptionHtml).toContain('<strong>envoyer un message</strong>');
  });

  it('reads and writes an overseas atelier’s times on the clock of its place, not of Paris', async () => {
    const { client, organization } = await organizer(app, 'EPN de Pointe-à-Pitre');
    const day = parisLocal(12, '00:00').slice(0, 10);
    const dayBefore = DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: 1 }).toISODate();
    const input = eventInput(organization.id, {
      localStart: `${day}T14:30`,
      localEnd: `${day}T16:00`,
      address: '1 rue Frébault',
      postalCode: '97110',
      commune: 'Pointe-à-Pitre',
      registrationClosesOn: dayBefore,
    });
    const { createEvent } = await client.data(CREATE_EVENT, { input });
    expect(createEvent.departement).toBe('971');
    // Guadeloupe is UTC−4 all year: 14:30 there is 18:30 UTC (and 20:30 or 19:30 in Paris).
    expect(createEvent.startsAt).toBe(`${day}T18:30:00.000Z`);
    expect(createEvent.endsAt).toBe(`${day}T20:00:00.000Z`);
    expect(createEvent.dateText).toMatch(/^\S+ (1er|\d{1,2}) \S+ \d{4}, 14\u202fh\u202f30\u00a0– 16\u202fh \(heure locale\)$/);
    const { event } = await app
      .client({ 'accept-language': 'en' })
      .data(`query ($id: ID!) { event(id: $id) { timeZone dateText registrationClosesAt } }`, { id: createEvent.id });
    expect(event.timeZone).toBe('America/Guadeloupe');
    expect(event.dateText).toMatch(/, 14:30–16:00 \(local time\)$/);
    // Registrations close at the end of the day before in Guadeloupe: 23:59 there, 03:59 UTC on the day.
    expect(event.registrationClosesAt).toBe(`${day}T03:59:00.000Z`);

    // A closing day that is not a date is refused, on its own field.
    const error = await client.error(CREATE_EVENT, { input: { ...input, registrationClosesOn: 'demain' } });
    expect(error.extensions?.fields).toEqual({ registrationClosesOn: 'Cette date n’est pas au format 2026-03-02.' });
  });

  it('keeps each event in the month of its own day, on the clock of its place', async () => {
    const { client, organization } = await organizer(app, 'Réseau ultramarin');
    const month = DateTime.now().setZone('UTC').plus({ months: 2 }).startOf('month');
    const first = month.toISODate()!;
    const lastOfMonthBefore = month.minus({ days: 1 }).toISODate()!;
    const create = async (title: string, day: string, hour: string, postalCode: string, commune: string) =>
      (
        await client.data(CREATE_EVENT, {
          input: eventInput(organization.id, {
            title,
            localStart: `${day}T${hour}:00`,
            localEnd: `${day}T${hour}:45`,
            postalCode,
            commune,
          }),
        })
      ).createEvent;
    // Nouméa (UTC+11) at 8:00 on the 1st: 21:00 UTC the day before, still the last day of the month before in Paris.
    const noumea = await create('Atelier à Nouméa', first, '08', '98800', 'Nouméa');
    // Papeete (UTC−10) at 20:00 on the last day of the month before: already the 1st in Paris.
    const papeete = await create('Atelier à Papeete', lastOfMonthBefore, '20', '98714', 'Papeete');
    await create('Atelier à Savenay', first, '09', '44260', 'Savenay');
    expect(new Date(noumea.startsAt).getTime()).toBeLessThan(month.toMillis());
    expect(new Date(papeete.startsAt).getTime()).toBeGreaterThan(month.toMillis());

    const titles = async (fromDay: string, toDay: string) =>
      (
        await app.client().data(
          `query ($org: ID!, $fromDay: String, $toDay: String) {
            events(organizationId: $org, fromDay: $fromDay, toDay: $toDay) { totalCount edges { node { title } } }
          }`,
          { org: organization.id, fromDay, toDay },
        )
      ).events.edges.map((edge: { node: { title: string } }) => edge.node.title);
    expect(await titles(first, month.endOf('month').toISODate()!)).toEqual(['Atelier à Nouméa', 'Atelier à Savenay']);
    expect(await titles(month.minus({ months: 1 }).toISODate()!, lastOfMonthBefore)).toEqual(['Atelier à Papeete']);
    // One day, each on its own clock.
    expect(await titles(first, first)).toEqual(['Atelier à Nouméa', 'Atelier à Savenay']);

    // A day that is not one is refused on its field, in French.
    const error = await app.client().error(`query { events(fromDay: "2026-02-30") { totalCount } }`);
    expect(error.extensions?.fields).toEqual({ fromDay: 'Cette date n’est pas au format 2026-03-01.' });
  });

  it('takes the address and département of a place from the directory', async () => {
    const { client, organization } = await organizer(app, 'Médiathèque de Savenay');
    await app.orm.em
      .getConnection()
      .execute(
        `update organization set adresse = '3 rue du Passage', code_postal = '44260', commune = 'Savenay', departement = '44', latitude = 47.36, longitude = -1.94 where id = ?`,
        [organization.id],
      );
    const { createEvent } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { placeId: organization.id, address: undefined, postalCode: undefined, commune: undefined }),
    });
    expect(createEvent).toMatchObject({ commune: 'Savenay', departement: '44' });
    const { event } = await app
      .client()
      .data(`query ($id: ID!) { event(id: $id) { address latitude place { name } } }`, { id: createEvent.id });
    expect(event).toEqual({ address: '3 rue du Passage', latitude: 47.36, place: { name: 'Médiathèque de Savenay' } });
  });

  it("puts an event at its organizer's own address where the organizer is on the map; another address gets no position", async () => {
    const { client, organization } = await organizer(app, 'Espace numérique de Basse-Terre');
    await app.orm.em
      .getConnection()
      .execute(
        `update organization set adresse = '2 rue Baudot', code_postal = '97100', commune = 'Basse-Terre', departement = '971', latitude = 15.99, longitude = -61.72 where id = ?`,
        [organization.id],
      );
    const POSITION = `query ($id: ID!) { event(id: $id) { address postalCode commune departement latitude longitude place { id } } }`;
    // The address the form starts from, typed again with other capitals and spaces: the same place.
    const { createEvent: atHome } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { address: ' 2 rue  baudot', postalCode: '97100', commune: 'BASSE-TERRE', weeklySessions: 2 }),
    });
    expect((await app.client().data(POSITION, { id: atHome.id })).event).toEqual({
      address: '2 rue  baudot',
      postalCode: '97100',
      // Kept as the official list spells it.
      commune: 'Basse-Terre',
      departement: '971',
      latitude: 15.99,
      longitude: -61.72,
      place: null,
    });
    // Every session of the cycle is there too.
    const second = atHome.series.sessions[1].id;
    expect((await app.client().data(POSITION, { id: second })).event).toMatchObject({ latitude: 15.99, longitude: -61.72 });
    // Changed in the form: somewhere else, which the organizer's position does not tell.
    const { createEvent: elsewhere } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { address: '5 rue de la République', postalCode: '97100', commune: 'Basse-Terre' }),
    });
    expect((await app.client().data(POSITION, { id: elsewhere.id })).event).toMatchObject({ latitude: null, longitude: null });
  });

  it("recognises its organizer's address with the complement, on the one line the new-event form gives", async () => {
    const { client, organization } = await organizer(app, 'Tiers-lieu de Saint-Chély');
    await app.orm.em
      .getConnection()
      .execute(
        `update organization set adresse = '3 rue Théophile Roussel', complement_adresse = 'Bâtiment B', code_postal = '48200', commune = 'Saint-Chély-d''Apcher', departement = '48', latitude = 44.8, longitude = 3.27 where id = ?`,
        [organization.id],
      );
    const POSITION = `query ($id: ID!) { event(id: $id) { latitude longitude } }`;
    const where = { postalCode: '48200', commune: "Saint-Chély-d'Apcher" };
    // The line the form starts from: the street, then the complement after a comma, as the place's page shows them.
    const { createEvent: prefilled } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { ...where, address: '3 rue Théophile Roussel, Bâtiment B' }),
    });
    expect((await app.client().data(POSITION, { id: prefilled.id })).event).toEqual({ latitude: 44.8, longitude: 3.27 });
    // Edited back to it from elsewhere, typed with other capitals and spaces around the comma.
    const { createEvent: edited } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { ...where, address: '10 place de la Mairie' }),
    });
    await client.data(UPDATE_EVENT, { input: { id: edited.id, ...where, address: '3 Rue Théophile Roussel ,bâtiment b' } });
    expect((await app.client().data(POSITION, { id: edited.id })).event).toEqual({ latitude: 44.8, longitude: 3.27 });
  });

  it("moves an edited event on the map with its address: to its organizer's position at the organizer's address, off it elsewhere", async () => {
    const { client, organization } = await organizer(app, 'Maison France services de Mende');
    await app.orm.em
      .getConnection()
      .execute(
        `update organization set adresse = '4 rue de la Liberté', code_postal = '48000', commune = 'Mende', departement = '48', latitude = 44.518, longitude = 3.5 where id = ?`,
        [organization.id],
      );
    // What the edit form sends: the whole address, as the organizer changed it.
    const elsewhere = { address: '7 avenue du Gévaudan', postalCode: '48100', commune: 'Marvejols' };
    const nearMende = async () => {
      const { events } = await app
        .client()
        .data(
          `query ($org: ID!) { events(organizationId: $org, near: { lat: 44.518, lng: 3.5, radiusKm: 5 }, first: 100) { edges { node { id } } } }`,
          { org: organization.id },
        );
      return events.edges.map((edge: { node: { id: string } }) => edge.node.id).sort();
    };
    // A cycle first announced in Marvejols, somewhere the organizer's position does not tell.
    const { createEvent: cycle } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { ...elsewhere, weeklySessions: 2 }),
    });
    const sessions = cycle.series.sessions.map((session: { id: string }) => session.id).sort();

    // Every session to come moves to the organizer's own address, typed with other capitals and spaces: a search
    // around Mende finds them where the organizer is.
    await client.data(UPDATE_EVENT, {
      input: { id: cycle.id, address: '4 Rue de la  liberté', postalCode: '48000', commune: 'MENDE', wholeCycle: true },
    });
    expect(await nearMende()).toEqual(sessions);

    // Back to Marvejols: that search no longer finds them, and no session keeps the organizer's position.
    await client.data(UPDATE_EVENT, { input: { id: cycle.id, ...elsewhere, wholeCycle: true } });
    expect(await nearMende()).toEqual([]);
    const POSITION = `query ($id: ID!) { event(id: $id) { address latitude longitude } }`;
    for (const id of sessions) {
      expect((await app.client().data(POSITION, { id })).event).toEqual({
        address: '7 avenue du Gévaudan',
        latitude: null,
        longitude: null,
      });
    }
  });

  it('keeps an edited event where it is when its address stays, and takes it off the map when it goes online only', async () => {
    const { client, organization } = await organizer(app, 'Espace public numérique de Florac');
    await app.orm.em
      .getConnection()
      .execute(
        `update organization set adresse = '1 place Boyer', code_postal = '48400', commune = 'Florac Trois Rivières', departement = '48', latitude = 44.324, longitude = 3.593 where id = ?`,
        [organization.id],
      );
    const POSITION = `query ($id: ID!) { event(id: $id) { address onlineUrl latitude longitude } }`;
    // A position the API was given for another address: the edit form sends that address again with the new title.
    const given = { address: '2 rue du Pont', postalCode: '48400', commune: 'Florac Trois Rivières' };
    const { createEvent: placed } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { ...given, latitude: 44.33, longitude: 3.6 }),
    });
    await client.data(UPDATE_EVENT, { input: { id: placed.id, ...given, title: 'Premiers pas, deuxième édition' } });
    expect((await app.client().data(POSITION, { id: placed.id })).event).toMatchObject({ latitude: 44.33, longitude: 3.6 });

    // At the organizer's address, then online only: the address emptied, it is nowhere on the map.
    const { createEvent: atHome } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { address: '1 place Boyer', postalCode: '48400', commune: 'Florac Trois Rivières' }),
    });
    expect((await app.client().data(POSITION, { id: atHome.id })).event).toMatchObject({ latitude: 44.324, longitude: 3.593 });
    await client.data(UPDATE_EVENT, {
      input: { id: atHome.id, address: null, postalCode: null, commune: null, onlineUrl: 'https://visio.exemple.fr/florac' },
    });
    expect((await app.client().data(POSITION, { id: atHome.id })).event).toEqual({
      address: null,
      onlineUrl: 'https://visio.exemple.fr/florac',
      latitude: null,
      longitude: null,
    });
  });

  it("keeps an event linked to a directory place at that place on the map when its address comes back to the place's own", async () => {
    const { client, organization } = await organizer(app, 'Centre social de Marvejols');
    const { organization: library } = await organizer(app, 'Médiathèque de Marvejols');
    await app.orm.em
      .getConnection()
      .execute(
        `update organization set adresse = '3 place du Foirail', code_postal = '48100', commune = 'Marvejols', departement = '48', latitude = 44.553, longitude = 3.291 where id = ?`,
        [library.id],
      );
    const POSITION = `query ($id: ID!) { event(id: $id) { address latitude longitude } }`;
    // Announced through the API at the library, a directory place that is not its organizer: the library's address and position.
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { placeId: library.id, address: '3 place du Foirail', postalCode: '48100', commune: 'Marvejols' }),
    });
    expect((await app.client().data(POSITION, { id: event.id })).event).toEqual({
      address: '3 place du Foirail',
      latitude: 44.553,
      longitude: 3.291,
    });

    // Moved across the town, it leaves the library's position; back at the library's address, typed otherwise, it is there again.
    await client.data(UPDATE_EVENT, {
      input: { id: event.id, address: '7 avenue du Gévaudan', postalCode: '48100', commune: 'Marvejols' },
    });
    expect((await app.client().data(POSITION, { id: event.id })).event).toMatchObject({ latitude: null, longitude: null });
    await client.data(UPDATE_EVENT, { input: { id: event.id, address: '3 Place du  foirail', postalCode: '48100', commune: 'MARVEJOLS' } });
    expect((await app.client().data(POSITION, { id: event.id })).event).toEqual({
      address: '3 Place du  foirail',
      latitude: 44.553,
      longitude: 3.291,
    });
  });

  it("lists an event moved to its organizer's address in the organizer's département, and one moved away in its new commune's", async () => {
    // A place of the directory whose file gave no postcode: its département came from its code INSEE.
    const { client, organization } = await organizer(app, 'Maison de quartier de Savenay');
    await app.orm.em
      .getConnection()
      .execute(
        `update organization set adresse = '3 rue du Passage', code_postal = null, commune = 'Savenay', departement = '44', latitude = 47.36, longitude = -1.94 where id = ?`,
        [organization.id],
      );
    const WHERE = `query ($id: ID!) { event(id: $id) { departement latitude longitude } }`;
    const listedIn = async (departement: string) => {
      const { events } = await app
        .client()
        .data(`query ($org: ID!, $dep: String) { events(organizationId: $org, departement: $dep, first: 100) { edges { node { id } } } }`, {
          org: organization.id,
          dep: departement,
        });
      return events.edges.map((edge: { node: { id: string } }) => edge.node.id);
    };
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { address: '10 rue de Paris', postalCode: '35000', commune: 'Rennes' }),
    });
    expect(await listedIn('35')).toEqual([event.id]);

    // The edit form sends the organizer's address as the directory has it, the postcode field left empty.
    await client.data(UPDATE_EVENT, { input: { id: event.id, address: '3 rue du Passage', postalCode: null, commune: 'Savenay' } });
    expect((await app.client().data(WHERE, { id: event.id })).event).toEqual({ departement: '44', latitude: 47.36, longitude: -1.94 });
    expect(await listedIn('44')).toEqual([event.id]);
    expect(await listedIn('35')).toEqual([]);

    // Moved away with no postcode: in the département of its new commune, no longer in the organizer's.
    await client.data(UPDATE_EVENT, { input: { id: event.id, address: '5 place de la Mairie', postalCode: null, commune: 'Rennes' } });
    expect((await app.client().data(WHERE, { id: event.id })).event).toEqual({ departement: '35', latitude: null, longitude: null });
    expect(await listedIn('44')).toEqual([]);
    // Online only, it stays in that département's agenda (and on its clock).
    await client.data(UPDATE_EVENT, {
      input: { id: event.id, address: null, postalCode: null, commune: null, onlineUrl: 'https://visio.exemple.fr/savenay' },
    });
    expect((await app.client().data(WHERE, { id: event.id })).event.departement).toBe('35');
    // To another commune the official list does not know, it is in no département rather than in the old one.
    await client.data(UPDATE_EVENT, {
      input: { id: event.id, address: 'Salle du Moulin', postalCode: null, commune: 'Le Grand Lieu-dit' },
    });
    expect((await app.client().data(WHERE, { id: event.id })).event.departement).toBeNull();
    expect(await listedIn('35')).toEqual([]);

    // A postcode or a département given with the organizer's address wins, as on creation.
    await client.data(UPDATE_EVENT, {
      input: { id: event.id, address: '3 rue du Passage', postalCode: null, commune: 'Savenay', departement: '49' },
    });
    expect((await app.client().data(WHERE, { id: event.id })).event).toEqual({ departement: '49', latitude: 47.36, longitude: -1.94 });
  });

  it('keeps a weekly cycle at the same Paris time across the daylight-saving change, and registers to all its sessions at once', async () => {
    // The first Monday at least two weeks before the next change of the clocks.
    let day = DateTime.now().setZone('Europe/Paris').startOf('day').plus({ days: 1 });
    while (day.plus({ days: 1 }).offset === day.offset) day = day.plus({ days: 1 });
    let monday = day.minus({ weeks: 2 });
    while (monday.weekday !== 1) monday = monday.minus({ days: 1 });
    if (monday < DateTime.now()) monday = monday.plus({ weeks: 1 });
    const { client, organization } = await organizer(app, 'Amicale laïque de Malville');
    const { createEvent } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, {
        title: 'Cycle débutants',
        weeklySessions: 6,
        localStart: `${monday.toISODate()}T14:30`,
        localEnd: `${monday.toISODate()}T16:00`,
      }),
    });
    expect(createEvent.series.sessionCount).toBe(6);
    const sessions = createEvent.series.sessions;
    expect(sessions.map((s: any) => s.seriesPosition)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sessions.map((s: any) => paris(s.startsAt).toFormat('cccc HH:mm', { locale: 'fr' }))).toEqual(Array(6).fill('lundi 14:30'));
    const utcHours = new Set(sessions.map((s: any) => new Date(s.startsAt).getUTCHours()));
    expect(utcHours.size).toBe(2); // the UTC hour moves with the clocks; the Paris hour does not

    const [member] = await members(app, 1);
    const { registerToSeries } = await member.client.data(
      `mutation ($id: ID!) { registerToSeries(input: { seriesId: $id }) { eventId status } }`,
      { id: createEvent.series.id },
    );
    expect(registerToSeries).toHaveLength(6);
    expect(registerToSeries.every((r: any) => r.status === 'CONFIRMED')).toBe(true);
    const again = await member.client.error(`mutation ($id: ID!) { registerToSeries(input: { seriesId: $id }) { eventId } }`, {
      id: createEvent.series.id,
    });
    expect(again.extensions?.code).toBe('CONFLICT');
    expect(again.message).toMatch(/déjà inscrit/);
  });

  it('refuses a time that does not exist on the place’s clock, an end before the start, a missing place, zero seats — one message per field, nothing saved', async () => {
    const { client, organization } = await organizer(app);
    // The last Sunday of March at 02:30 never shows on a Paris clock.
    let march = DateTime.fromObject({ year: DateTime.now().year + 1, month: 3, day: 31 }, { zone: 'Europe/Paris' });
    while (march.weekday !== 7) march = march.minus({ days: 1 });
    const error = await client.error(CREATE_EVENT, {
      input: eventInput(organization.id, {
        title: 'A',
        localStart: `${march.toISODate()}T02:30`,
        localEnd: `${march.toISODate()}T01:00`,
        address: null,
        postalCode: null,
        commune: null,
        capacity: 0,
      }),
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toMatchObject({
      title: expect.stringMatching(/au moins 3 caractères/),
      localStart: expect.stringMatching(/n’existe pas ce jour-là \(passage à l’heure d’été\)/),
      placeId: expect.stringMatching(/lieu de l’annuaire, une adresse ou un lien/),
      capacity: expect.stringMatching(/nombre de places/),
    });
    const past = await client.error(CREATE_EVENT, {
      input: eventInput(organization.id, { localStart: parisLocal(-3, '10:00'), localEnd: parisLocal(-3, '11:00') }),
    });
    expect(past.extensions?.fields?.localStart).toMatch(/déjà passée/);
    const reversed = await client.error(CREATE_EVENT, {
      input: eventInput(organization.id, { localStart: parisLocal(5, '16:00'), localEnd: parisLocal(5, '14:00') }),
    });
    expect(reversed.extensions?.fields?.localEnd).toMatch(/après le début/);
    const [{ count }] = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as count from agenda_event where organizer_id = ?`, [organization.id]);
    expect(count).toBe(0);
  });

  it("lets only the organization's admins and editors create and edit its events", async () => {
    const { client, organization } = await organizer(app);
    const input = eventInput(organization.id);
    expect((await app.client().error(CREATE_EVENT, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    const stranger = app.client();
    await signUp(stranger, 'Autre Structure');
    const refused = await stranger.error(CREATE_EVENT, { input });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/administrateurs et éditeurs de cette organisation/);

    const { createEvent } = await client.data(CREATE_EVENT, { input });
    // An admin of another organization cannot edit it either.
    const other = await organizer(app, 'Amicale laïque de Saint-Étienne-de-Montluc');
    const edit = await other.client.error(UPDATE_EVENT, { input: { id: createEvent.id, title: 'Détourné' } });
    expect(edit.extensions?.code).toBe('FORBIDDEN');
    expect((await app.client().data(EVENT, { id: createEvent.id })).event.title).toBe(input.title);

    // An editor it names can.
    const editor = app.client();
    const editorUser = await signUp(editor, 'Karim Éditeur');
    await app.orm.em
      .getConnection()
      .execute(`insert into membership (id, organization_id, user_id, role) values (gen_random_uuid(), ?, ?, 'editor')`, [
        organization.id,
        editorUser.id,
      ]);
    const { updateEvent } = await editor.data(UPDATE_EVENT, { input: { id: createEvent.id, title: 'Premiers pas (nouvelle date)' } });
    expect(updateEvent.title).toBe('Premiers pas (nouvelle date)');
    expect(updateEvent.sequence).toBe(createEvent.sequence + 1);
  });
});

describe('registrations', () => {
  it('confirms while seats remain, then waitlists in order; a cancellation gives the seat to the first waiting person, who is told', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { capacity: 2 }) });
    const [ana, bruno, chloe, denis] = await members(app, 4);
    expect((await ana.client.data(REGISTER, { eventId: event.id })).registerToEvent).toMatchObject({
      status: 'CONFIRMED',
      waitlistPosition: null,
    });
    expect((await bruno.client.data(REGISTER, { eventId: event.id })).registerToEvent).toMatchObject({ status: 'CONFIRMED' });
    expect((await chloe.client.data(REGISTER, { eventId: event.id })).registerToEvent).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
    expect((await denis.client.data(REGISTER, { eventId: event.id })).registerToEvent).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 2,
    });

    const twice = await ana.client.error(REGISTER, { eventId: event.id });
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toBe('Vous êtes déjà inscrit·e à cet événement.');
    const full = (await denis.client.data(EVENT, { id: event.id })).event;
    expect(full).toMatchObject({
      confirmedCount: 2,
      waitlistCount: 2,
      remainingSeats: 0,
      myRegistration: { status: 'WAITLISTED', waitlistPosition: 2 },
    });

    expect((await bruno.client.data(CANCEL, { eventId: event.id })).cancelRegistration.status).toBe('CANCELLED');
    expect((await chloe.client.data(EVENT, { id: event.id })).event.myRegistration).toEqual({
      status: 'CONFIRMED',
      waitlistPosition: null,
    });
    expect((await denis.client.data(EVENT, { id: event.id })).event.myRegistration).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
    const { notifications } = await chloe.client.data(`{ notifications { edges { node { kind message link } } } }`);
    expect(notifications.edges).toEqual([
      {
        node: {
          kind: 'agenda.promoted',
          link: `/agenda/evenements/${event.id}`,
          message: expect.stringMatching(
            /^Une place s’est libérée\u00a0: votre inscription à «\u00a0Premiers pas sur le smartphone\u00a0» du \S+ (1er|\d+) \S+ \d{4}, 14\u202fh\u202f30 est confirmée\.$/,
          ),
        },
      },
    ]);
    // Bruno may come back: at the end of the line.
    expect((await bruno.client.data(REGISTER, { eventId: event.id })).registerToEvent).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 2,
    });
    // Leaving the waitlist moves the others up.
    await denis.client.data(CANCEL, { eventId: event.id });
    expect((await bruno.client.data(EVENT, { id: event.id })).event.myRegistration.waitlistPosition).toBe(1);
    expect((await denis.client.error(CANCEL, { eventId: event.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await app.client().error(REGISTER, { eventId: event.id })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('raising the capacity confirms waiting people in order; lowering it never removes a confirmed person', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { capacity: 1 }) });
    const people = await members(app, 4);
    for (const person of people) await person.client.data(REGISTER, { eventId: event.id });
    const raised = (await client.data(UPDATE_EVENT, { input: { id: event.id, capacity: 3 } })).updateEvent;
    expect(raised).toMatchObject({ confirmedCount: 3, waitlistCount: 1, remainingSeats: 0 });
    const statuses = await Promise.all(people.map(async (p) => (await p.client.data(EVENT, { id: event.id })).event.myRegistration));
    expect(statuses).toEqual([
      { status: 'CONFIRMED', waitlistPosition: null },
      { status: 'CONFIRMED', waitlistPosition: null },
      { status: 'CONFIRMED', waitlistPosition: null },
      { status: 'WAITLISTED', waitlistPosition: 1 },
    ]);
    const promoted = await people[1].client.data(`{ notifications { edges { node { kind } } } }`);
    expect(promoted.notifications.edges.map((e: any) => e.node.kind)).toEqual(['agenda.promoted']);

    const lowered = (await client.data(UPDATE_EVENT, { input: { id: event.id, capacity: 1 } })).updateEvent;
    expect(lowered).toMatchObject({ capacity: 1, confirmedCount: 3, waitlistCount: 1, remainingSeats: 0 });
    // A seat freed while still over capacity goes to nobody.
    await people[0].client.data(CANCEL, { eventId: event.id });
    expect((await people[3].client.data(EVENT, { id: event.id })).event.myRegistration).toEqual({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
    // Without a limit, everyone waiting gets in.
    const unlimited = (await client.data(UPDATE_EVENT, { input: { id: event.id, capacity: null } })).updateEvent;
    expect(unlimited).toMatchObject({ capacity: null, confirmedCount: 3, waitlistCount: 0, remainingSeats: null });
  });

  it('refuses registrations outside the registration window and once the event has started', async () => {
    const { client, organization } = await organizer(app);
    const later = new Date(Date.now() + 3 * 86_400_000);
    const { createEvent: notYet } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { registrationOpensAt: later.toISOString() }),
    });
    const [member] = await members(app, 1);
    const early = await member.client.error(REGISTER, { eventId: notYet.id });
    expect(early.extensions?.code).toBe('CONFLICT');
    expect(early.message).toMatch(/^Les inscriptions ouvrent le \S+ (1er|\d+) \S+ \d{4}, \d+\u202fh/);
    expect(notYet.registrationState).toBe('NOT_YET_OPEN');

    const { createEvent: closing } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { registrationClosesAt: new Date(Date.now() + 86_400_000).toISOString() }),
    });
    await app.orm.em
      .getConnection()
      .execute(`update agenda_event set registration_closes_at = now() - interval '1 minute' where id = ?`, [closing.id]);
    const late = await member.client.error(REGISTER, { eventId: closing.id });
    expect(late.extensions?.code).toBe('CONFLICT');
    expect(late.message).toBe('Les inscriptions à cet événement sont closes.');
    expect((await member.client.data(EVENT, { id: closing.id })).event.registrationState).toBe('CLOSED');

    await app.orm.em
      .getConnection()
      .execute(`update agenda_event set starts_at = now() - interval '10 minutes', registration_closes_at = null where id = ?`, [
        closing.id,
      ]);
    expect((await member.client.error(REGISTER, { eventId: closing.id })).message).toMatch(/a déjà commencé/);
  });

  it('tells registered people when the time changes, and shows the attendee list to organizers only', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { capacity: 1 }) });
    const [first, second] = await members(app, 2, 'Participant');
    await first.client.data(REGISTER, { eventId: event.id });
    await second.client.data(REGISTER, { eventId: event.id });
    await client.data(UPDATE_EVENT, { input: { id: event.id, localStart: parisLocal(11, '15:00'), localEnd: parisLocal(11, '16:30') } });
    const told = await second.client.data(`{ notifications { edges { node { kind message } } } }`);
    expect(told.notifications.edges[0].node).toMatchObject({
      kind: 'agenda.changed',
      // A new start: the event is rescheduled, and the first date announced is recalled.
      message: expect.stringMatching(/est reporté\u00a0: rendez-vous le .*15\u202fh.*\(initialement prévu le .*14\u202fh\u202f30\)/),
    });

    const ATTENDEES = `query ($id: ID!) { event(id: $id) { attendees { totalCount edges { node { displayName email status waitlistPosition } } } } }`;
    const { event: seen } = await client.data(ATTENDEES, { id: event.id });
    expect(seen.attendees.totalCount).toBe(2);
    expect(seen.attendees.edges.map((e: any) => [e.node.displayName, e.node.status, e.node.waitlistPosition])).toEqual([
      ['Participant 001', 'CONFIRMED', null],
      ['Participant 002', 'WAITLISTED', 1],
    ]);
    const refused = await first.client.error(ATTENDEES, { id: event.id });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists my registrations, upcoming first', async () => {
    const { client, organization } = await organizer(app);
    const [member] = await members(app, 1);
    const ids = [];
    for (const days of [20, 15]) {
      const { createEvent } = await client.data(CREATE_EVENT, {
        input: eventInput(organization.id, {
          title: `Atelier J+${days}`,
          localStart: parisLocal(days, '10:00'),
          localEnd: parisLocal(days, '12:00'),
        }),
      });
      ids.push(createEvent.id);
      await member.client.data(REGISTER, { eventId: createEvent.id });
    }
    await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Pas inscrit' }) });
    const { myRegistrations } = await member.client.data(
      `{ myRegistrations { totalCount edges { node { title myStatus organizerName } } } }`,
    );
    expect(myRegistrations.totalCount).toBe(2);
    expect(myRegistrations.edges.map((e: any) => e.node.title)).toEqual(['Atelier J+15', 'Atelier J+20']);
    expect(myRegistrations.edges[0].node).toMatchObject({ myStatus: 'CONFIRMED', organizerName: organization.name });
    expect((await app.client().error(`{ myRegistrations { totalCount } }`)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the agenda list', () => {
  it('filters by kind, level, département, dates, organization and distance, as a connection', async () => {
    const { client, organization } = await organizer(app, 'Réseau filtres');
    const other = await organizer(app, 'Lieu filtres Charente');
    await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { title: 'Filtre atelier Savenay', latitude: 47.3589, longitude: -1.9431 }),
    });
    await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, {
        title: 'Filtre café',
        kind: 'CAFE_CITOYEN',
        level: null,
        localStart: parisLocal(40, '18:00'),
        localEnd: parisLocal(40, '20:00'),
      }),
    });
    const { createEvent: angouleme } = await other.client.data(CREATE_EVENT, {
      input: eventInput(other.organization.id, {
        title: 'Filtre Angoulême',
        postalCode: '16000',
        commune: 'Angoulême',
        latitude: 45.6484,
        longitude: 0.1562,
        coOrganizerIds: [organization.id],
      }),
    });
    // Co-organized once the invited organization accepted.
    await client.data(`mutation ($input: CoOrganizationAnswerInput!) { acceptCoOrganization(input: $input) { status } }`, {
      input: { eventId: angouleme.id, organizationId: organization.id },
    });
    const titles = async (args: string) => {
      const { events } = await app.client().data(`{ events(${args}) { totalCount edges { node { title } } } }`);
      return events.edges
        .map((e: any) => e.node.title)
        .filter((t: string) => t.startsWith('Filtre'))
        .sort();
    };
    expect(await titles('kind: CAFE_CITOYEN')).toEqual(['Filtre café']);
    expect(await titles('level: DEBUTANT, first: 100')).toEqual(['Filtre Angoulême', 'Filtre atelier Savenay']);
    expect(await titles('departement: "16"')).toEqual(['Filtre Angoulême']);
    expect(await titles(`to: "${new Date(Date.now() + 30 * 86_400_000).toISOString()}", first: 100`)).toEqual([
      'Filtre Angoulême',
      'Filtre atelier Savenay',
    ]);
    expect(await titles(`organizationId: "${organization.id}"`)).toEqual(['Filtre Angoulême', 'Filtre atelier Savenay', 'Filtre café']);
    expect(await titles('near: { lat: 47.2184, lng: -1.5536, radiusKm: 40 }')).toEqual(['Filtre atelier Savenay']);
    const wrong = await app.client().error(`{ events(departement: "99") { totalCount } }`);
    expect(wrong.extensions?.fields?.departement).toMatch(/n’existe pas/);
  });

  it('reads a page in the same number of SQL statements for 2 and for 20 events', async () => {
    const { client, user, organization } = await organizer(app, 'Réseau comptage');
    await establishAccountInDb(app, user.id); // past the first-week posting limit
    for (let i = 0; i < 20; i++) {
      await client.data(CREATE_EVENT, {
        input: eventInput(organization.id, {
          title: `Comptage ${i}`,
          localStart: parisLocal(60 + i, '10:00'),
          localEnd: parisLocal(60 + i, '11:00'),
        }),
      });
    }
    const list = (first: number) =>
      client.data(
        `query ($first: Int, $org: ID) { events(first: $first, organizationId: $org) {
      totalCount pageInfo { hasNextPage } edges { node { id title organizerName confirmedCount remainingSeats myStatus myWaitlistPosition } } } }`,
        { first, org: organization.id },
      );
    const small = await app.countStatements(() => list(2));
    const large = await app.countStatements(() => list(20));
    expect(small.result.events.edges).toHaveLength(2);
    expect(small.result.events).toMatchObject({ totalCount: 20, pageInfo: { hasNextPage: true } });
    expect(large.result.events.edges).toHaveLength(20);
    expect(large.statements).toBe(small.statements);

    const [member] = await members(app, 1);
    const mine = (first: number) =>
      member.client.data(`query ($first: Int) { myRegistrations(first: $first) { totalCount edges { node { id myStatus } } } }`, { first });
    const page = (await list(20)).events.edges;
    for (const edge of page) await member.client.data(REGISTER, { eventId: edge.node.id });
    const few = await app.countStatements(() => mine(2));
    const many = await app.countStatements(() => mine(20));
    expect(many.result.myRegistrations.edges).toHaveLength(20);
    expect(many.statements).toBe(few.statements);

    // The organizers' list of attendees too.
    const crowd = await members(app, 20, 'Foule');
    const target = page[0].node.id;
    for (const person of crowd) await person.client.data(REGISTER, { eventId: target });
    const attendees = (first: number) =>
      client.data(
        `query ($id: ID!, $first: Int) { event(id: $id) { attendees(first: $first) {
      totalCount edges { node { displayName status waitlistPosition } } } } }`,
        { id: target, first },
      );
    const two = await app.countStatements(() => attendees(2));
    const twenty = await app.countStatements(() => attendees(20));
    expect(two.result.event.attendees.totalCount).toBe(21);
    expect(twenty.result.event.attendees.edges).toHaveLength(20);
    expect(twenty.statements).toBe(two.statements);
  });
});

describe('keyset pages of the agenda', () => {
  /** Walks a list `first` by `first` until hasNextPage is false; every page must give the same total. */
  async function walk(read: (after: string | null) => Promise<any>, total: number) {
    const seen: any[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await read(after);
      expect(page.totalCount).toBe(total);
      seen.push(...page.edges.map((edge: any) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 20);
    return { seen, pages, last: after };
  }

  it('walks the events and my registrations two by two, soonest first, events of the same start in one order', async () => {
    const { client, user, organization } = await organizer(app, 'Réseau pages');
    await establishAccountInDb(app, user.id); // past the first-week posting limit
    const create = async (title: string, days: number) =>
      (
        await client.data(CREATE_EVENT, {
          input: eventInput(organization.id, { title, localStart: parisLocal(days, '10:00'), localEnd: parisLocal(days, '11:00') }),
        })
      ).createEvent.id as string;
    const later = await create('Page J+71', 71);
    const tied = [await create('Page même heure A', 70), await create('Page même heure B', 70), await create('Page même heure C', 70)];
    const sooner = await create('Page J+69', 69);
    const expected = [sooner, ...[...tied].sort(), later];

    const EVENTS = `query ($first: Int, $after: String, $org: ID) { events(first: $first, after: $after, organizationId: $org) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id title } } } }`;
    const events = async (after: string | null) => (await app.client().data(EVENTS, { first: 2, after, org: organization.id })).events;
    const { seen, pages } = await walk(events, 5);
    expect(pages).toBe(3);
    expect(seen.map((node) => node.id)).toEqual(expected);
    const all = (await app.client().data(EVENTS, { first: 5, org: organization.id })).events;
    expect(all.edges.map((edge: any) => edge.node.id)).toEqual(expected);
    expect(all.pageInfo.hasNextPage).toBe(false);
    // Past the end: an empty page that still knows the total.
    const beyond = (await app.client().data(EVENTS, { first: 2, after: all.pageInfo.endCursor, org: organization.id })).events;
    expect(beyond).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    // An offset cursor of the old kind is refused.
    const foreign = Buffer.from('o:1').toString('base64url');
    const refused = await app.client().error(EVENTS, { first: 2, after: foreign, org: organization.id });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');

    const [member] = await members(app, 1, 'Pages');
    for (const id of [later, ...tied, sooner]) await member.client.data(REGISTER, { eventId: id });
    const MINE = `query ($first: Int, $after: String) { myRegistrations(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id myStatus } } } }`;
    const mine = await walk(async (after) => (await member.client.data(MINE, { first: 2, after })).myRegistrations, 5);
    expect(mine.seen.map((node) => node.id)).toEqual(expected);
    expect(mine.seen.every((node) => node.myStatus === 'CONFIRMED')).toBe(true);

    // Past registrations: latest first, the same events of the same start in the reverse order.
    await app.orm.em
      .fork()
      .getConnection()
      .execute(
        `update agenda_event set starts_at = starts_at - interval '200 days', ends_at = ends_at - interval '200 days' where organizer_id = ?`,
        [organization.id],
      );
    const PAST = `query ($first: Int, $after: String) { myRegistrations(first: $first, after: $after, past: true) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const past = await walk(async (after) => (await member.client.data(PAST, { first: 2, after })).myRegistrations, 5);
    expect(past.seen.map((node) => node.id)).toEqual([...expected].reverse());
  });

  it('walks the attendees one by one: confirmed people, then the waitlist in its order', async () => {
    const { client, organization } = await organizer(app, 'Réseau pages inscrits');
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { capacity: 2 }) });
    const people = await members(app, 5, 'Inscrit page');
    for (const person of people) await person.client.data(REGISTER, { eventId: event.id });

    const ATTENDEES = `query ($id: ID!, $first: Int, $after: String, $status: RegistrationStatus) { event(id: $id) {
      attendees(first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } edges { node { displayName status waitlistPosition } } } } }`;
    const attendees = (status: string | null) => async (after: string | null) =>
      (await client.data(ATTENDEES, { id: event.id, first: 1, after, status })).event.attendees;
    const everyone = await walk(attendees(null), 5);
    expect(everyone.pages).toBe(5);
    expect(everyone.seen.map((node) => [node.displayName, node.status, node.waitlistPosition])).toEqual([
      ['Inscrit page 001', 'CONFIRMED', null],
      ['Inscrit page 002', 'CONFIRMED', null],
      ['Inscrit page 003', 'WAITLISTED', 1],
      ['Inscrit page 004', 'WAITLISTED', 2],
      ['Inscrit page 005', 'WAITLISTED', 3],
    ]);
    const waiting = await walk(attendees('WAITLISTED'), 3);
    expect(waiting.seen.map((node) => [node.displayName, node.waitlistPosition])).toEqual([
      ['Inscrit page 003', 1],
      ['Inscrit page 004', 2],
      ['Inscrit page 005', 3],
    ]);
  });
});

import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, UPDATE_EVENT, eventInput, members, organizer, parisLocal } from '../helpers/agenda.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { publicUrl: 'https://maillage.exemple.fr' } });
});
afterAll(async () => {
  await app?.close();
});

async function fetchCalendar(path: string) {
  const response = await fetch(`${app.url}${path}`);
  const text = await response.text();
  return { response, text, events: Object.values(ical.sync.parseICS(text)).filter((c: any) => c.type === 'VEVENT') as any[] };
}

describe('calendars (RFC 5545)', () => {
  it('serves one event in Paris time; an update keeps its UID with a higher SEQUENCE', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, { localStart: parisLocal(9, '14:30'), localEnd: parisLocal(9, '16:00') }),
    });
    const first = await fetchCalendar(`/ical/events/${event.id}.ics`);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(first.text).toContain('BEGIN:VTIMEZONE');
    expect(first.text).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T143000/);
    expect(first.events).toHaveLength(1);
    const [entry] = first.events;
    expect(entry.uid).toBe(`${event.id}@maillage`);
    expect(entry.summary).toBe('Premiers pas sur le smartphone');
    expect(entry.start.toISOString()).toBe(new Date(event.startsAt).toISOString());
    expect(entry.end.toISOString()).toBe(new Date(event.endsAt).toISOString());
    expect(entry.start.tz).toBe('Europe/Paris');
    expect(entry.location).toBe('12 rue de la Mairie, 44260 Savenay');
    expect(Number(entry.sequence)).toBe(0);

    const { updateEvent } = await client.data(UPDATE_EVENT, {
      input: { id: event.id, localStart: parisLocal(9, '15:00'), localEnd: parisLocal(9, '16:30') },
    });
    const second = await fetchCalendar(`/ical/events/${event.id}.ics`);
    const [changed] = second.events;
    expect(changed.uid).toBe(entry.uid);
    expect(Number(changed.sequence)).toBe(1);
    expect(changed.start.toISOString()).toBe(new Date(updateEvent.startsAt).toISOString());
    expect(second.text).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T150000/);

    expect((await fetch(`${app.url}/ical/events/00000000-0000-0000-0000-000000000000.ics`)).status).toBe(404);
  });

  it('describes the event in plain text: the organizer’s Markdown without its marks', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, {
        description:
          '## Au programme\n\nUn atelier **sans jargon** & sans stress.\n\n- votre téléphone\n- [le guide](https://exemple.fr/guide)',
      }),
    });
    const [entry] = (await fetchCalendar(`/ical/events/${event.id}.ics`)).events;
    expect(entry.description).toMatch(
      /^Au programme\n\nUn atelier sans jargon & sans stress\.\n\n• votre téléphone\n• le guide \(https:\/\/exemple\.fr\/guide\)\n\nOrganisé par /,
    );
  });

  it("writes an overseas event on its place's clock, with that zone's definition", async () => {
    const { client, organization } = await organizer(app, 'Médiathèque de Nouméa');
    const day = parisLocal(9, '00:00').slice(0, 10);
    const { createEvent: event } = await client.data(CREATE_EVENT, {
      input: eventInput(organization.id, {
        localStart: `${day}T08:00`,
        localEnd: `${day}T09:30`,
        postalCode: '98800',
        commune: 'Nouméa',
        address: '1 rue de Sébastopol',
      }),
    });
    const { text, events } = await fetchCalendar(`/ical/events/${event.id}.ics`);
    expect(text).toContain('TZID:Pacific/Noumea');
    expect(text).toContain('TZOFFSETTO:+1100');
    expect(text).toMatch(new RegExp(`DTSTART;TZID=Pacific/Noumea:${day.replaceAll('-', '')}T080000`));
    const [entry] = events;
    // Nouméa is UTC+11: 8:00 there is 21:00 UTC the day before, whatever zone the calendar app is in.
    expect(entry.start.toISOString()).toBe(new Date(Date.parse(`${day}T08:00:00+11:00`)).toISOString());
    expect(entry.start.toISOString()).toBe(new Date(event.startsAt).toISOString());
    expect(entry.start.tz).toBe('Pacific/Noumea');
  });

  it('serves feeds per organization (with co-organized events) and per département', async () => {
    const { client, organization } = await organizer(app, 'Réseau calendrier');
    const other = await organizer(app, 'Lieu calendrier Charente');
    await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Calendrier Savenay' }) });
    const { createEvent: angouleme } = await other.client.data(CREATE_EVENT, {
      input: eventInput(other.organization.id, {
        title: 'Calendrier Angoulême',
        postalCode: '16000',
        commune: 'Angoulême',
        coOrganizerIds: [organization.id],
      }),
    });
    await client.data(`mutation ($input: CoOrganizationAnswerInput!) { acceptCoOrganization(input: $input) { status } }`, {
      input: { eventId: angouleme.id, organizationId: organization.id },
    });
    const byOrganization = await fetchCalendar(`/ical/organizations/${organization.slug}.ics`);
    expect(byOrganization.events.map((e) => e.summary).sort()).toEqual(['Calendrier Angoulême', 'Calendrier Savenay']);
    const charente = await fetchCalendar('/ical/departements/16.ics');
    expect(charente.events.map((e) => e.summary)).toEqual(['Calendrier Angoulême']);
    expect((await fetch(`${app.url}/ical/departements/99.ics`)).status).toBe(404);
    const { organization: withUrl } = await app
      .client()
      .data(`query ($id: ID!) { organization(id: $id) { calendarUrl } }`, { id: organization.id });
    expect(withUrl.calendarUrl).toBe(`https://maillage.exemple.fr/ical/organizations/${organization.slug}.ics`);
  });

  it('serves "my agenda" at a private address that can be renewed and revoked', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Mon atelier à moi' }) });
    await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title: 'Pas pour moi' }) });
    const [member] = await members(app, 1);
    await member.client.data(REGISTER, { eventId: event.id });
    expect((await member.client.data(`{ hasCalendarLink }`)).hasCalendarLink).toBe(false);
    const { renewCalendarLink } = await member.client.data(`mutation { renewCalendarLink { url } }`);
    expect(renewCalendarLink.url).toMatch(/^https:\/\/maillage\.exemple\.fr\/ical\/me\/[\w-]{40,}\.ics$/);
    const path = new URL(renewCalendarLink.url).pathname;
    const mine = await fetchCalendar(path);
    expect(mine.events.map((e) => e.summary)).toEqual(['Mon atelier à moi']);
    expect(mine.response.headers.get('cache-control')).toBe('private, no-store');

    const renewed = (await member.client.data(`mutation { renewCalendarLink { url } }`)).renewCalendarLink.url;
    expect((await fetch(`${app.url}${path}`)).status).toBe(404);
    expect((await fetch(`${app.url}${new URL(renewed).pathname}`)).status).toBe(200);
    expect((await member.client.data(`mutation { revokeCalendarLink }`)).revokeCalendarLink).toBe(true);
    const revoked = await fetch(`${app.url}${new URL(renewed).pathname}`);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toMatch(/n’est plus valable/);
    expect((await app.client().error(`mutation { renewCalendarLink { url } }`)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('attendance sheet (émargement)', () => {
  it('gives organizers a CSV with French column names, confirmed people first then the waitlist; others are refused', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { capacity: 2 }) });
    const people = await members(app, 3, 'Émargement');
    for (const person of [people[2], people[0], people[1]]) await person.client.data(REGISTER, { eventId: event.id });
    const url = `${app.url}/api/agenda/events/${event.id}/emargement.csv`;
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="emargement-/);
    const text = (await response.text()).replace(/^\ufeff/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Nom;Courriel;Téléphone;Commune;Statut;Rang en liste d’attente;Inscrit·e le;Signature');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^Émargement 001;agenda\.[^;]+@exemple\.fr;;;Inscrit·e;;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};$/);
    expect(lines[2]).toMatch(/^Émargement 003;.*;Inscrit·e;;/);
    expect(lines[3]).toMatch(/^Émargement 002;.*;Liste d’attente;1;/);

    expect((await fetch(url)).status).toBe(401);
    const member = [...people[0].client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const refused = await fetch(url, { headers: { cookie: member } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/Seuls les administrateurs et éditeurs/);
    const stranger = app.client();
    await signUp(stranger, 'Autre');
    expect(
      (await stranger.data(`query ($id: ID!) { event(id: $id) { attendanceSheetUrl } }`, { id: event.id })).event.attendanceSheetUrl,
    ).toBeNull();
  });
});

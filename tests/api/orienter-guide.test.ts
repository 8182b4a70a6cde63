import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, drainEmailOutbox } from '../../server/src/modules/commun/notifications/email-worker.js';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { times, french } from '../helpers/french.js';

const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug } }`;
const GUIDE = `query ($input: GuidedOrientationInput!) { guidedOrientation(input: $input) {
  needLabel origin fallback
  places { slug name distanceKm openAtChosenTimes comesToThePerson reasons warnings }
  comesToThePerson { name reasons } } }`;
const FICHE = `query ($slug: String!, $need: String, $helperName: String) { orientationFiche(slug: $slug, need: $need, helperName: $helperName) {
  name address accessHint directionsUrl telephone needLabel toBring helperName smsText hours { day hours } } }`;
const SEND = `mutation ($input: SendOrientationFicheInput!) { sendOrientationFiche(input: $input) }`;

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let helper: GraphQLClient;
const slugs: Record<string, string> = {};
const ids: Record<string, string> = {};
const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);

// Around Savenay (44): the person stands at the town hall.
const SAVENAY = { latitude: 47.3612, longitude: -1.942 };

beforeAll(async () => {
  [app, smtp] = await Promise.all([startTestApp(), startSmtpServer()]);
  helper = app.client();
  await signUp(helper, 'Camille Le Goff');
  const place = async (key: string, name: string, fields: Record<string, unknown>) => {
    const { createOrganization } = await helper.data(CREATE, {
      input: { name, codePostal: '44260', commune: 'Savenay', fraisACharge: ['Gratuit'], ...fields },
    });
    slugs[key] = createOrganization.slug;
    ids[key] = createOrganization.id;
  };
  // The nearest, but closed on Mondays.
  await place('fermeLundi', 'Mairie de Savenay', {
    adresse: '1 place de l’Hôtel de Ville',
    latitude: 47.3613,
    longitude: -1.9421,
    horaires: 'Tu-Fr 09:00-17:00',
    services: ['Aide aux démarches administratives'],
  });
  // A little farther, open on Monday mornings.
  await place('ouvertLundi', 'Médiathèque Colette', {
    adresse: '12 rue de Nantes',
    complementAdresse: 'Entrée par la cour, à gauche',
    latitude: 47.3652,
    longitude: -1.9448,
    telephone: '+33240583210',
    horaires: 'Mo 09:00-12:00; We 14:00-18:00',
    services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
    priseEnChargeSpecifique: ['Handicaps moteurs'],
  });
  // Five kilometres away, but it travels to people.
  await place('itinerant', 'Bus numérique de l’Estuaire', {
    adresse: '3 route de Malville',
    latitude: 47.3597,
    longitude: -1.8631,
    itinerance: ['Itinérant'],
    horaires: 'Mo-Fr 09:00-17:00',
    services: ['Aide aux démarches administratives'],
  });
  // Thirty kilometres away in Nantes: the only one selling second-hand computers.
  await place('nantes', 'Atelier du Réemploi de Nantes', {
    commune: 'Nantes',
    codePostal: '44000',
    adresse: '5 quai de la Fosse',
    latitude: 47.2118,
    longitude: -1.5646,
    horaires: 'Mo-Sa 10:00-18:00',
    services: ['Acquisition de matériel informatique à prix solidaire'],
  });
});
afterAll(async () => {
  await Promise.all([app?.close(), smtp?.close()]);
});

const guide = (client: GraphQLClient, input: Record<string, unknown>) => client.data(GUIDE, { input });

describe('guided orientation: the ranking', () => {
  it('never puts first a place closed at the chosen time, and says why each fits', async () => {
    const { guidedOrientation } = await guide(app.client(), {
      need: 'demarches',
      ...SAVENAY,
      slots: ['lundi-matin'],
      travel: 'transports',
    });
    const names = guidedOrientation.places.map((p: any) => p.name);
    expect(names[0]).toBe('Médiathèque Colette');
    expect(names).toContain('Mairie de Savenay');
    const [first] = guidedOrientation.places;
    expect(first.openAtChosenTimes).toBe(true);
    expect(first.reasons).toContain('Ouvert lundi matin');
    // The need inside a sentence keeps its capitals where they are names (CAF).
    expect(first.reasons).toContain(french('Aide à : faire une démarche en ligne (CAF, impôts, santé, retraite…)'));
    expect(first.reasons.some((r: string) => r.startsWith('À ') && r.includes('à pied'))).toBe(true);
    const closed = guidedOrientation.places.find((p: any) => p.name === 'Mairie de Savenay');
    expect(closed.openAtChosenTimes).toBe(false);
    expect(closed.warnings).toContain('Fermé aux moments que vous avez choisis');
    expect(guidedOrientation.fallback).toBe(false);
  });

  it('without a chosen time, the nearest comes first; a welcome need met lifts a place', async () => {
    const plain = await guide(app.client(), { need: 'demarches', ...SAVENAY, travel: 'transports' });
    expect(plain.guidedOrientation.places[0].name).toBe('Mairie de Savenay');
    const wheelchair = await guide(app.client(), { need: 'demarches', ...SAVENAY, travel: 'transports', welcome: ['fauteuil'] });
    expect(wheelchair.guidedOrientation.places[0].name).toBe('Médiathèque Colette');
    expect(wheelchair.guidedOrientation.places[0].reasons).toContain('Accueille les personnes à mobilité réduite');
  });

  it('for a person who cannot travel, an itinerant service comes first, before nearer fixed places', async () => {
    const { guidedOrientation } = await guide(app.client(), { need: 'demarches', ...SAVENAY, travel: 'aucun' });
    expect(guidedOrientation.places[0].name).toBe('Bus numérique de l’Estuaire');
    expect(guidedOrientation.places[0].comesToThePerson).toBe(true);
    expect(guidedOrientation.places[0].reasons).toContain('Se déplace jusqu’à vous (itinérant)');
    expect(guidedOrientation.comesToThePerson.map((p: any) => p.name)).toEqual(['Bus numérique de l’Estuaire']);
  });

  it('when nothing fits within reach, falls back to the nearest places that offer the need', async () => {
    const { guidedOrientation } = await guide(app.client(), { need: 'materiel', commune: 'Savenay', travel: 'marche' });
    expect(guidedOrientation.fallback).toBe(true);
    expect(guidedOrientation.places.map((p: any) => p.name)).toEqual(['Atelier du Réemploi de Nantes']);
    expect(guidedOrientation.places[0].distanceKm).toBeGreaterThan(25);
    expect(guidedOrientation.origin).toBe('Savenay');
  });

  it('refuses answers it cannot read, in French, naming the question', async () => {
    const unknownNeed = await app.client().error(GUIDE, { input: { need: 'voyager', commune: 'Savenay' } });
    expect(unknownNeed.extensions?.code).toBe('BAD_USER_INPUT');
    expect((unknownNeed.extensions?.fields as any).need).toBe('Choisissez ce que la personne veut faire.');
    const badSlot = await app.client().error(GUIDE, { input: { need: 'demarches', commune: 'Savenay', slots: ['dimanche-soir'] } });
    expect((badSlot.extensions?.fields as any).slots).toBe('Choisissez des demi-journées de la liste.');
    const nowhere = await app.client().error(GUIDE, { input: { need: 'demarches', commune: 'Trifouilly' } });
    expect((nowhere.extensions?.fields as any).commune).toContain(french('Nous ne connaissons pas de lieu à « Trifouilly »'));
    const noPlace = await app.client().error(GUIDE, { input: { need: 'demarches' } });
    expect((noPlace.extensions?.fields as any).commune).toBe('Indiquez une commune ou un code postal.');
  });

  it('mode accompagnant: a member starts from their own place, and only from theirs', async () => {
    const { guidedOrientation } = await guide(helper, { need: 'demarches', fromOrganizationId: ids.ouvertLundi, travel: 'marche' });
    expect(guidedOrientation.origin).toBe('Médiathèque Colette');
    expect(guidedOrientation.places[0].name).toBe('Médiathèque Colette');
    const stranger = app.client();
    await signUp(stranger, 'Alex Martin');
    const refused = await stranger.error(GUIDE, { input: { need: 'demarches', fromOrganizationId: ids.ouvertLundi } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Vous ne pouvez partir que d’un lieu dont vous êtes membre.');
    const visitor = await app.client().error(GUIDE, { input: { need: 'demarches', fromOrganizationId: ids.ouvertLundi } });
    expect(visitor.extensions?.code).toBe('FORBIDDEN');
  });

  it('reads a bounded number of places: the same statements for a town of 4 places as for a town of 40', async () => {
    const before = await app.countStatements(() => guide(app.client(), { need: 'demarches', ...SAVENAY, slots: ['lundi-matin'] }));
    for (let i = 0; i < 36; i++) {
      await helper.data(CREATE, {
        input: {
          name: `Point numérique ${i}`,
          commune: 'Savenay',
          codePostal: '44260',
          adresse: `${i} rue des Écoles`,
          latitude: 47.37 + i / 1000,
          longitude: -1.95,
          horaires: 'Mo 09:00-12:00',
          services: ['Aide aux démarches administratives'],
        },
      });
    }
    const after = await app.countStatements(() => guide(app.client(), { need: 'demarches', ...SAVENAY, slots: ['lundi-matin'] }));
    expect(after.result.guidedOrientation.places).toHaveLength(8);
    expect(after.statements).toBe(before.statements);
  });
});

describe('fiche d’orientation', () => {
  it('gives the place, the way there, hours in words, the phone, what to bring and the helper’s name', async () => {
    const { orientationFiche } = await app
      .client()
      .data(FICHE, { slug: slugs.ouvertLundi, need: 'demarches', helperName: 'Camille, conseillère numérique' });
    expect(orientationFiche.name).toBe('Médiathèque Colette');
    expect(orientationFiche.address).toBe('12 rue de Nantes, 44260 Savenay');
    expect(orientationFiche.accessHint).toBe('Entrée par la cour, à gauche');
    expect(orientationFiche.directionsUrl).toContain('openstreetmap.org/directions?to=47.3652%2C-1.9448');
    expect(orientationFiche.telephone).toBe('02 40 58 32 10');
    expect(orientationFiche.hours).toContainEqual({ day: 'lundi', hours: times('9 h – 12 h') });
    expect(orientationFiche.hours).toContainEqual({ day: 'mercredi', hours: times('14 h – 18 h') });
    expect(orientationFiche.toBring).toContain('une pièce d’identité');
    expect(orientationFiche.toBring.join(' ')).toContain('FranceConnect');
    expect(orientationFiche.helperName).toBe('Camille, conseillère numérique');
    expect(orientationFiche.smsText.length).toBeLessThanOrEqual(300);
    expect(orientationFiche.smsText).toContain('Médiathèque Colette. 12 rue de Nantes, 44260 Savenay. Tél. 02 40 58 32 10');
    // A long fiche loses hours, never the name of who sends it.
    expect(orientationFiche.smsText).toMatch(/De la part de Camille, conseillère numérique$/);
  });

  it('writes the hours in English for an English page', async () => {
    const { orientationFiche } = await app.client({ 'accept-language': 'en' }).data(FICHE, { slug: slugs.ouvertLundi, need: 'demarches' });
    expect(orientationFiche.hours).toContainEqual({ day: 'Monday', hours: '09:00\u00a0– 12:00' });
    expect(orientationFiche.hours).toContainEqual({ day: 'Wednesday', hours: '14:00\u00a0– 18:00' });
    expect(orientationFiche.smsText).toContain('Monday 09:00\u00a0– 12:00');
    expect(orientationFiche.smsText).not.toMatch(/lundi|fermé| ;| :/);
  });

  it('an unknown place is not found', async () => {
    const error = await app.client().error(FICHE, { slug: 'nulle-part' });
    expect(error.extensions?.code).toBe('NOT_FOUND');
  });

  it('downloads as a valid, tagged PDF in French, whose text a reader extracts with its accents', async () => {
    const response = await fetch(`${app.url}/api/orienter/fiches/${slugs.ouvertLundi}.pdf?besoin=demarches&accompagnant=Camille`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('/StructTreeRoot');
    // The catalog's /MarkInfo is an indirect object (`/MarkInfo 5 0 R`): read it where it is written.
    const markInfo = /\/MarkInfo (\d+) 0 R/.exec(raw)?.[1];
    expect(markInfo).toBeDefined();
    expect(raw).toMatch(new RegExp(`\\n${markInfo} 0 obj\\s*<<\\s*/Marked true\\s*>>`));
    expect(raw).toContain('/Lang (fr-FR)');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/FontFile2/); // the font is embedded
    expect(raw).toMatch(/\/S \/H1/);

    const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    expect(pdf.numPages).toBe(1);
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.map((item: any) => item.str).join(' ');
    expect(text).toContain('Médiathèque Colette');
    expect(text).toContain('Entrée par la cour, à gauche');
    expect(text).toContain('une pièce d’identité');
    expect(text).toContain('Fiche remise par Camille');
    const { info } = (await pdf.getMetadata()) as any;
    expect(info.Title).toBe(french('Fiche d’orientation : Médiathèque Colette'));
    await pdf.destroy();
  });

  it('answers 404 for an unknown place’s PDF', async () => {
    const response = await fetch(`${app.url}/api/orienter/fiches/nulle-part.pdf`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Ce lieu n’existe pas ou plus.');
  });

  it('is e-mailed through the outbox, then the address is forgotten once sent', async () => {
    const to = 'mme.durand@exemple.fr';
    expect(await helper.data(SEND, { input: { slug: slugs.ouvertLundi, need: 'demarches', helperName: 'Camille', email: to } })).toEqual({
      sendOrientationFiche: true,
    });
    const [row] = await sql(`select id, to_address, kind, subject, status from email_outbox where to_address = ?`, [to]);
    expect(row).toMatchObject({
      kind: 'fiche-orientation',
      subject: french('Maillage — Fiche d’orientation : Médiathèque Colette'),
      status: 'pending',
    });
    await drainEmailOutbox(app.orm.em.fork(), createTransport(smtp.url), {
      publicUrl: 'https://maillage.exemple.fr',
      from: 'ne-pas-repondre@exemple.fr',
    });
    const mail = smtp.messages.find((m) => m.to.includes(to))!;
    expect(mail.text).toContain(french('Lieu : Médiathèque Colette'));
    expect(mail.text).toContain(french('Téléphone : 02 40 58 32 10'));
    expect(mail.text).toContain('Ce message vous a été envoyé par Camille');
    const [after] = await sql(`select to_address, status from email_outbox where id = ?`, [row.id]);
    expect(after).toEqual({ to_address: '', status: 'sent' });
  });

  it('refuses visitors, bad addresses (in French, keeping nothing) and too many e-mails to one address', async () => {
    const visitor = await app.client().error(SEND, { input: { slug: slugs.ouvertLundi, email: 'a@exemple.fr' } });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await helper.error(SEND, { input: { slug: slugs.ouvertLundi, email: 'mme.durand' } });
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.extensions?.fields as any).email).toBe('Indiquez une adresse e-mail complète, par exemple nom@exemple.fr.');
    expect(await sql(`select 1 from email_outbox where to_address = 'mme.durand'`)).toHaveLength(0);

    const to = 'm.petit@exemple.fr';
    for (let i = 0; i < 3; i++) await helper.data(SEND, { input: { slug: slugs.ouvertLundi, email: to } });
    const limited = await helper.error(SEND, { input: { slug: slugs.ouvertLundi, email: to } });
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.message).toBe('Cette adresse a déjà reçu plusieurs fiches aujourd’hui. Imprimez la fiche ou envoyez-la par SMS.');
    expect(await sql(`select 1 from email_outbox where to_address = ?`, [to])).toHaveLength(3);
  });
});

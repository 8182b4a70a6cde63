import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithProConnect } from '../../server/src/modules/comptes/proconnect.service.js';
import { todayInParis } from '../../server/src/modules/reseau/organization-fields.js';
import { STRONG_PASSWORD, grantRoleInDb, signUp, startTestApp, uniqueEmail, type GraphQLClient, type TestApp } from '../helpers/api.js';
import { createMember } from '../helpers/accounts.js';

import { french } from '../helpers/french.js';
const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug } }`;
const CLAIM = `mutation ($input: ClaimPlaceInput!) { claimPlace(input: $input) { id status bySiret message organization { name } user { displayName } } }`;
const DECIDE_CLAIM = `mutation ($input: DecidePlaceClaimInput!) { decidePlaceClaim(input: $input) { id status decidedAt } }`;
const WITHDRAW = `mutation ($input: WithdrawPlaceClaimInput!) { withdrawPlaceClaim(input: $input) { id status } }`;
const SUGGEST = `mutation ($input: SuggestPlaceChangesInput!) { suggestPlaceChanges(input: $input) {
  id status comment author { displayName } changes { field label from to } } }`;
const DECIDE_SUGGESTION = `mutation ($input: DecidePlaceSuggestionInput!) { decidePlaceSuggestion(input: $input) { id status decidedAt } }`;
const PLACE = `query ($slug: String!) { organization(slug: $slug) {
  id myRole telephone adresse dateMaj pendingPlaceRequests myPlaceClaim { id status } } }`;
const CLAIMS = `query ($organizationId: ID) { placeClaimsToDecide(organizationId: $organizationId, first: 20) {
  totalCount edges { node { id message user { displayName } organization { name slug } } } } }`;
const SUGGESTIONS = `query ($organizationId: ID) { placeSuggestionsToDecide(organizationId: $organizationId, first: 20) {
  totalCount edges { node { id comment author { displayName } changes { field from to } } } } }`;
const NOTIFICATIONS = `{ notifications(first: 20) { edges { node { kind message link } } } }`;
const JOIN = `mutation ($input: JoinNetworkInput!) { requestToJoinNetwork(input: $input) { id } }`;
const DECIDE_NETWORK = `mutation ($input: DecideNetworkRequestInput!) { decideNetworkRequest(input: $input) { id } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

interface Person {
  client: GraphQLClient;
  id: string;
  email: string;
}

async function person(name: string): Promise<Person> {
  const client = app.client();
  const { id, email } = await signUp(client, name);
  return { client, id, email };
}

/** A member made through the service (this file signs up many people: the sign-up limit per address would stop it), signed in. */
let madeInDb = 0;
async function memberInDb(name: string): Promise<Person> {
  const email = uniqueEmail('membre');
  madeInDb += 1;
  const { user, token } = await createMember(
    app.orm.em.fork(),
    { email, password: STRONG_PASSWORD, displayName: name },
    { ip: `10.0.${madeInDb}.1` },
  );
  const client = app.client();
  client.cookies.set('maillage_session', token);
  return { client, id: user.id, email };
}

async function place(
  admin: Person,
  name: string,
  fields: Record<string, unknown> = {},
  kind = 'LIEU',
): Promise<{ id: string; slug: string }> {
  const created = (await admin.client.data(CREATE, { input: { name, kind, ...fields } })).createOrganization;
  return created;
}

/** An imported place: nobody administers it. */
async function placeWithoutAdmin(name: string, fields: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> {
  const importer = await person('Import Lieux');
  const created = await place(importer, name, fields);
  await app.orm.em.getConnection().execute(`delete from membership where organization_id = ?`, [created.id]);
  return created;
}

/** The lines about places of the moderation log where this person acted or is concerned, newest first, as a platform admin reads them. */
let logReader: Person | null = null;
async function placeLog(
  userId: string,
  lang: 'fr' | 'en' = 'fr',
): Promise<Array<{ action: string; summary: string; targetUserId: string | null }>> {
  if (!logReader) {
    logReader = await memberInDb('Lison Journal');
    await grantRoleInDb(app, logReader.id, 'admin');
  }
  const client = app.client({ 'accept-language': lang });
  client.cookies.set('maillage_session', logReader.client.cookies.get('maillage_session')!);
  const LOG = `query ($userId: ID) { auditLog(action: "reseau", userId: $userId, first: 5) { edges { node { action summary targetUserId } } } }`;
  return (await client.data(LOG, { userId })).auditLog.edges.map((edge: any) => edge.node);
}

async function inbox(who: Person): Promise<Array<{ kind: string; message: string; link: string }>> {
  return (await who.client.data(NOTIFICATIONS)).notifications.edges.map((edge: any) => edge.node);
}

describe('revendiquer ce lieu', () => {
  it("is decided by the place's admin: accepted, the claimant becomes an admin and is told", async () => {
    const admin = await person('Alix Admin');
    const claimant = await person('Claude Médiatrice');
    const { id, slug } = await place(admin, 'Médiathèque de Blain');

    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: id, message: 'Je suis la nouvelle médiatrice.' } }))
      .claimPlace;
    expect(claim).toMatchObject({ status: 'PENDING', bySiret: false, message: 'Je suis la nouvelle médiatrice.' });
    expect((await claimant.client.data(PLACE, { slug })).organization).toMatchObject({
      myRole: null,
      myPlaceClaim: { id: claim.id, status: 'PENDING' },
      pendingPlaceRequests: null,
    });

    expect((await inbox(admin)).find((n) => n.kind === 'reseau.claim_request')).toMatchObject({
      message: expect.stringContaining(french('Claude Médiatrice demande à gérer la page de « Médiathèque de Blain »')),
      link: `/reseau/demandes?lieu=${slug}`,
    });
    expect((await admin.client.data(PLACE, { slug })).organization.pendingPlaceRequests).toBe(1);
    const listed = (await admin.client.data(CLAIMS, { organizationId: id })).placeClaimsToDecide;
    expect(listed.totalCount).toBe(1);
    expect(listed.edges[0].node).toMatchObject({ id: claim.id, user: { displayName: 'Claude Médiatrice' } });

    const decided = (await admin.client.data(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } })).decidePlaceClaim;
    expect(decided.status).toBe('ACCEPTED');
    expect((await claimant.client.data(PLACE, { slug })).organization.myRole).toBe('ADMIN');
    expect((await inbox(claimant)).find((n) => n.kind === 'reseau.claim_decision')?.message).toContain('Vous gérez maintenant');
    // Answered: it leaves the list, and cannot be answered twice.
    expect((await admin.client.data(CLAIMS, { organizationId: id })).placeClaimsToDecide.totalCount).toBe(0);
    const again = await admin.client.error(DECIDE_CLAIM, { input: { claimId: claim.id, accept: false } });
    expect(again.extensions?.code).toBe('CONFLICT');
    const [audit] = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as n from audit_log where action = 'reseau.place_claim_accepted' and content_id = ?`, [id]);
    expect(audit.n).toBe(1);
    // The platform's admins read it in words, in French and in English.
    const platformAdmin = await memberInDb('Paule Plateforme');
    await grantRoleInDb(app, platformAdmin.id, 'admin');
    const LOG = `query ($userId: ID) { auditLog(action: "reseau", userId: $userId, first: 5) { edges { node { action summary } } } }`;
    expect((await platformAdmin.client.data(LOG, { userId: claimant.id })).auditLog.edges.map((edge: any) => edge.node)).toEqual([
      {
        action: 'reseau.place_claim_accepted',
        summary: french('Alix Admin a accepté la demande de Claude Médiatrice pour gérer « Médiathèque de Blain »'),
      },
      { action: 'reseau.place_claimed', summary: french('Claude Médiatrice a demandé à gérer « Médiathèque de Blain »') },
    ]);
    const english = app.client({ 'accept-language': 'en' });
    english.cookies.set('maillage_session', platformAdmin.client.cookies.get('maillage_session')!);
    expect((await english.data(LOG, { userId: claimant.id })).auditLog.edges[0].node.summary).toBe(
      'Alix Admin accepted the request of Claude Médiatrice to manage "Médiathèque de Blain"',
    );
  });

  it('writes a claim, its answer, their notices and their lines in the moderation log together, or none of them', async () => {
    const admin = await memberInDb('Capucine Admin');
    const claimant = await memberInDb('Elio Demandeur');
    const { id, slug } = await place(admin, 'Espace numérique de Fay-de-Bretagne');
    const conn = app.orm.em.getConnection();
    const linesOf = async (action: string) =>
      (await conn.execute(`select count(*)::int as n from audit_log where action = ? and content_id = ?`, [action, id]))[0].n;
    // The log cannot be written for this place (a full disk, a statement cut short): whatever came before it is undone.
    const breakTheLog = () =>
      conn.execute(`create or replace function refuse_audit_of_test_place() returns trigger language plpgsql as $$
        begin if new.content_id = '${id}'::uuid then raise exception 'journal indisponible'; end if; return new; end $$;
        create trigger refuse_audit_of_test_place before insert on audit_log for each row execute function refuse_audit_of_test_place();`);
    const mendTheLog = () => conn.execute(`drop trigger refuse_audit_of_test_place on audit_log`);

    await breakTheLog();
    try {
      expect((await claimant.client.error(CLAIM, { input: { organizationId: id } })).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await mendTheLog();
    }
    expect((await claimant.client.data(PLACE, { slug })).organization.myPlaceClaim).toBeNull();
    expect((await inbox(admin)).some((n) => n.kind === 'reseau.claim_request')).toBe(false);

    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: id } })).claimPlace;
    expect(await linesOf('reseau.place_claimed')).toBe(1);
    await breakTheLog();
    try {
      const failed = await admin.client.error(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } });
      expect(failed.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await mendTheLog();
    }
    // Not answered: the claim waits, the claimant is not an admin and heard nothing.
    expect((await claimant.client.data(PLACE, { slug })).organization).toMatchObject({
      myRole: null,
      myPlaceClaim: { id: claim.id, status: 'PENDING' },
    });
    expect((await inbox(claimant)).some((n) => n.kind === 'reseau.claim_decision')).toBe(false);
    expect(await linesOf('reseau.place_claim_accepted')).toBe(0);

    // Answered again once the log can be written: the answer and its one line.
    await admin.client.data(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } });
    expect((await claimant.client.data(PLACE, { slug })).organization.myRole).toBe('ADMIN');
    expect(await linesOf('reseau.place_claim_accepted')).toBe(1);
  });

  it('declined: the claimant stays outside and is told', async () => {
    const admin = await person('Basile Admin');
    const claimant = await person('Dana Curieuse');
    const { id, slug } = await place(admin, 'EPN de Savenay');
    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: id } })).claimPlace;
    await admin.client.data(DECIDE_CLAIM, { input: { claimId: claim.id, accept: false } });
    expect((await claimant.client.data(PLACE, { slug })).organization).toMatchObject({
      myRole: null,
      myPlaceClaim: { status: 'DECLINED' },
    });
    expect((await inbox(claimant)).find((n) => n.kind === 'reseau.claim_decision')?.message).toContain('n’a pas été acceptée');
  });

  it('is said in words in "mes données", in the member’s language, never naming who answered someone else', async () => {
    const admin = await memberInDb('Bérénice Admin');
    const claimant = await memberInDb('Dorian Curieux');
    const { id } = await place(admin, 'EPN de Bouvron');
    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: id } })).claimPlace;
    await admin.client.data(DECIDE_CLAIM, { input: { claimId: claim.id, accept: false } });

    const download = async (who: Person, file: string) =>
      fetch(`${app.url}/api/${file}`, { headers: { cookie: `maillage_session=${who.client.cookies.get('maillage_session')}` } });
    const logOf = async (who: Person) => (await (await download(who, 'mes-donnees.json')).json()).sections.moderation.auditLog;
    // The claimant's own line names them; the answer does not say who gave it, as the rest of their data does not.
    expect(await logOf(claimant)).toEqual([
      expect.objectContaining({
        action: 'reseau.place_claimed',
        summary: french('Dorian Curieux a demandé à gérer « EPN de Bouvron »'),
        contentId: id,
        role: 'actor',
      }),
      expect.objectContaining({
        action: 'reseau.place_claim_declined',
        summary: french('Un·e responsable a refusé la demande de Dorian Curieux pour gérer « EPN de Bouvron »'),
        contentId: id,
        role: 'concerned',
      }),
    ]);
    expect(JSON.stringify(await logOf(claimant))).not.toContain(admin.id);
    // The one who answered finds their answer as the journal says it.
    expect(await logOf(admin)).toContainEqual(
      expect.objectContaining({
        action: 'reseau.place_claim_declined',
        summary: french('Bérénice Admin a refusé la demande de Dorian Curieux pour gérer « EPN de Bouvron »'),
        role: 'actor',
      }),
    );

    // In English for a member whose language is English, in the JSON and in the archive's spreadsheet.
    await claimant.client.data(`mutation { updateProfile(input: { locale: "en" }) { id } }`);
    expect((await logOf(claimant)).map((line: any) => line.summary)).toEqual([
      'Dorian Curieux asked to manage "EPN de Bouvron"',
      'Someone in charge declined the request of Dorian Curieux to manage "EPN de Bouvron"',
    ]);
    const files = unzipSync(new Uint8Array(await (await download(claimant, 'mes-donnees.zip')).arrayBuffer()));
    const rows = parse(strFromU8(files['Reports and moderation.csv']), { bom: true }) as string[][];
    expect(rows).toContainEqual([
      'Moderation log',
      '2',
      'What happened',
      'Someone in charge declined the request of Dorian Curieux to manage "EPN de Bouvron"',
    ]);
  });

  it("of a place without admins is decided by its network's admins; anyone else is refused", async () => {
    const coordinator = await person('Eden Coordination');
    const network = await place(coordinator, 'Réseau Numérique Loire', {}, 'RESEAU');
    const orphan = await placeWithoutAdmin('Tiers-lieu de Guémené');
    // The network's admin puts the place in the network (the place has no admin to ask).
    const networkAdminRow = await app.orm.em
      .getConnection()
      .execute(
        `insert into network_membership (id, network_id, member_id, status) values (gen_random_uuid(), ?, ?, 'accepted') returning id`,
        [network.id, orphan.id],
      );
    expect(networkAdminRow).toHaveLength(1);

    const claimant = await person('Fanny Animatrice');
    const outsider = await person('Gaël Passant');
    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: orphan.id } })).claimPlace;
    expect((await inbox(coordinator)).some((n) => n.kind === 'reseau.claim_request')).toBe(true);
    expect((await coordinator.client.data(CLAIMS, {})).placeClaimsToDecide.edges.map((e: any) => e.node.id)).toContain(claim.id);

    const refused = await outsider.client.error(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('Seuls les administrateurs de ce lieu');
    expect((await outsider.client.data(CLAIMS, {})).placeClaimsToDecide.totalCount).toBe(0);

    await coordinator.client.data(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } });
    expect((await claimant.client.data(PLACE, { slug: orphan.slug })).organization.myRole).toBe('ADMIN');
  });

  it('of a place with neither admins nor network is decided by a platform admin', async () => {
    const platformAdmin = await person('Hana Plateforme');
    await grantRoleInDb(app, platformAdmin.id, 'admin');
    const orphan = await placeWithoutAdmin('Espace public numérique de Nozay');
    const claimant = await person('Inès Conseillère');
    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: orphan.id } })).claimPlace;
    expect((await inbox(platformAdmin)).some((n) => n.kind === 'reseau.claim_request' && n.message.includes('Nozay'))).toBe(true);
    expect((await platformAdmin.client.data(CLAIMS, {})).placeClaimsToDecide.edges.map((e: any) => e.node.id)).toContain(claim.id);
    await platformAdmin.client.data(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } });
    expect((await claimant.client.data(PLACE, { slug: orphan.slug })).organization.myRole).toBe('ADMIN');
  });

  it('refuses a plain member deciding, a second claim, a claim on a place you already manage, and a visitor', async () => {
    const admin = await person('Jules Admin');
    const member = await person('Kim Membre');
    const claimant = await person('Lou Demandeuse');
    const { id } = await place(admin, 'Fablab de Pontchâteau');
    await admin.client.data(`mutation ($input: MemberInput!) { addMember(input: $input) { role } }`, {
      input: { organizationId: id, userId: member.id },
    });
    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: id } })).claimPlace;

    const byMember = await member.client.error(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } });
    expect(byMember.extensions?.code).toBe('FORBIDDEN');
    const bySelf = await claimant.client.error(DECIDE_CLAIM, { input: { claimId: claim.id, accept: true } });
    expect(bySelf.extensions?.code).toBe('FORBIDDEN');

    const twice = await claimant.client.error(CLAIM, { input: { organizationId: id } });
    expect(twice.extensions?.code).toBe('CONFLICT');
    expect(twice.message).toContain('votre demande attend une réponse');

    const own = await admin.client.error(CLAIM, { input: { organizationId: id } });
    expect(own.extensions?.code).toBe('CONFLICT');
    expect(own.message).toBe('Vous administrez déjà ce lieu.');

    const visitor = await app.client().error(CLAIM, { input: { organizationId: id } });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');

    // Someone else cannot withdraw it; its author can, and may then ask again.
    expect((await member.client.error(WITHDRAW, { input: { claimId: claim.id } })).extensions?.code).toBe('FORBIDDEN');
    expect((await claimant.client.data(WITHDRAW, { input: { claimId: claim.id } })).withdrawPlaceClaim.status).toBe('WITHDRAWN');
    expect((await claimant.client.data(CLAIM, { input: { organizationId: id } })).claimPlace.status).toBe('PENDING');
  });

  it('is accepted at once when ProConnect gave the SIRET that is the place’s pivot', async () => {
    const admin = await person('Maël Admin');
    const claimant = await person('Noa Directrice');
    const { id, slug } = await place(admin, 'Centre social de Saint-Nazaire', { pivot: '12345678900012' });
    await signInWithProConnect(app.orm.em.fork(), { sub: 'pc-noa', email: claimant.email, siret: '12345678900012' }, { ip: '127.0.0.1' });

    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: id } })).claimPlace;
    expect(claim).toMatchObject({ status: 'ACCEPTED', bySiret: true });
    expect((await claimant.client.data(PLACE, { slug })).organization.myRole).toBe('ADMIN');
    expect((await inbox(admin)).find((n) => n.kind === 'reseau.claim_request')?.message).toContain('ProConnect');
    // The log says it was ProConnect's SIRET, with nobody else deciding (no "a demandé" line before it).
    expect(await placeLog(claimant.id)).toEqual([
      {
        action: 'reseau.place_claim_accepted_by_siret',
        summary: french('Noa Directrice gère « Centre social de Saint-Nazaire », ProConnect ayant indiqué le SIRET de la structure'),
        targetUserId: claimant.id,
      },
    ]);
    expect((await placeLog(claimant.id, 'en')).map((line) => line.summary)).toEqual([
      'Noa Directrice manages "Centre social de Saint-Nazaire", ProConnect having given the organization\'s SIRET',
    ]);

    // Another SIRET: an ordinary claim.
    const other = await person('Oscar Autre');
    await signInWithProConnect(app.orm.em.fork(), { sub: 'pc-oscar', email: other.email, siret: '99999999900099' }, { ip: '127.0.0.1' });
    expect((await other.client.data(CLAIM, { input: { organizationId: id } })).claimPlace.status).toBe('PENDING');
  });
});

describe('signaler une erreur', () => {
  async function lieuxJson(): Promise<Array<Record<string, string>>> {
    return (await fetch(`${app.url}/api/lieux.json`)).json();
  }

  it('accepted: the fields change and the open data dates the place today', async () => {
    const admin = await person('Pia Admin');
    const author = await person('Quentin Usager');
    const { id, slug } = await place(admin, 'Maison France Services de Blain', {
      adresse: '1 rue du Château',
      commune: 'Blain',
      codePostal: '44130',
      telephone: '02 40 79 00 00',
    });
    await app.orm.em.getConnection().execute(`update organization set date_maj = '2024-01-15' where id = ?`, [id]);

    const suggestion = (
      await author.client.data(SUGGEST, {
        input: {
          organizationId: id,
          comment: 'Le numéro a changé en septembre.',
          changes: [
            { field: 'telephone', value: '02 40 79 11 22' },
            // Unchanged: left out.
            { field: 'commune', value: 'Blain' },
          ],
        },
      })
    ).suggestPlaceChanges;
    expect(suggestion).toMatchObject({
      status: 'PENDING',
      author: { displayName: 'Quentin Usager' },
      changes: [{ field: 'telephone', label: 'téléphone', from: '+33240790000', to: '+33240791122' }],
    });
    expect((await inbox(admin)).find((n) => n.kind === 'reseau.suggestion')?.message).toContain('signale une erreur');
    const listed = (await admin.client.data(SUGGESTIONS, { organizationId: id })).placeSuggestionsToDecide;
    expect(listed.edges.map((e: any) => e.node.id)).toEqual([suggestion.id]);

    expect((await lieuxJson()).find((p) => p.nom === 'Maison France Services de Blain')).toMatchObject({ date_maj: '2024-01-15' });
    const decided = (await admin.client.data(DECIDE_SUGGESTION, { input: { suggestionId: suggestion.id, accept: true } }))
      .decidePlaceSuggestion;
    expect(decided.status).toBe('ACCEPTED');
    expect((await admin.client.data(PLACE, { slug })).organization).toMatchObject({ telephone: '+33240791122', dateMaj: todayInParis() });
    expect((await lieuxJson()).find((p) => p.nom === 'Maison France Services de Blain')).toMatchObject({
      telephone: '+33240791122',
      date_maj: todayInParis(),
    });
    expect((await inbox(author)).find((n) => n.kind === 'reseau.suggestion_decision')?.message).toContain('acceptée');
    // The log names who accepted and the place; the author is the person concerned.
    expect(await placeLog(admin.id)).toEqual([
      {
        action: 'reseau.place_suggestion_accepted',
        summary: french('Pia Admin a accepté une correction proposée pour « Maison France Services de Blain »'),
        targetUserId: author.id,
      },
    ]);
    expect((await placeLog(author.id, 'en')).map((line) => line.summary)).toEqual([
      'Pia Admin accepted a correction suggested for "Maison France Services de Blain"',
    ]);
  });

  it('declined: nothing changes', async () => {
    const admin = await person('Rémi Admin');
    const author = await person('Sacha Usager');
    const { id, slug } = await place(admin, 'Bibliothèque de Plessé', {
      adresse: '2 place de l’Église',
      commune: 'Plessé',
      codePostal: '44630',
    });
    const before = (await admin.client.data(PLACE, { slug })).organization;
    const suggestion = (
      await author.client.data(SUGGEST, { input: { organizationId: id, changes: [{ field: 'adresse', value: '4 rue Neuve' }] } })
    ).suggestPlaceChanges;
    await admin.client.data(DECIDE_SUGGESTION, { input: { suggestionId: suggestion.id, accept: false } });
    expect((await admin.client.data(PLACE, { slug })).organization).toMatchObject({ adresse: before.adresse, dateMaj: before.dateMaj });
    expect((await admin.client.data(SUGGESTIONS, { organizationId: id })).placeSuggestionsToDecide.totalCount).toBe(0);
    expect(await placeLog(author.id)).toEqual([
      {
        action: 'reseau.place_suggestion_declined',
        summary: french('Rémi Admin a refusé une correction proposée pour « Bibliothèque de Plessé »'),
        targetUserId: author.id,
      },
    ]);
    expect((await placeLog(author.id, 'en')).map((line) => line.summary)).toEqual([
      'Rémi Admin declined a correction suggested for "Bibliothèque de Plessé"',
    ]);
  });

  it("refuses invalid values with the field's French message, nothing changed, unknown fields, others deciding, and visitors", async () => {
    const admin = await person('Tess Admin');
    const author = await person('Ugo Usager');
    const { id } = await place(admin, 'Point numérique de Campbon', { codePostal: '44750' });

    const invalid = await author.client.error(SUGGEST, {
      input: {
        organizationId: id,
        changes: [
          { field: 'codePostal', value: '447' },
          { field: 'courriels', value: 'pas-une-adresse' },
        ],
      },
    });
    expect(invalid.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.extensions?.fields).toMatchObject({
      codePostal: french('Le code postal doit avoir 5 chiffres (exemple : 44260).'),
      courriels: french('L’adresse « pas-une-adresse » n’est pas une adresse e-mail valide.'),
    });

    const nothing = await author.client.error(SUGGEST, {
      input: { organizationId: id, changes: [{ field: 'codePostal', value: '44750' }] },
    });
    expect(nothing.message).toContain('Vous n’avez rien changé');

    const unknown = await author.client.error(SUGGEST, { input: { organizationId: id, changes: [{ field: 'source', value: 'Moi' }] } });
    expect(unknown.extensions?.fields).toHaveProperty('source');

    const visitor = await app.client().error(SUGGEST, { input: { organizationId: id, changes: [{ field: 'adresse', value: '1 rue' }] } });
    expect(visitor.extensions?.code).toBe('UNAUTHENTICATED');

    const suggestion = (
      await author.client.data(SUGGEST, { input: { organizationId: id, changes: [{ field: 'adresse', value: '1 rue Haute' }] } })
    ).suggestPlaceChanges;
    const bySelf = await author.client.error(DECIDE_SUGGESTION, { input: { suggestionId: suggestion.id, accept: true } });
    expect(bySelf.extensions?.code).toBe('FORBIDDEN');
    expect((await author.client.data(SUGGESTIONS, { organizationId: id })).placeSuggestionsToDecide.totalCount).toBe(0);
  });

  it('is in "mes données"; after deleting the account, answered ones stay unsigned and claims are gone', async () => {
    const admin = await person('Vic Admin');
    const author = await person('Wen Partante');
    const { id } = await place(admin, 'Cyberbase de Héric', { codePostal: '44810' });
    const answered = (await author.client.data(SUGGEST, { input: { organizationId: id, changes: [{ field: 'commune', value: 'Héric' }] } }))
      .suggestPlaceChanges;
    await admin.client.data(DECIDE_SUGGESTION, { input: { suggestionId: answered.id, accept: true } });
    await author.client.data(SUGGEST, { input: { organizationId: id, changes: [{ field: 'adresse', value: '3 rue Basse' }] } });
    await author.client.data(CLAIM, { input: { organizationId: id, message: 'Je travaille ici.' } });

    const exported = await (
      await fetch(`${app.url}/api/mes-donnees.json`, {
        headers: { cookie: `maillage_session=${author.client.cookies.get('maillage_session')}` },
      })
    ).json();
    const reseau = JSON.stringify(exported.sections.organisations);
    expect(reseau).toContain('Je travaille ici.');
    expect(reseau).toContain('3 rue Basse');

    await author.client.data(`mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { kept { section } } }`, {
      input: { password: STRONG_PASSWORD },
    });
    const conn = app.orm.em.getConnection();
    const [claims] = await conn.execute(`select count(*)::int as n from place_claim where organization_id = ?`, [id]);
    expect(claims.n).toBe(0);
    const rows = await conn.execute(`select status, author_id from place_suggestion where organization_id = ?`, [id]);
    expect(rows).toEqual([{ status: 'accepted', author_id: null }]);
  });

  it('a network admin decides the suggestions of the places of the network that have no admin', async () => {
    const coordinator = await person('Xavier Coordination');
    const network = await place(coordinator, 'Réseau des EPN du Sillon', {}, 'RESEAU');
    const placeAdmin = await person('Yael Admin');
    const member = await place(placeAdmin, 'EPN de Cordemais');
    const request = (await placeAdmin.client.data(JOIN, { input: { networkId: network.id, organizationId: member.id } }))
      .requestToJoinNetwork;
    await coordinator.client.data(DECIDE_NETWORK, { input: { requestId: request.id, accept: true } });
    const author = await person('Zoé Usagère');
    const suggestion = (
      await author.client.data(SUGGEST, { input: { organizationId: member.id, changes: [{ field: 'adresse', value: '5 rue du Port' }] } })
    ).suggestPlaceChanges;
    // The place has its own admin: the network's admin does not decide.
    const refused = await coordinator.client.error(DECIDE_SUGGESTION, { input: { suggestionId: suggestion.id, accept: true } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    // Once the place has no admin, it does.
    await app.orm.em.getConnection().execute(`delete from membership where organization_id = ?`, [member.id]);
    await coordinator.client.data(DECIDE_SUGGESTION, { input: { suggestionId: suggestion.id, accept: true } });
    expect((await coordinator.client.data(PLACE, { slug: member.slug })).organization.adresse).toBe('5 rue du Port');
  });

  it("reads a decider's lists in the same number of statements for 2 and for 20 requests", async () => {
    const admin = await memberInDb('Lina Décide');
    const few = await place(admin, 'Lieu aux deux demandes');
    const many = await place(admin, 'Lieu aux vingt demandes');
    for (const [target, count] of [
      [few, 2],
      [many, 20],
    ] as const) {
      // Twenty a day per person: one author per place.
      const author = await memberInDb(`Malo Signale ${count}`);
      for (let i = 0; i < count; i += 1) {
        await author.client.data(SUGGEST, {
          input: { organizationId: target.id, changes: [{ field: 'adresse', value: `${i + 1} rue du Test` }] },
        });
        const claimant = await memberInDb(`Demandeur ${i}`);
        await app.orm.em
          .getConnection()
          .execute(`insert into place_claim (id, organization_id, user_id) values (gen_random_uuid(), ?, ?)`, [target.id, claimant.id]);
      }
    }
    const read = async (organizationId: string) => {
      const { result, statements } = await app.countStatements(() =>
        admin.client.data(
          `query ($organizationId: ID) { placeClaimsToDecide(organizationId: $organizationId, first: 30) { totalCount
            edges { node { id user { displayName } organization { name } } } }
          placeSuggestionsToDecide(organizationId: $organizationId, first: 30) { totalCount
            edges { node { id author { displayName } organization { name } changes { field from to } } } } }`,
          { organizationId },
        ),
      );
      return { statements, claims: result.placeClaimsToDecide.totalCount, suggestions: result.placeSuggestionsToDecide.totalCount };
    };
    const two = await read(few.id);
    const twenty = await read(many.id);
    expect([two.claims, two.suggestions, twenty.claims, twenty.suggestions]).toEqual([2, 2, 20, 20]);
    expect(twenty.statements).toBe(two.statements);
  });
});

describe("the moderation log's lines about places", () => {
  const ASK = `mutation ($input: AskToJoinOrganizationInput!) { askToJoinOrganization(input: $input) { id } }`;
  const ANSWER = `mutation ($input: DecideMembershipRequestInput!) { decideMembershipRequest(input: $input) { id } }`;
  const WARN = `mutation ($input: WarnMemberInput!) { warnMember(input: $input) { id } }`;
  const LOG = `query ($userId: ID, $contentType: String, $first: Int, $after: String) {
    auditLog(userId: $userId, contentType: $contentType, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { action contentType contentId } } } }`;

  it('are listed apart (/moderation/journal?action=lieux): claims, corrections and requests to join, page after page', async () => {
    const decider = await memberInDb('Soizic Décide');
    await grantRoleInDb(app, decider.id, 'admin');
    const { id } = await place(decider, 'Tiers-lieu de Vigneux');
    const joiner = await memberInDb('Tao Rejoint');
    const claimant = await memberInDb('Ulysse Revendique');
    const author = await memberInDb('Vera Corrige');
    const troublemaker = await memberInDb('Wassim Averti');

    const request = (await joiner.client.data(ASK, { input: { organizationId: id } })).askToJoinOrganization;
    await decider.client.data(ANSWER, { input: { requestId: request.id, accept: true } });
    const claim = (await claimant.client.data(CLAIM, { input: { organizationId: id } })).claimPlace;
    await decider.client.data(DECIDE_CLAIM, { input: { claimId: claim.id, accept: false } });
    const suggestion = (
      await author.client.data(SUGGEST, { input: { organizationId: id, changes: [{ field: 'commune', value: 'Vigneux' }] } })
    ).suggestPlaceChanges;
    await decider.client.data(DECIDE_SUGGESTION, { input: { suggestionId: suggestion.id, accept: true } });
    // A line about something else, by the same person: not among the places'.
    await decider.client.data(WARN, { input: { userId: troublemaker.id, reason: 'Propos déplacés' } });

    const all = (await decider.client.data(LOG, { userId: decider.id, first: 10 })).auditLog;
    expect(all.edges.map((edge: any) => edge.node.action)).toEqual([
      'moderation.warn',
      'reseau.place_suggestion_accepted',
      'reseau.place_claim_declined',
      'reseau.membership_request_accepted',
    ]);
    const first = (await decider.client.data(LOG, { userId: decider.id, contentType: 'reseau.place', first: 2 })).auditLog;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges.map((edge: any) => edge.node)).toEqual([
      { action: 'reseau.place_suggestion_accepted', contentType: 'reseau.place', contentId: id },
      { action: 'reseau.place_claim_declined', contentType: 'reseau.place', contentId: id },
    ]);
    const next = (
      await decider.client.data(LOG, { userId: decider.id, contentType: 'reseau.place', first: 2, after: first.pageInfo.endCursor })
    ).auditLog;
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect(next.edges.map((edge: any) => edge.node.action)).toEqual(['reseau.membership_request_accepted']);
  });
});
